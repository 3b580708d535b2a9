import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MedirError } from '../core/errors.js';
import type { ParamValues } from '../core/params.js';
import { Progress } from '../core/progress.js';
import type { Qrels, Query } from '../core/types.js';
import { loadDataset, type Dataset } from '../data/datasets.js';
import { BEIR_FILES } from '../formats/beir.js';
import { corpusDataset } from '../rag/corpora.js';
import { AtomicLineWriter, buildDirAtomic, writeFileAtomic } from '../io/atomic.js';
import { canonicalJson, configHash } from '../provenance/provenance.js';
import type { Locations } from '../mirror/locations.js';
import { chunkerDefinition } from './chunkers/registry.js';
import { keepFilesPrivate } from './privacy.js';
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
  /** Queries and judgments to evaluate on the corpus; none for an index-only corpus. */
  task?: NotesTask;
}

/** Queries and judgments over a notes corpus. They do not change the corpus, nor so its indexes. */
export interface NotesTask {
  queries: readonly Query[];
  qrels: Qrels;
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

/** The corpus's identity (the task is not part of it): a notes file counts as unchanged while its path, size and mtime are. */
function identity(spec: NotesCorpusSpec): unknown {
  const file = resolve(spec.source.file);
  if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${spec.source.file}: no such notes file`);
  const { size, mtimeMs } = statSync(file);
  const encounters = spec.source.encounters ? [...spec.source.encounters].sort() : undefined;
  return {
    version: NOTES_CORPUS_VERSION,
    file: { path: file, size, mtimeMs },
    source: { ...spec.source, file: undefined, encounters },
    chunker: spec.chunker,
    chunkerParams: spec.chunkerParams,
    idFrom: spec.idFrom,
  };
}

function readManifest(dir: string): NotesManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'notes.json'), 'utf8')) as NotesManifest;
  } catch {
    return undefined;
  }
}

/** An empty BEIR task, so the folder loads as a dataset before any task is attached. */
function writeEmptyTask(dir: string): void {
  writeFileAtomic(join(dir, BEIR_FILES.queries), '');
  writeFileAtomic(join(dir, BEIR_FILES.qrels('test')), 'query-id\tcorpus-id\tscore\n');
}

/**
 * Writes a task under `<corpus>/tasks/<hash>/` (once per distinct task; queries first, so the qrels
 * file marks it complete) and returns its files. Several tasks share one corpus and its indexes.
 */
function attachTask(dir: string, task: NotesTask): { queries: string; qrels: string } {
  const tdir = join(dir, 'tasks', configHash({ q: task.queries.map((q) => [q.id, q.text, q.meta]), r: [...task.qrels].map(([q, d]) => [q, [...d]]) }));
  const files = { queries: join(tdir, BEIR_FILES.queries), qrels: join(tdir, 'qrels.tsv') };
  if (!existsSync(files.qrels)) {
    writeFileAtomic(files.queries, task.queries.map((q) => JSON.stringify({ ...q.meta, _id: q.id, text: q.text }) + '\n').join(''));
    const lines = [...task.qrels].flatMap(([qid, judged]) => [...judged].map(([docId, rel]) => `${qid}\t${docId}\t${rel}\n`));
    writeFileAtomic(files.qrels, 'query-id\tcorpus-id\tscore\n' + lines.join(''));
  }
  return files;
}

/**
 * Chunks a notes file into a BEIR-layout folder under the cache (`<cache>/notes/<name>-<hash>/`:
 * corpus.jsonl of passages with their note/patient/offsets) and loads it as a Dataset with the task's
 * queries and judgments (kept under `tasks/`, so changing them reuses the corpus and its indexes). The folder is built atomically and readable by its owner only (it holds note text);
 * it is reused while the notes file and every setting are unchanged. Since retrievers key their
 * indexes on the corpus file's checksum, a chunking change gives a new index.
 */
export async function buildNotesCorpus(spec: NotesCorpusSpec, loc: Locations): Promise<NotesCorpus> {
  keepFilesPrivate();
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
      const size = statSync(spec.source.file).size;
      const progress = new Progress(`chunk ${spec.name} notes (bytes)`, size);
      const corpus = new AtomicLineWriter(join(tmp, BEIR_FILES.corpus));
      const records = new Set<string>();
      let bytes = 0;
      try {
        for await (const note of readNotes(spec.source, noteStats)) {
          const record = recordKey(note, spec.idFrom);
          if (records.has(record)) {
            throw new MedirError('BAD_INPUT', `${note.where}: a second note for ${spec.idFrom} '${record}' (passage ids would repeat)`, spec.idFrom === 'encounter' ? 'keep one note per encounter (--dedupe encounter) or build passage ids from note ids (--passage-ids note)' : 'note ids must be unique');
          }
          records.add(record);
          const docs = notePassages(note, chunker, spec.chunkerParams, spec.idFrom);
          await corpus.write(docs.map((doc) => JSON.stringify({ _id: doc.id, title: doc.title, text: doc.text, ...doc.meta }) + '\n').join(''));
          passages += docs.length;
          progress.tick(noteStats.bytes - bytes);
          bytes = noteStats.bytes;
        }
      } finally {
        // Closed even on failure (the temp folder is removed whole): aborting mid-write leaves a
        // buffered write to fail after the stream is destroyed, an unhandled error.
        await corpus.close();
      }
      // The loop read the file to its end; only the CSV reader counts bytes on the way (JSONL's lines do not).
      progress.tick(size - bytes);
      progress.finish();
      writeEmptyTask(tmp);
      stats = { ...noteStats, passages };
      writeFileAtomic(join(tmp, 'notes.json'), JSON.stringify({ version: NOTES_CORPUS_VERSION, config, stats } satisfies NotesManifest, null, 2) + '\n');
    });
  }
  // Without a task the folder is only a corpus: its placeholder queries file is empty, which loading would refuse.
  const dataset: Dataset = spec.task
    ? await loadDataset(dir, { split: 'test', ...attachTask(dir, spec.task) }, loc)
    : corpusDataset(dir);
  return { dataset, stats: stats!, reused };
}
