import { MedirError } from '../core/errors.js';
import { readCsvNotes, type ReadCounts } from './csv-notes.js';
import { NoteDeduper, type DedupeMode } from './dedupe.js';
import { readJsonlNotes } from './jsonl-notes.js';
import { chooseColumns, type Note, type NoteColumns } from './note.js';

export const NOTE_FORMATS = ['csv', 'jsonl'] as const;
export type NoteFormat = (typeof NOTE_FORMATS)[number];

/** Where notes come from and which of them to keep. */
export interface NoteSource {
  file: string;
  /** Guessed from the extension (`.csv`, `.jsonl`, optionally `.gz`) when absent. */
  format?: NoteFormat;
  columns?: Partial<NoteColumns>;
  /** Keep only notes of these categories (exact match, e.g. 'Discharge summary'). */
  categories?: readonly string[];
  /** Keep only notes of these encounters (CliniQ's test_hadm_ids.txt). */
  encounters?: ReadonlySet<string>;
  dedupe: DedupeMode;
}

/** Counts for the report: what was read, and why each note that was not kept was dropped. */
export interface NoteStats extends ReadCounts {
  otherCategory: number;
  otherEncounter: number;
  duplicates: number;
  kept: number;
}

export function emptyNoteStats(): NoteStats {
  return { records: 0, emptyText: 0, bytes: 0, otherCategory: 0, otherEncounter: 0, duplicates: 0, kept: 0 };
}

function noteFormat(file: string, format?: NoteFormat): NoteFormat {
  if (format) return format;
  const bare = file.replace(/\.gz$/, '');
  if (bare.endsWith('.csv')) return 'csv';
  if (bare.endsWith('.jsonl') || bare.endsWith('.ndjson')) return 'jsonl';
  throw new MedirError('BAD_OPTION', `--notes ${file}: cannot tell the format from the extension`, 'pass --notes-format csv or --notes-format jsonl');
}

/**
 * Streams the notes to keep: category and encounter filters first, then de-duplication (the same
 * notes as CliniQ's category → drop_duplicates(HADM_ID) → test-id order, since its key is the
 * encounter). `onDuplicate` hears of each dropped repeat and the id of the note it repeats.
 */
export async function* readNotes(source: NoteSource, stats: NoteStats, onDuplicate?: (note: Note, keptId: string) => void): AsyncGenerator<Note> {
  const choice = chooseColumns(source.columns);
  const categories = source.categories?.length ? new Set(source.categories) : undefined;
  const deduper = new NoteDeduper(source.dedupe);
  const read = noteFormat(source.file, source.format) === 'csv' ? readCsvNotes : readJsonlNotes;
  for await (const note of read(source.file, choice, stats)) {
    if (categories && !categories.has(note.category ?? '')) {
      stats.otherCategory++;
      continue;
    }
    if (source.encounters && !source.encounters.has(note.encounterId ?? '')) {
      stats.otherEncounter++;
      continue;
    }
    const keptId = deduper.duplicateOf(note);
    if (keptId !== undefined) {
      stats.duplicates++;
      onDuplicate?.(note, keptId);
      continue;
    }
    stats.kept++;
    yield note;
  }
}
