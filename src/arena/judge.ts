import { MedirError } from '../core/errors.js';
import { Progress } from '../core/progress.js';
import type { Generator } from '../generate/generator.js';
import { mapLimit } from '../generate/limit.js';
import { seededUniform } from '../rag/seeded.js';
import { byQuery, type SystemAnswer } from './answers.js';
import { judgmentLine, type Verdict } from './judgments.js';
import { plannedPairs, tournamentSeeding, type PairBudget } from './pairs.js';
import { judgePrompt, renderJudgePrompt } from './prompt.js';
import { parseVerdict, swapVerdict } from './verdict.js';

/** Judge each pair in both orders (default, against position bias) or in one seeded order (MIRAGE-Bench's way). */
export const ORDERS = ['both', 'one'] as const;
/** A verdict that flips with the order: a tie, or two separate lines, one per order. */
export const ORDER_CONFLICTS = ['tie', 'separate'] as const;

export interface JudgeRun {
  /** The judge, already behind the generation cache: a rerun makes no calls. */
  generator: Generator;
  budget: PairBudget;
  seed: number;
  orders: (typeof ORDERS)[number];
  orderConflict: (typeof ORDER_CONFLICTS)[number];
  /** Question text by query id, for answers that do not carry their question. */
  questions?: ReadonlyMap<string, string>;
}

export interface JudgeStats {
  queries: number;
  /** Queries answered by one system only: nothing to compare, reported and skipped. */
  singleSystemQueries: string[];
  pairs: number;
  /** Pairs where no order gave a parsable verdict: no line is written for them. */
  pairsWithoutVerdict: number;
  replies: number;
  unparsable: number;
  judgments: number;
}

export interface JudgeResult {
  /** JSONL lines in MIRAGE-Bench's schema plus order, position_verdicts, raw_verdict, prompt_sha256. */
  lines: string[];
  stats: JudgeStats;
  judge: string;
}

interface Asked {
  reply: string;
  verdict: Verdict | null;
}

/** The judge's name in judgments: generator and model, as MIRAGE-Bench writes the judge model. */
export function judgeName(g: Generator): string {
  const model = g.config.model;
  return typeof model === 'string' ? `${g.id}:${model}` : g.id;
}

/** One pair judged: the lines to write and the verdict seen from `a` (null when no order parsed). */
interface PairOutcome {
  lines: string[];
  verdict: Verdict | null;
  replies: number;
  unparsable: number;
}

class PairJudge {
  readonly judge: string;
  private readonly sha256 = judgePrompt().sha256;

  constructor(private readonly run: JudgeRun) {
    this.judge = judgeName(run.generator);
  }

  private async ask(question: string, first: SystemAnswer, second: SystemAnswer): Promise<Asked> {
    const reply = await this.run.generator.generate(renderJudgePrompt(question, first, second));
    return { reply, verdict: parseVerdict(reply) };
  }

  private line(first: SystemAnswer, second: SystemAnswer, verdict: Verdict, fields: Record<string, unknown>): string {
    const lang = first.lang && first.lang === second.lang ? { lang: first.lang } : {};
    return judgmentLine({ queryId: first.queryId, judge: this.judge, modelA: first.system, modelB: second.system, verdict, promptSha256: this.sha256, ...fields, extra: lang });
  }

