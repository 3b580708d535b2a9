import { MedirError } from '../core/errors.js';
import type { Corpus, Document } from '../core/types.js';
import { shardOf } from './shard-spec.js';

export interface WalkStep {
  doc: Document;
  shard: number;
  /** The document's row in its shard (shards keep corpus order). */
  row: number;
}

/**
 * The corpus in order, each document paired with its row in the shard its id hashes to. Checks
 * that every document id is in its shard exactly once: each shard must hold exactly the corpus's
 * documents of that shard, in corpus order, nothing missing and nothing extra. Following corpus
 * order is what makes a merged index the same, byte for byte, as a single-process build.
 */
export async function* mergeWalk(corpus: Corpus, shardIds: readonly (readonly string[])[], shardDirs: readonly string[]): AsyncGenerator<WalkStep> {
  const next = new Array<number>(shardIds.length).fill(0);
  for await (const doc of corpus.docs()) {
    const shard = shardOf(doc.id, shardIds.length);
    const row = next[shard]++;
    const held = shardIds[shard][row];
    if (held !== doc.id) {
      throw new MedirError(
        'INDEX',
        `${shardDirs[shard]}: row ${row} holds ${held === undefined ? 'nothing' : `'${held}'`} where the corpus has '${doc.id}' (${corpus.source})`,
        'the shard was built from another corpus or is damaged: rebuild it',
      );
    }
    yield { doc, shard, row };
  }
  next.forEach((n, s) => {
    if (n !== shardIds[s].length) {
      throw new MedirError('INDEX', `${shardDirs[s]}: holds ${shardIds[s].length} documents, the corpus only ${n} of them (first extra: '${shardIds[s][n]}')`, 'rebuild the shard from this corpus');
    }
  });
}

/** The documents of one shard, in corpus order; a repeated id is refused (it can only repeat within its shard). */
export function shardCorpus(corpus: Corpus, index: number, count: number): Corpus {
  return {
    name: `${corpus.name} (shard ${index}/${count})`,
    source: corpus.source,
    async *docs() {
      const seen = new Set<string>();
      for await (const doc of corpus.docs()) {
        if (shardOf(doc.id, count) !== index) continue;
        if (seen.has(doc.id)) throw new MedirError('BAD_INPUT', `${corpus.source}: duplicate document id '${doc.id}'`);
        seen.add(doc.id);
        yield doc;
      }
    },
  };
}
