import { createHash } from 'node:crypto';
import type { Note } from './note.js';

/**
 * How repeated notes are dropped: `text` keeps the first note of each distinct text (MTSamples repeats
 * most texts under several specialties), `encounter` keeps the first note of each encounter id in file
 * order (CliniQ's `drop_duplicates(subset='HADM_ID', keep='first')`), `none` keeps all.
 */
export const DEDUPE_MODES = ['text', 'encounter', 'none'] as const;
export type DedupeMode = (typeof DEDUPE_MODES)[number];

/** A 20-byte digest per kept note: memory stays small even over NOTEEVENTS' two million notes. */
function textHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

export class NoteDeduper {
  private readonly seen = new Map<string, string>();

  constructor(readonly mode: DedupeMode) {}

  /** The id of the note this one repeats, or undefined when it is kept. */
  duplicateOf(note: Note): string | undefined {
    if (this.mode === 'none') return undefined;
    const key = this.mode === 'text' ? textHash(note.text) : note.encounterId ?? `\u0000${note.id}`;
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, note.id);
    return first;
  }
}
