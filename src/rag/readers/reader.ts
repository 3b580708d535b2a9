import type { ParamSpec, ParamValues } from '../../core/params.js';
import type { Locations } from '../../mirror/locations.js';
import type { QaItem } from '../item.js';

/** Per item and option key, how strongly the setting's passages support "question + option". */
export type OptionScores = Map<string, Map<string, number>>;

/** What a baseline reader may use besides the items: the train split, and option scoring over the setting's passages. */
export interface ReaderContext {
  loc: Locations;
  /** Items of the data set's train split (empty when it has none). */
  train: readonly QaItem[];
  /** Retrieval scores of "question + option" over the setting's passage pool; absent in closed-book. */
  scoreOptions?: (items: readonly QaItem[]) => Promise<OptionScores>;
}

/** A reader without a language model: picks an option key per item, or null when it has no basis to. */
export interface ChoiceReader {
  id: string;
  config: Record<string, unknown>;
  choose(items: readonly QaItem[]): Promise<Map<string, string | null>>;
}

/** A reader without a model (IR solver, majority, random): answers multiple-choice items directly. */
export interface ReaderDefinition {
  kind: 'reader';
  name: string;
  description: string;
  params: readonly ParamSpec[];
  /** False for readers that ignore passages (majority, random): one closed-book run says all. */
  usesContext: boolean;
  create(params: ParamValues, ctx: ReaderContext): Promise<ChoiceReader>;
}
