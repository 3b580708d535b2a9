import type { Generator } from '../generate/generator.js';
import type { Locations } from '../mirror/locations.js';

/** Turns a query written in one language into another (English evidence, in medir's data sets). */
export interface Translator {
  /** Names the translator and its configuration, for run manifests. */
  id: string;
  config: Record<string, unknown>;
  /** Calls it can serve at once (an LLM server); 1 when absent. */
  concurrency?: number;
  /** `from`/`to` are ISO 639-1 codes (`es`, `en`). Text it cannot translate is kept as it is. */
  translate(text: string, from: string, to: string): Promise<string>;
}

export interface TranslatorContext {
  loc: Locations;
  /** The configured generator (`--generator …`), for translators that prompt an LLM. */
  generator?: Generator;
  /** A prompt file replacing the translator's shipped one. */
  prompt?: string;
}

/** A translator plug-in: says which source languages it serves here, and builds one for a language. */
export interface TranslatorDefinition {
  name: string;
  description: string;
  /** `true` when it can translate `from` → English in this context, else why not (shown in tables). */
  supports(from: string, ctx: TranslatorContext): true | string;
  create(from: string, ctx: TranslatorContext): Promise<Translator>;
}

export function defineTranslator(def: TranslatorDefinition): TranslatorDefinition {
  return def;
}
