import { join } from 'node:path';
import type { ParamValues } from '../core/params.js';
import type { Qrels, Query } from '../core/types.js';
import { datasetCard } from '../mirror/cards.js';
import type { Locations } from '../mirror/locations.js';
import { resolveArtifact } from '../mirror/resolve.js';
import type { Note, NoteColumns } from './note.js';
import { buildNotesCorpus, type NotesCorpus } from './notes-corpus.js';
import { emptyNoteStats, readNotes, type NoteSource } from './read-notes.js';

/** MTSamples' notes.jsonl keys (no patient ids: each note is its own record). */
const MTSAMPLES_COLUMNS: Partial<NoteColumns> = { id: 'note_id', category: 'specialty', text: 'text' };

/** The fields whose values become queries; never indexed (that would make the task trivial). */
const MTSAMPLES_QUERY_FIELDS = { description: 'desc', sample_name: 'name' } as const;

export interface MtsamplesTask {
  queries: Query[];
  /** query → the de-duplicated notes carrying its text → 1. */
  qrels: Qrels;
  notes: { records: number; emptyText: number; distinctTexts: number; duplicates: number };
}

export async function mtsamplesFile(loc: Locations): Promise<string> {
  return join(await resolveArtifact('data', datasetCard('mtsamples'), loc), 'notes.jsonl');
}

function source(file: string): NoteSource {
  return { file, columns: MTSAMPLES_COLUMNS, dedupe: 'text' };
}

/**
 * The by-construction task (see qrels/mtsamples/README.md): notes are de-duplicated by text, keeping
 * the first note id of each text; every distinct `description` and `sample_name` value is a query,
 * relevant to the kept notes whose text carried it under any of its copies.
 */
export async function buildMtsamplesTask(file: string): Promise<MtsamplesTask> {
  const stats = emptyNoteStats();
  const byText = new Map<string, { id: string; field: keyof typeof MTSAMPLES_QUERY_FIELDS; text: string; relevant: Set<string> }>();
  const carry = (note: Note, keptId: string) => {
    for (const field of Object.keys(MTSAMPLES_QUERY_FIELDS) as (keyof typeof MTSAMPLES_QUERY_FIELDS)[]) {
      const text = note.fields[field]?.trim();
      if (!text) continue;
      const key = `${field}\u0000${text}`;
      let query = byText.get(key);
      if (!query) byText.set(key, (query = { id: `${MTSAMPLES_QUERY_FIELDS[field]}-${byText.size + 1}`, field, text, relevant: new Set() }));
      query.relevant.add(keptId);
    }
  };
  for await (const note of readNotes(source(file), stats, carry)) carry(note, note.id);
  const queries = [...byText.values()].map((q) => ({ id: q.id, text: q.text, meta: { field: q.field } }));
  const qrels: Qrels = new Map([...byText.values()].map((q) => [q.id, new Map([...q.relevant].map((id) => [id, 1]))]));
  return { queries, qrels, notes: { records: stats.records, emptyText: stats.emptyText, distinctTexts: stats.kept, duplicates: stats.duplicates } };
}

/** The task's two corpora over the same de-duplicated notes: passages cut by `chunker`, and whole notes. */
export async function mtsamplesCorpora(
  file: string,
  task: MtsamplesTask,
  chunking: { chunker: string; chunkerParams: ParamValues },
  loc: Locations,
): Promise<{ passage: NotesCorpus; note: NotesCorpus }> {
  const common = { source: source(file), idFrom: 'note' as const, task };
  return {
    passage: await buildNotesCorpus({ name: 'mtsamples-passages', ...common, ...chunking }, loc),
    note: await buildNotesCorpus({ name: 'mtsamples-notes', ...common, chunker: 'whole', chunkerParams: {} }, loc),
  };
}
