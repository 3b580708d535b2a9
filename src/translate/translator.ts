/** Turns a query written in one language into another (English evidence, in medir's data sets). */
export interface Translator {
  /** Names the translator and its configuration, for run manifests. */
  id: string;
  config: Record<string, unknown>;
  /** `from`/`to` are ISO 639-1 codes (`es`, `en`). Text it cannot translate is kept as it is. */
  translate(text: string, from: string, to: string): Promise<string>;
}
