import type { Generator } from '../generate/generator.js';
import { generate } from '../pipeline/generate.js';
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

  /** Replies for many inputs through the generate stage, in input order, `<think>` blocks stripped. */
  async generateAll(inputs: readonly Record<string, string>[], label: string): Promise<string[]> {
    const replies = await generate(this.generator, inputs.map((values) => fillPrompt(this.prompt, values)), label);
    return replies.map(stripThinking);
  }
}
