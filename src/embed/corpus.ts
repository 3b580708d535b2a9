import { Progress } from '../core/progress.js';
import { documentText, type Corpus } from '../core/types.js';
import type { MatrixWriter } from '../vectors/matrix.js';
import { textHash, type EmbeddingCache } from './cache.js';
import type { Embedder } from './embedder.js';

export interface CorpusEmbedStats {
  documents: number;
  /** Documents whose vector was computed in this build (the rest came from the cache). */
  embedded: number;
  fromCache: number;
  /** Documents cut at the profile's max length (counted among those embedded now). */
  truncated: number;
  maxLength: number;
  chunks: number;
}

async function countDocuments(corpus: Corpus): Promise<number> {
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
  const before = { ...embedder.truncation };
  const stats: CorpusEmbedStats = { documents: 0, embedded: 0, fromCache: 0, truncated: 0, maxLength: embedder.profile.maxLength, chunks: 0 };
  let ids: string[] = [];
  let texts: string[] = [];

  const flush = async (): Promise<void> => {
    const { vectors, embedded } = await cache.fill(texts.map(textHash), texts, (missing) => embedder.embedDocuments(missing));
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
  stats.truncated = embedder.truncation.truncated - before.truncated;
  return stats;
}
