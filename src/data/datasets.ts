import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MedirError } from '../core/errors.js';
import { pathComponent } from '../core/paths.js';
import type { Corpus, Qrels, QuerySet } from '../core/types.js';
import { jsonlCorpus, readQueriesJsonl, BEIR_FILES } from '../formats/beir.js';
import { readQrels } from '../formats/qrels.js';
import { readR2medQrels } from '../formats/r2med.js';
import { datasetCard, isLocalFolder, type DatasetLayout } from '../mirror/cards.js';
import type { Locations } from '../mirror/locations.js';
import { resolveArtifact } from '../mirror/resolve.js';

export interface DatasetOptions {
  split?: string;
  /** Overrides the dataset's queries file. */
  queries?: string;
  /** Overrides the dataset's qrels file. */
  qrels?: string;
  /** A corpus file inside the dataset folder other than corpus.jsonl (e.g. `corpus.es.jsonl`). */
  corpusFile?: string;
}

export interface Dataset {
  /** Short name used in index paths and reports (`nfcorpus`, or the folder's name). */
  name: string;
  dir: string;
  layout: DatasetLayout;
  split: string;
  corpus: Corpus;
  queries: QuerySet;
  qrels: Qrels;
}

/** Tells BEIR from R2MED's layout by the files present. */
function detectLayout(dir: string): DatasetLayout {
  if (existsSync(join(dir, BEIR_FILES.corpus)) && existsSync(join(dir, BEIR_FILES.queries))) return 'beir';
  if (existsSync(join(dir, 'query.jsonl')) && existsSync(join(dir, 'qrels.jsonl'))) return 'r2med';
  throw new MedirError('BAD_INPUT', `${dir}: not a dataset folder (expected corpus.jsonl + queries.jsonl + qrels/<split>.tsv, or R2MED's corpus.jsonl + query.jsonl + qrels.jsonl)`);
}

/** Resolves a dataset folder: a path is used as is; a name goes through its card and the mirror. */
export async function resolveDatasetDir(nameOrPath: string, loc: Locations): Promise<{ name: string; dir: string; layout: DatasetLayout }> {
  if (isLocalFolder(nameOrPath)) {
    const dir = resolve(nameOrPath);
    return { name: basename(dir), dir, layout: detectLayout(dir) };
  }
  const card = datasetCard(nameOrPath);
  return { name: card.name, dir: await resolveArtifact('data', card, loc), layout: card.layout };
}

/**
 * Loads a retrieval dataset: its corpus (streamed), the queries judged in `split` and their qrels.
 * `--queries` / `--qrels` replace the dataset's own; with `--queries` every query in that file is kept.
 */
export async function loadDataset(nameOrPath: string, opts: DatasetOptions, loc: Locations): Promise<Dataset> {
  const { name, dir, layout } = await resolveDatasetDir(nameOrPath, loc);
  const split = opts.split ?? 'test';
  if (layout !== 'beir' && layout !== 'r2med') {
    throw new MedirError('BAD_INPUT', `dataset '${name}' has layout '${layout}', not a retrieval dataset`, 'use it with `medir rag` or `medir ehr`');
  }
  const qrelsFile = opts.qrels ?? (layout === 'beir' ? join(dir, BEIR_FILES.qrels(split)) : join(dir, 'qrels.jsonl'));
  if (!existsSync(qrelsFile)) {
    throw new MedirError('MISSING_FILE', `${qrelsFile}: no qrels for split '${split}'`, `pass --split with one of the files in ${join(dir, 'qrels')}, or --qrels FILE`);
  }
  const qrels = qrelsFile.endsWith('.jsonl') ? await readR2medQrels(qrelsFile) : await readQrels(qrelsFile);
  const queriesFile = opts.queries ?? join(dir, layout === 'beir' ? BEIR_FILES.queries : 'query.jsonl');
  const all = await readQueriesJsonl(queriesFile);
  const queries = opts.queries ? all : all.filter((q) => qrels.has(q.id));
  const corpusFile = join(dir, opts.corpusFile ? pathComponent(opts.corpusFile, 'corpus file') : BEIR_FILES.corpus);
  if (!existsSync(corpusFile)) throw new MedirError('MISSING_FILE', `${corpusFile}: no such corpus file`);
  return {
    name,
    dir,
    layout,
    split,
    corpus: jsonlCorpus(name, corpusFile),
    queries: { name: `${name}/${split}`, queries },
    qrels,
  };
}
