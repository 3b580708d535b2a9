import type { QaItem } from '../item.js';

/** Where a condition's passages come from, and which of them a reader may see. */
export interface SettingDefinition {
  name: string;
  description: string;
  /** none: no context; retrieved: the top passages of the item's ranking; oracle: the item's gold context from the data. */
  passages: 'none' | 'retrieved' | 'oracle';
  /** Whether a passage may be shown for this item (distractors drop the gold ones). */
  allows(item: QaItem, passageId: string): boolean;
}
