/** What an extractor read from a reply: the option key it chose, and whether the reply actually said so. */
export interface Extraction {
  choice: string | null;
  /** False when nothing matched; a compat extractor may still return its fallback choice. */
  parsed: boolean;
}

export interface ExtractorDefinition {
  name: string;
  description: string;
  /** `keys`: the item's option keys; `lang`: its language (some cues are per language). */
  extract(reply: string, keys: readonly string[], lang: string): Extraction;
}