  async pair(question: string, a: SystemAnswer, b: SystemAnswer): Promise<PairOutcome> {
    if (this.run.orders === 'one') {
      const swap = seededUniform(this.run.seed, 'order', a.queryId, a.system, b.system) < 0.5;
      const [first, second] = swap ? [b, a] : [a, b];
      const asked = await this.ask(question, first, second);
      if (!asked.verdict) return { lines: [], verdict: null, replies: 1, unparsable: 1 };
      const line = this.line(first, second, asked.verdict, { order: swap ? 'BA' : 'AB', rawVerdict: asked.reply });
      return { lines: [line], verdict: swap ? swapVerdict(asked.verdict) : asked.verdict, replies: 1, unparsable: 0 };
    }
    const [ab, ba] = await Promise.all([this.ask(question, a, b), this.ask(question, b, a)]);
    const unparsable = Number(!ab.verdict) + Number(!ba.verdict);
    const fromA = ba.verdict ? swapVerdict(ba.verdict) : null;
    const lines: string[] = [];
    let verdict: Verdict | null;
    if (ab.verdict && fromA && this.run.orderConflict === 'tie') {
      verdict = ab.verdict === fromA ? ab.verdict : 'Tie';
      lines.push(this.line(a, b, verdict, { order: 'both', positionVerdicts: [ab.verdict, ba.verdict], rawVerdict: [ab.reply, ba.reply] }));
    } else {
      // Separate lines, or the one order that parsed: each line shows model_A first.
      if (ab.verdict) lines.push(this.line(a, b, ab.verdict, { order: 'AB', rawVerdict: ab.reply }));
      if (ba.verdict) lines.push(this.line(b, a, ba.verdict, { order: 'BA', rawVerdict: ba.reply }));
      verdict = ab.verdict && fromA ? (ab.verdict === fromA ? ab.verdict : 'Tie') : (ab.verdict ?? fromA);
    }
    return { lines, verdict, replies: 2, unparsable };
  }
}

function questionOf(answers: readonly SystemAnswer[], questions: ReadonlyMap<string, string> | undefined): string {
  const q = answers.find((a) => a.question)?.question ?? questions?.get(answers[0].queryId);
  if (q === undefined) throw new MedirError('BAD_INPUT', `query '${answers[0].queryId}': no question text in the answers`, 'give --queries queries.jsonl (BEIR: _id, text)');
  return q;
}

/**
 * Judges the answers' pairs query by query. Every call goes through the generation cache as it
 * arrives, and the lines are returned only when all are in, so a killed run writes nothing and its
 * rerun repeats no finished call: no judgment is lost or written twice.
 */
export async function judgeAnswers(answers: readonly SystemAnswer[], run: JudgeRun): Promise<JudgeResult> {
  const { queries, single } = byQuery(answers);
  const judge = new PairJudge(run);
  const totals = { pairs: 0, pairsWithoutVerdict: 0, replies: 0, unparsable: 0 };
  const record = (o: PairOutcome) => {
    totals.pairs++;
    totals.replies += o.replies;
    totals.unparsable += o.unparsable;
    if (!o.verdict) totals.pairsWithoutVerdict++;
    progress.tick();
  };
  const groups = [...queries.entries()].map(([id, list]) => ({ id, list, question: questionOf(list, run.questions) }));
  const expected = groups.reduce((n, g) => n + (run.budget.kind === 'tournament' ? g.list.length - 1 : plannedPairs(g.list.map((a) => a.system), run.budget, run.seed, g.id).length), 0);
  const progress = new Progress('arena judge', expected);

  const perQuery = await mapLimit(groups, run.generator.concurrency ?? 1, async ({ id, list, question }) => {
    const bySystem = new Map(list.map((a) => [a.system, a]));
    const lines: string[] = [];
    if (run.budget.kind !== 'tournament') {
      for (const [x, y] of plannedPairs(list.map((a) => a.system), run.budget, run.seed, id)) {
        const o = await judge.pair(question, bySystem.get(x)!, bySystem.get(y)!);
        record(o);
        lines.push(...o.lines);
      }
      return lines;
    }
    // Single elimination: winners advance; a tie or no verdict is settled by a seeded coin; an odd one out has a bye.
    let players = tournamentSeeding(list.map((a) => a.system), run.seed, id);
    for (let round = 1; players.length > 1; round++) {
      const next: string[] = [];
      for (let i = 0; i + 1 < players.length; i += 2) {
        const [x, y] = [players[i], players[i + 1]];
        const o = await judge.pair(question, bySystem.get(x)!, bySystem.get(y)!);
        record(o);
        lines.push(...o.lines);
        next.push(o.verdict === 'A' ? x : o.verdict === 'B' ? y : seededUniform(run.seed, 'coin', id, round, x, y) < 0.5 ? x : y);
      }
      if (players.length % 2 === 1) next.push(players.at(-1)!);
      players = next;
    }
    return lines;
  });
  progress.finish();
  const lines = perQuery.flat();
  return { lines, judge: judge.judge, stats: { queries: queries.size, singleSystemQueries: single, ...totals, judgments: lines.length } };
}
