import { inputError } from '../core/errors.js';
import type { Corpus } from '../core/types.js';

/**
 * The unit a single-record ranking is restricted to: `note` = the passage's record (its id prefix,
 * CliniQ's `doc_id.split('_')[0]`), `patient` = every passage of the patient's notes.
 */
export const RECORD_LEVELS = ['note', 'patient'] as const;
export type RecordLevel = (typeof RECORD_LEVELS)[number];

/** Which group each passage belongs to, and each group's passages in corpus order. */
export interface PassageGroups {
  level: RecordLevel;
  of: Map<string, string>;
  members: Map<string, string[]>;
}

/** Reads the groups from a notes corpus's passage metadata (`record`, `patient`). */
export async function passageGroups(corpus: Corpus, level: RecordLevel): Promise<PassageGroups> {
  const key = level === 'note' ? 'record' : 'patient';
  const of = new Map<string, string>();
  const members = new Map<string, string[]>();
  let n = 0;
  for await (const doc of corpus.docs()) {
    n++;
    const group = doc.meta?.[key];
    if (typeof group !== 'string') throw inputError(corpus.source, n, `passage '${doc.id}' has no '${key}' (a notes corpus built by medir has it${level === 'patient' ? ' when the notes have a patient column' : ''})`);
    of.set(doc.id, group);
    const list = members.get(group);
    if (list) list.push(doc.id);
    else members.set(group, [doc.id]);
  }
  return { level, of, members };
}
