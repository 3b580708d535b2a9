import { Progress } from '../core/progress.js';
import { documentText, type Corpus } from '../core/types.js';
import { MatrixWriter } from '../vectors/matrix.js';
import { textHash, type EmbeddingCache } from './cache.js';
import type { Embedder } from './embedder.js';

export interface CorpusEmbedStats {
  documents: number;
  /** Documents whose vector was computed in this build (the rest came from the cache). */
  embedded: number;
  fromCache: number;
  /** Documents cut at the profile's max length (every document counted, whether its vector was cached or not). */
  truncated: number;
  maxLength: number;
  chunks: number;
}

export async function countDocuments(corpus: Corpus): Promise<number> {
  let n = 0;
  for await (const _ of corpus.docs()) n++;
  return n;
}

/**
 * Embeds a corpus (`title + " " + text`, passage prefix) into `sink` in corpus order, `chunkSize`
 * documents at a time. Each chunk's new vectors go to the cache as one atomic segment before the
 * next chunk starts, so a killed build loses at most one chunk, and a changed corpus re-embeds
 * only the documents whose text changed. Chunks are fixed slices of the corpus and batches are
 * formed inside a chunk, so a resumed build gives the same bytes as an uninterrupted one.
 */
export async function embedCorpus(
  corpus: Corpus,
  embedder: Embedder,
  cache: EmbeddingCache,
  sink: MatrixWriter,
  chunkSize: number,
): Promise<CorpusEmbedStats> {
  const total = await countDocuments(corpus);
  const progress = new Progress(`embed ${corpus.name} (${embedder.id})`, total);
  const stats: CorpusEmbedStats = { documents: 0, embedded: 0, fromCache: 0, truncated: 0, maxLength: embedder.profile.maxLength, chunks: 0 };
  let ids: string[] = [];
  let texts: string[] = [];

  const flush = async (): Promise<void> => {
    const hashes = texts.map(textHash);
    // cuts are counted per document, cached or not, so the count never depends on what the cache held
    const cutByHash = new Map<string, boolean>();
    const { vectors, embedded } = await cache.fill(hashes, texts, async (missing) => {
      const cut: boolean[] = [];
      const fresh = await embedder.embedDocuments(missing, cut);
      missing.forEach((text, i) => cutByHash.set(textHash(text), cut[i]));
      return fresh;
    });
    const cachedAt = hashes.flatMap((h, i) => (cutByHash.has(h) ? [] : [i]));
    embedder.documentsCut(cachedAt.map((i) => texts[i])).forEach((c, j) => cutByHash.set(hashes[cachedAt[j]], c));
    stats.truncated += hashes.filter((h) => cutByHash.get(h)).length;
    sink.append(ids, vectors);
    stats.documents += ids.length;
    stats.embedded += embedded;
    stats.fromCache += ids.length - embedded;
    stats.chunks++;
    progress.tick(ids.length);
    ids = [];
    texts = [];
  };

  for await (const doc of corpus.docs()) {
    ids.push(doc.id);
    texts.push(documentText(doc));
    if (ids.length === chunkSize) await flush();
  }
  if (ids.length > 0) await flush();
  progress.finish();
  return stats;
}

/**
 * Embeds a corpus into a matrix folder (`vectors.f32`, `ids.txt`, `vectors.json`; see
 * vectors/matrix.ts) and says on stderr how many documents were cut at the model's max length.
 */
export async function embedToMatrix(
  corpus: Corpus,
  embedder: Embedder,
  cache: EmbeddingCache,
  dir: string,
  chunkSize: number,
): Promise<CorpusEmbedStats & { dim: number }> {
  const writer = new MatrixWriter(dir, embedder.dim);
  const stats = await embedCorpus(corpus, embedder, cache, writer, chunkSize);
  writer.close();
  if (stats.truncated > 0 && process.env.MEDIR_QUIET !== '1') {
    process.stderr.write(`dense: ${stats.truncated} of ${stats.documents} documents were cut at ${stats.maxLength} tokens\n`);
  }
  return { ...stats, dim: embedder.dim };
}
