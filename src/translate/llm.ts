import { MedirError } from '../core/errors.js';
import { PromptedGenerator } from '../rewrite/prompted.js';
import { loadPrompt } from '../rewrite/prompt.js';
import { defineTranslator, type Translator } from './translator.js';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** `es` → `Spanish`: the prompt names languages in words, which LLMs follow better than codes. */
function languageName(code: string): string {
  return languageNames.of(code) ?? code;
}

/** Translation by prompting the configured generator; replies are cached with the generator's cache. */
export class LlmTranslator implements Translator {
  readonly id: string;
  readonly config: Record<string, unknown>;
  readonly concurrency: number;

  constructor(private readonly prompted: PromptedGenerator) {
    this.id = `llm:${prompted.generator.id}`;
    this.config = { translator: 'llm', ...prompted.config };
    this.concurrency = prompted.generator.concurrency ?? 1;
  }

  async translate(text: string, from: string, to: string): Promise<string> {
    const reply = await this.prompted.generate({ text, from: languageName(from), to: languageName(to) });
    // An empty reply would search for nothing: keep the question as written instead.
    return reply.trim() || text;
  }
}

export default defineTranslator({
  name: 'llm',
  description: 'an LLM through the generator seam (--generator …), prompt prompts/rewrite/translate/v1',
  supports: (_from, ctx) => (ctx.generator ? true : 'no generator configured (--generator)'),
  async create(_from, ctx) {
    if (!ctx.generator) throw new MedirError('BAD_OPTION', '--translator llm needs a generator', 'add --generator openai-compatible --llm-model NAME (or --generator onnx)');
    return new LlmTranslator(new PromptedGenerator(ctx.generator, loadPrompt(ctx.prompt ?? 'rewrite/translate/v1', ['text'])));
  },
});
