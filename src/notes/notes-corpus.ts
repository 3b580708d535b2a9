import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MedirError } from '../core/errors.js';
import type { ParamValues } from '../core/params.js';
import { Progress } from '../core/progress.js';
import type { Qrels, Query } from '../core/types.js';
import { loadDataset, type Dataset } from '../data/datasets.js';
import { BEIR_FILES } from '../formats/beir.js';
import { buildDirAtomic, AtomicLineWriter, writeFileAtomic } from '../io/atomic.js';
import { canonicalJson, configHash } from '../index/manifest.js';
import type { Locations } from '../mirror/locations.js';
import { chunkerDefinition } from './chunkers/registry.js';
import { notePassages, recordKey, type PassageIdSource } from './passages.js';
import { emptyNoteStats, readNotes, type NoteSource, type NoteStats } from './read-notes.js';

/** Bumped when the layout or content rules of a notes corpus change: old folders are then rebuilt. */
const NOTES_CORPUS_VERSION = 1;

/** Everything that decides a chunked notes corpus: its folder (and so every index over it) is named by its hash. */
export interface NotesCorpusSpec {
  /** Short name for the folder and reports (`cliniq`, `mtsamples`, the notes file's name). */
  name: string;
  source: NoteSource;
  chunker: string;
  /** The chunker's validated params (see `readParams`). */
  chunkerParams: ParamValues;
  idFrom: PassageIdSource;
  /** Queries and judgments written beside the corpus (BEIR layout); none for an index-only corpus. */
  queries?: readonly Query[];
  qrels?: Qrels;
}

export interface NotesCorpus {
  dataset: Dataset;
  /** What reading the notes found, from this build or the one that made the reused folder. */
  stats: NoteStats & { passages: number };
  reused: boolean;
}

interface NotesManifest {
  version: number;
  config: unknown;
  stats: NotesCorpus['stats'];
}

/** The corpus's identity: a notes file counts as unchanged while its path, size and mtime are. */
function identity(spec: NotesCorpusSpec): unknown {
  const file = resolve(spec.source.file);
  if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${spec.source.file}: no such notes file`);
  const { size, mtimeMs } = statSync(file);
  const encounters = spec.source.encounters ? [...spec.source.encounters].sort() : undefined;
  const task = spec.queries ? configHash({ q: spec.queries.map((q) => [q.id, q.text]), r: [...(spec.qrels ?? [])].map(([q, d]) => [q, [...d]]) }) : undefined;
  return {
    version: NOTES_CORPUS_VERSION,
    file: { path: file, size, mtimeMs },
    source: { ...spec.source, file: undefined, encounters },
    chunker: spec.chunker,
    chunkerParams: spec.chunkerParams,
    idFrom: spec.idFrom,
    task,
  };
}

function readManifest(dir: string): NotesManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'notes.json'), 'utf8')) as NotesManifest;
  } catch {
    return undefined;
  }
}

async function writeTask(dir: string, spec: NotesCorpusSpec): Promise<void> {
  const queries = new AtomicLineWriter(join(dir, BEIR_FILES.queries));
  for (const q of spec.queries ?? []) await queries.write(JSON.stringify({ _id: q.id, text: q.text, ...q.meta }) + '\n');
  await queries.close();
  const qrels = new AtomicLineWriter(join(dir, BEIR_FILES.qrels('test')));
  await qrels.write('query-id\tcorpus-id\tscore\n');
  for (const [qid, judged] of spec.qrels ?? []) for (const [docId, rel] of judged) await qrels.write(`${qid}\t${docId}\t${rel}\n`);
  await qrels.close();
}

/**
 * Chunks a notes file into a BEIR-layout folder under the cache (`<cache>/notes/<name>-<hash>/`:
 * corpus.jsonl of passages with their note/patient/offsets, queries.jsonl, qrels/test.tsv) and loads
 * it as a Dataset. The folder is built atomically and readable by its owner only (it holds note text);
 * it is reused while the notes file and every setting are unchanged. Since retrievers key their
 * indexes on the corpus file's checksum, a chunking change gives a new index.
 */
export async function buildNotesCorpus(spec: NotesCorpusSpec, loc: Locations): Promise<NotesCorpus> {
  const config = identity(spec);
  const dir = join(loc.cache, 'notes', `${spec.name}-${configHash(config)}`);
  const existing = readManifest(dir);
  let stats: NotesCorpus['stats'];
  const reused = existing !== undefined && canonicalJson(existing.config) === canonicalJson(config);
  if (reused) stats = existing.stats;
  else {
    const chunker = chunkerDefinition(spec.chunker);
    const noteStats = emptyNoteStats();
    let passages = 0;
    await buildDirAtomic(dir, async (tmp) => {
      chmodSync(tmp, 0o700);
      const progress = new Progress(`chunk ${spec.name} notes (bytes)`, statSync(spec.source.file).size);
      const corpus = new AtomicLineWriter(join(tmp, BEIR_FILES.corpus));
      const records = new Set<string>();
      try {
        let bytes = 0;
        for await (const note of readNotes(spec.source, noteStats)) {
          const record = recordKey(note, spec.idFrom);
          if (records.has(record)) {
            throw new MedirError('BAD_INPUT', `${note.where}: a second note for ${spec.idFrom} '${record}' (passage ids would repeat)`, spec.idFrom === 'encounter' ? 'keep one note per encounter (--dedupe encounter) or build passage ids from note ids (--passage-ids note)' : 'note ids must be unique');
          }
          records.add(record);
          for (const doc of notePassages(note, chunker, spec.chunkerParams, spec.idFrom)) {
            await corpus.write(JSON.stringify({ _id: doc.id, title: doc.title, text: doc.text, ...doc.meta }) + '\n');
            passages++;
          }
          progress.tick(noteStats.bytes - bytes);
          bytes = noteStats.bytes;
        }
        await corpus.close();
      } catch (err) {
        corpus.abort();
        throw err;
      }
      progress.finish();
      await writeTask(tmp, spec);
      stats = { ...noteStats, passages };
      writeFileAtomic(join(tmp, 'notes.json'), JSON.stringify({ version: NOTES_CORPUS_VERSION, config, stats } satisfies NotesManifest, null, 2) + '\n');
    });
  }
  const dataset = await loadDataset(dir, { split: 'test' }, loc);
  return { dataset, stats: stats!, reused };
}
