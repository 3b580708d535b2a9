import type { ParamValues } from '../core/params.js';
import type { Document } from '../core/types.js';
import type { ChunkerDefinition } from './chunkers/chunker.js';
import type { Note } from './note.js';

/**
 * What a passage id is built from: `note` gives `<note id>_<i>`; `encounter` gives `<encounter id>_<i>`,
 * CliniQ's `HADM_ID_i`. The prefix is the passage's record: single-record retrieval restricts to it.
 */
export const PASSAGE_ID_SOURCES = ['note', 'encounter'] as const;
export type PassageIdSource = (typeof PASSAGE_ID_SOURCES)[number];

/** The record a note's passages belong to (the id prefix). A note without an encounter id keeps its own. */
export function recordKey(note: Note, idFrom: PassageIdSource): string {
  return idFrom === 'encounter' && note.encounterId ? note.encounterId : note.id;
}

/**
 * Cuts a note into passages `<record>_<i>` (i from 0, in text order). The passage keeps where it came
 * from in `meta`: record, note, patient, encounter, category, date, character offsets in the original
 * note text and, when known, its section. The title stays empty: only note text is indexed.
 */
export function notePassages(note: Note, chunker: ChunkerDefinition, params: ParamValues, idFrom: PassageIdSource): Document[] {
  const record = recordKey(note, idFrom);
  return chunker.chunk(note.text, params).map((chunk, i) => ({
    id: `${record}_${i}`,
    title: '',
    text: chunk.text,
    meta: {
      record,
      note: note.id,
      ...(note.patientId !== undefined ? { patient: note.patientId } : {}),
      ...(note.encounterId !== undefined ? { encounter: note.encounterId } : {}),
      ...(note.category !== undefined ? { category: note.category } : {}),
      ...(note.date !== undefined ? { date: note.date } : {}),
      start: chunk.start,
      end: chunk.end,
      ...(chunk.section ? { section: chunk.section } : {}),
    },
  }));
}
