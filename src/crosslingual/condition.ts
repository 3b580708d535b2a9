import type { Query, Run } from '../core/types.js';
import type { Dataset } from '../data/datasets.js';
import type { Locations } from '../mirror/locations.js';
import type { Retriever } from '../retrieve/retriever.js';
import type { SearchedQuery } from '../rewrite/searched-file.js';
import type { TranslatorContext } from '../translate/translator.js';

/** What every condition of the language-gap report shares. */
export interface ConditionContext {
  /** The parallel dataset as loaded: English corpus, every language's queries. */
  dataset: Dataset;
  loc: Locations;
  /** Retriever flags from the command line (k1, b, model…); each retriever validates its own. */
  params: Record<string, unknown>;
  translators: TranslatorContext;
  /** Depth of every run. */
  topK: number;
  /** A retriever over `dataset` (or one of its other corpus files), opened once per configuration. */
  retriever(name: string, params: Record<string, unknown>, corpusFile?: string): Promise<Retriever>;
}

export interface ConditionRun {
  run: Run;
  /** What was searched where it differs from the query (translations). */
  searched?: SearchedQuery[];
  /** The retriever's and any translator's configuration, for the run manifest. */
  config: Record<string, unknown>;
}

/**
 * One row family of the report: how one language's queries are searched. `applies` says why a
 * language gets no row (no dictionary, no corpus in that language) instead of leaving it empty.
 */
export interface ConditionDefinition {
  name: string;
  /** Row label in tables: `BM25 (English analyzer)`. */
  label: string;
  description: string;
  applies(lang: string, ctx: ConditionContext): true | string;
  run(lang: string, queries: readonly Query[], ctx: ConditionContext): Promise<ConditionRun>;
}

export function defineCondition(def: ConditionDefinition): ConditionDefinition {
  return def;
}
