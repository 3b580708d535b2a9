import type { Passage } from '../rag/item.js';
import { contextText, fill, template, type Template } from '../rag/prompts/template.js';

/** The pairwise judge prompt: a versioned file under prompts/arena/ whose sha256 goes into every judgment. */
export const JUDGE_PROMPT_VERSION = 'arena/pairwise/v1';

export function judgePrompt(): Template {
  return template(`${JUDGE_PROMPT_VERSION}/user.txt`);
}

function samePassages(a: readonly Passage[], b: readonly Passage[]): boolean {
  return a.length === b.length && a.every((p, i) => p.id === b[i].id);
}

/**
 * The judge's prompt for one order. Answers shown the same passages share one numbered list;
 * answers shown different ones get each their own, so a citation [3] points where its system saw it.
 */
export function renderJudgePrompt(question: string, first: { answer: string; passages?: Passage[] }, second: { answer: string; passages?: Passage[] }): string {
  const [pa, pb] = [first.passages ?? [], second.passages ?? []];
  const context = samePassages(pa, pb)
    ? contextText(pa)
    : [pa.length ? `Shown to answer A:\n${contextText(pa)}` : '', pb.length ? `Shown to answer B:\n${contextText(pb)}` : ''].filter(Boolean).join('\n\n');
  return fill(judgePrompt(), { question, context, answer_a: first.answer, answer_b: second.answer });
}
