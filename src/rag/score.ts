import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inputError, MedirError } from '../core/errors.js';
import { readJsonl } from '../io/lines.js';
import { answerRow, readReply, type AnswerRow } from './answer.js';
import type { ExtractorDefinition } from './extractors/extractor.js';
import type { QaItem } from './item.js';

/** A stored reply: MIRAGE's `{"id", "responses": [...]}` (the first response counts) or medir's `{"id", "reply"}`. */
export interface StoredReply {
  /** Undefined when the reply list is empty: no answer at all. */
  reply?: string;
}

/** `DIR/<group>.jsonl` per group (MIRAGE's layout), or one predictions file. */
export async function readReplies(path: string, groups: readonly string[]): Promise<Map<string, StoredReply>> {
  const files = existsSync(path) && statSync(path).isDirectory() ? groups.map((g) => join(path, `${g}.jsonl`)) : [path];
  const replies = new Map<string, StoredReply>();
  for (const file of files) {
    if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${file}: no predictions`, `expected ${groups.map((g) => `${g}.jsonl`).join(', ')} in the folder`);
    for await (const { value, line } of readJsonl(file)) {
      const id = value.id;
      if (typeof id !== 'string') throw inputError(file, line, "missing 'id'");
      if (replies.has(id)) throw inputError(file, line, `a second reply for '${id}'`);
      if (Array.isArray(value.responses)) {
        const first = value.responses[0];
        if (first !== undefined && typeof first !== 'string') throw inputError(file, line, "'responses' must hold strings");
        replies.set(id, { reply: first });
      } else if (typeof value.reply === 'string') {
        replies.set(id, { reply: value.reply });
      } else {
        throw inputError(file, line, "expected 'responses' (a list of strings) or 'reply' (a string)");
      }
    }
  }
  return replies;
}

export interface ScoredReplies {
  rows: AnswerRow[];
  /** Items with an empty reply list (scored wrong, not guessed). */
  empty: number;
  /** Items with no line at all (scored wrong). */
  missing: number;
}

/** Scores stored replies with an extractor; an empty or missing reply is wrong, never someone else's reply. */
export function scoreReplies(items: readonly QaItem[], replies: Map<string, StoredReply>, extractor: ExtractorDefinition): ScoredReplies {
  let empty = 0;
  let missing = 0;
  const rows = items.map((item): AnswerRow => {
    const stored = replies.get(item.id);
    if (!stored) missing++;
    else if (stored.reply === undefined) empty++;
    const reply = stored?.reply;
    return answerRow(item, reply ?? '', reply === undefined ? { choice: null, parsed: false } : readReply(extractor, reply, item), [], null);
  });
  return { rows, empty, missing };
}
