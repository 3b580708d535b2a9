import { Progress } from '../core/progress.js';
import type { Generator } from '../generate/generator.js';
import { mapLimit } from '../generate/limit.js';
import { fillPrompt, promptIdentity, type RewritePrompt } from './prompt.js';
import { stripThinking } from './think.js';

/**
 * A generator bound to one prompt file: what rewriting and LLM translation share. Give it a
 * generator from `createCachedGenerator`: replies are then kept on disk by (model, filled prompt),
 * i.e. by (model, prompt file hash, query), and a rerun makes no call.
 */
export class PromptedGenerator {
  constructor(
    readonly generator: Generator,
    readonly prompt: RewritePrompt,
  ) {}

  /** Identity for manifests: the generator's config and the prompt's name and hash. */
  get config(): Record<string, unknown> {
    return { generator: this.generator.id, ...this.generator.config, prompt: promptIdentity(this.prompt) };
  }

  /** One reply for the slot values, `<think>` blocks stripped. */
  async generate(values: Record<string, string>): Promise<string> {
    return stripThinking(await this.generator.generate(fillPrompt(this.prompt, values)));
  }

  /** Replies for many inputs, `generator.concurrency` in flight, in input order, with progress. */
  async generateAll(inputs: readonly Record<string, string>[], label: string): Promise<string[]> {
    const progress = new Progress(label, inputs.length);
    const replies = await mapLimit(inputs, this.generator.concurrency ?? 1, async (values) => {
      const reply = await this.generate(values);
      progress.tick();
      return reply;
    });
    progress.finish();
    return replies;
  }
}
