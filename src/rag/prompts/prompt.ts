import type { ChatMessage } from '../../generate/messages.js';
import type { ExtractorName } from '../extractors/registry.js';
import type { Passage, QaItem } from '../item.js';
import type { Template } from './template.js';

export interface PromptDefinition {
  name: string;
  description: string;
  /** The folder under prompts/ whose files it reads (`medrag/v1`). */
  version: string;
  /** The extractor that reads this prompt's answer format. */
  extractor: ExtractorName;
  /** Replies are free text citing passages as `[i]`: answer rows keep the question, the passages shown and the cited ids. */
  citations?: boolean;
  /** Template files it uses (all of them, so their hashes go into the manifest). */
  templates(): Template[];
  render(item: QaItem, passages: readonly Passage[]): string | ChatMessage[];
}
