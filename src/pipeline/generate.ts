import { Progress } from '../core/progress.js';
import type { ChatMessage, GenerateOptions, Generator } from '../generate/generator.js';
import { mapLimit } from '../generate/limit.js';

/**
 * The generate stage: one reply per prompt, in prompt order, `generator.concurrency` in flight,
 * with progress. Its outputs are content-addressed call by call: give it a generator from
 * `createCachedGenerator` / `cachedGenerator` (the one generation cache, keyed by model and filled
 * prompt), and a rerun or a killed run resumed makes no call already answered.
 */
export async function generate(generator: Generator, prompts: readonly (string | ChatMessage[])[], label: string, opts?: GenerateOptions): Promise<string[]> {
  const progress = new Progress(label, prompts.length);
  const replies = await mapLimit(prompts, generator.concurrency ?? 1, async (prompt) => {
    const reply = await generator.generate(prompt, opts);
    progress.tick();
    return reply;
  });
  progress.finish();
  return replies;
}
