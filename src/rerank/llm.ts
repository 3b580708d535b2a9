import type { ParamSpec, ParamValues } from '../core/params.js';
import { createCachedGenerator } from '../generate/cache.js';
import type { Generator } from '../generate/generator.js';
import type { Locations } from '../mirror/locations.js';
import { loadPrompt, promptIdentity, type RewritePrompt } from '../rewrite/prompt.js';

/** The parameters every LLM reranker takes: which generator, its model and server, which prompt. */
export function llmRerankParams(prompt: string): ParamSpec[] {
  return [
    { key: 'generator', type: 'string', default: 'openai-compatible', help: 'generator that judges relevance (see `medir rag --help`)' },
    { key: 'llmModel', type: 'string', help: 'model the generator serves (openai-compatible) or runs (onnx)' },
    { key: 'baseUrl', type: 'string', help: 'server base URL (…/v1) of an openai-compatible generator' },
    { key: 'prompt', type: 'string', default: prompt, help: 'prompt version under prompts/ or a prompt folder' },
    { key: 'passageWords', type: 'integer', default: 300, min: 1, help: 'words of each passage shown' },
  ];
}

/** A passage as the LLM is shown it: its first `n` words (titles and abstracts fit; a long note does not need to). */
export function firstWords(text: string, n: number): string {
  return text.split(/\s+/).filter(Boolean).slice(0, n).join(' ');
}

export interface LlmJudge {
  generator: Generator;
  prompt: RewritePrompt;
  /** What the manifest records: generator id and config, prompt version and file hashes. */
  config: Record<string, unknown>;
}

/** The generator (behind the disk cache: a rerun makes no calls) and the prompt, slots checked. */
export async function openLlmJudge(params: ParamValues, slots: readonly string[], loc: Locations): Promise<LlmJudge> {
  const prompt = loadPrompt(params.prompt as string, slots);
  const generatorParams = { llmModel: params.llmModel, ...(params.baseUrl !== undefined ? { baseUrl: params.baseUrl } : {}) };
  const generator = await createCachedGenerator(params.generator as string, generatorParams, loc);
  return { generator, prompt, config: { generator: { id: generator.id, config: generator.config }, prompt: promptIdentity(prompt) } };
}
