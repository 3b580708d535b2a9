// A realistic 100k vector set for bench/vector-search: every title and every sentence of the
// NFCorpus, SciFact and PubMedQA corpora in the mirror (the first 100,000 such passages), embedded
// with glove-sg100-en-static (mean pooling, normalised: real embeddings of real medical text, 100-d),
// and the test queries of NFCorpus and SciFact as queries. The matrix is built once under
// indexes/bench/ (git-ignored) and reused.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../../src/core/types.js';
import { loadDataset } from '../../src/data/datasets.js';
import { loadEmbedder, type Embedder } from '../../src/embed/embedder.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { MATRIX_FILES, MatrixWriter } from '../../src/vectors/matrix.js';

const SOURCES = ['nfcorpus', 'scifact', 'pubmedqa-pqal'];
const QUERY_SOURCES = ['nfcorpus', 'scifact'];
const MODEL = 'glove-sg100-en-static';

export interface PassageSet {
  name: string;
  dir: string;
  embedder: Embedder;
  /** The passages in matrix row order (for calibration on the corpus's own texts). */
  documents: () => AsyncIterable<Document>;
  queryTexts: string[];
  queries: Float32Array[];
}

async function* passages(limit: number): AsyncIterable<Document> {
  const loc = resolveLocations();
  let n = 0;
  for (const name of SOURCES) {
    const dataset = await loadDataset(name, {}, loc);
    for await (const doc of dataset.corpus.docs()) {
      const parts = [doc.title, ...doc.text.split(/(?<=[.!?])\s+/)].map((s) => s.trim()).filter(Boolean);
      for (let i = 0; i < parts.length; i++) {
        if (n++ >= limit) return;
        yield { id: `${name}:${doc.id}:${i}`, title: '', text: parts[i] };
      }
    }
  }
}

export async function passageSet(limit = 100_000): Promise<PassageSet> {
  const loc = resolveLocations();
  const embedder = await loadEmbedder(MODEL, loc);
  const dir = join(loc.indexes, 'bench', `passages-${limit}-${MODEL}`);
  if (!existsSync(join(dir, MATRIX_FILES.meta))) {
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const writer = new MatrixWriter(tmp, embedder.dim);
    let batch: Document[] = [];
    const flush = async () => {
      writer.append(batch.map((d) => d.id), await embedder.embedDocuments(batch.map((d) => d.text)));
      batch = [];
    };
    for await (const doc of passages(limit)) {
      batch.push(doc);
      if (batch.length === 2000) await flush();
    }
    if (batch.length) await flush();
    writer.close();
    renameSync(tmp, dir);
  }
  const queryTexts: string[] = [];
  for (const name of QUERY_SOURCES) queryTexts.push(...(await loadDataset(name, {}, loc)).queries.queries.map((q) => q.text));
  return { name: `mirror passages ${limit.toLocaleString('en')}×${embedder.dim} (glove)`, dir, embedder, documents: () => passages(limit), queryTexts, queries: await embedder.embedQueries(queryTexts) };
}
