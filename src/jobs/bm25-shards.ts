import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeInParallel } from '../analyze/parallel.js';
import { MedirError } from '../core/errors.js';
import { Progress } from '../core/progress.js';
import { documentText, type Corpus } from '../core/types.js';
import { countDocuments } from '../embed/corpus.js';
import { reuseOrBuild } from '../index/manifest.js';
import { bm25Plan } from '../retrieve/bm25.js';
import { GrowableInt32 } from '../retrieve/bm25/growable.js';
import { BM25_ENGINES } from '../retrieve/bm25/engines/registry.js';
import type { RetrieverContext } from '../retrieve/retriever.js';
import { mergeWalk } from './merge-walk.js';
import type { ShardedBuild } from './sharded-build.js';

/**
 * A BM25 shard holds its documents analyzed, plus the statistics BM25 needs globally:
 *   ids.txt        document ids, corpus order
 *   terms.json     the shard's vocabulary (first-seen order)
 *   df.u32         documents holding each term, in this shard
 *   doc_ptr.u32    documents+1 offsets into doc_terms/doc_tfs
 *   doc_terms.u32  each document's distinct terms (first-seen order), doc_tfs.u32 their counts
 * and in shard.json's stats: documents, totalLength, terms, postings. Scores are not computed
 * here: idf and the average length depend on every shard, so the merge scores (see merge).
 */
const FILES = { ids: 'ids.txt', terms: 'terms.json', df: 'df.u32', docPtr: 'doc_ptr.u32', docTerms: 'doc_terms.u32', docTfs: 'doc_tfs.u32' } as const;

interface ShardStatistics {
  documents: number;
  totalLength: number;
  /** Distinct terms; postings = Σ df = (document, term) pairs. */
  terms: number;
  postings: number;
}

class ShardWriter {
  private readonly vocab = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly df = new GrowableInt32();
  private readonly docPtr = new GrowableInt32();
  private readonly docTerms = new GrowableInt32(1 << 16);
  private readonly docTfs = new GrowableInt32(1 << 16);
  private totalLength = 0;

  constructor() {
    this.docPtr.push(0);
  }

  add(id: string, terms: readonly string[]): void {
    const tf = new Map<number, number>();
    for (const term of terms) {
      let t = this.vocab.get(term);
      if (t === undefined) this.vocab.set(term, (t = this.vocab.size));
      tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    for (const [t, n] of tf) {
      this.docTerms.push(t);
      this.docTfs.push(n);
      this.df.increment(t);
    }
    this.docPtr.push(this.docTerms.length);
    this.ids.push(id);
    this.totalLength += terms.length;
  }

  save(dir: string): ShardStatistics {
    writeFileSync(join(dir, FILES.ids), this.ids.map((id) => id + '\n').join(''));
    writeFileSync(join(dir, FILES.terms), JSON.stringify([...this.vocab.keys()]));
    const df = new Uint32Array(this.vocab.size);
    df.set(this.df.view());
    writeFileSync(join(dir, FILES.df), df);
    writeFileSync(join(dir, FILES.docPtr), this.docPtr.view());
    writeFileSync(join(dir, FILES.docTerms), this.docTerms.view());
    writeFileSync(join(dir, FILES.docTfs), this.docTfs.view());
    return { documents: this.ids.length, totalLength: this.totalLength, terms: this.vocab.size, postings: this.docTerms.length };
  }
}

function readU32(dir: string, name: string, expected: number): Uint32Array {
  const file = join(dir, name);
  const buf = readFileSync(file);
  if (buf.length !== expected * 4) throw new MedirError('INDEX', `${file}: expected ${expected * 4} bytes, found ${buf.length}`, 'rebuild the shard');
  return new Uint32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
}

/** One shard read back: its ids, and each document's terms as the engine takes them. */
class ShardReader {
  readonly ids: string[];
  private readonly terms: string[];
  private readonly docPtr: Uint32Array;
  private readonly docTerms: Uint32Array;
  private readonly docTfs: Uint32Array;
  readonly df: Uint32Array;

  constructor(
    readonly dir: string,
    readonly stats: ShardStatistics,
  ) {
    this.ids = readFileSync(join(dir, FILES.ids), 'utf8').split('\n').slice(0, -1);
    this.terms = JSON.parse(readFileSync(join(dir, FILES.terms), 'utf8')) as string[];
    if (this.ids.length !== stats.documents || this.terms.length !== stats.terms) throw new MedirError('INDEX', `${dir}: ids or terms disagree with shard.json`, 'rebuild the shard');
    this.df = readU32(dir, FILES.df, stats.terms);
    this.docPtr = readU32(dir, FILES.docPtr, stats.documents + 1);
    this.docTerms = readU32(dir, FILES.docTerms, stats.postings);
    this.docTfs = readU32(dir, FILES.docTfs, stats.postings);
  }

  /** Row `row`'s terms, each distinct term repeated tf times in first-seen order: the same counts, length and term order as its analysis. */
  termsOf(row: number): string[] {
    const out: string[] = [];
    for (let i = this.docPtr[row]; i < this.docPtr[row + 1]; i++) for (let n = 0; n < this.docTfs[i]; n++) out.push(this.terms[this.docTerms[i]]);
    return out;
  }

  termNames(): readonly string[] {
    return this.terms;
  }
}

/** The corpus-wide statistics, from the shards' own: N, total length, and df summed per term. */
function globalStatistics(shards: readonly ShardReader[]): ShardStatistics {
  const df = new Map<string, number>();
  for (const s of shards) s.termNames().forEach((t, i) => df.set(t, (df.get(t) ?? 0) + s.df[i]));
  let postings = 0;
  for (const n of df.values()) postings += n;
  return {
    documents: shards.reduce((n, s) => n + s.stats.documents, 0),
    totalLength: shards.reduce((n, s) => n + s.stats.totalLength, 0),
    terms: df.size,
    postings,
  };
}

/** The merged index must agree with the shards' statistics, or the shards were not what they claim. */
function checkAgainst(built: Record<string, unknown>, global: ShardStatistics, dir: string): void {
  const expected: Record<string, number> = { documents: global.documents, terms: global.terms, postings: global.postings, avgLength: global.documents > 0 ? global.totalLength / global.documents : 0 };
  for (const [key, value] of Object.entries(expected)) {
    if (key in built && built[key] !== value) throw new MedirError('INDEX', `${dir}: the merged index has ${key} = ${String(built[key])}, the shards' statistics say ${value}`, 'rebuild the shards');
  }
}

async function* analyzed(corpus: Corpus, ctx: { language: string; threads: number; analyze: (text: string) => string[] }) {
  const docs = (async function* () {
    for await (const doc of corpus.docs()) yield { id: doc.id, text: documentText(doc) };
  })();
  if (ctx.threads > 1) yield* analyzeInParallel(docs, ctx.language, {}, ctx.threads);
  else for await (const doc of docs) yield { ...doc, terms: ctx.analyze(doc.text) };
}

async function plan(ctx: RetrieverContext) {
  const p = await bm25Plan(ctx);
  // the merge feeds analyzed documents to the engine, which only the fast engine takes
  if (p.engine !== 'fast') throw new MedirError('BAD_OPTION', `--engine ${p.engine}: only the fast engine builds in shards`, 'use --engine fast (the default)');
  return p;
}

export const bm25Shards: ShardedBuild = {
  async identity(ctx) {
    const { identity } = await plan(ctx);
    // the corpus by content only: shards built on machines that mount it at other paths still merge
    return { ...identity, corpus: { sha256: identity.corpus.sha256 } };
  },

  async build(ctx, corpus, dir) {
    const { settings } = await plan(ctx);
    const writer = new ShardWriter();
    const progress = new Progress(`bm25 shard ${corpus.name}`, await countDocuments(corpus));
    for await (const doc of analyzed(corpus, { language: settings.language, threads: settings.threads, analyze: settings.analyzer.analyze })) {
      writer.add(doc.id, doc.terms);
      progress.tick();
    }
    progress.finish();
    return { ...writer.save(dir) };
  },

  /**
   * Feeds every shard's analyzed documents, in corpus order, to the engine's own build: it then
   * computes idf and the average length over the whole corpus, exactly as a single-process build.
   */
  async merge(ctx, shards) {
    const p = await plan(ctx);
    const readers = shards.map((s) => new ShardReader(s.dir, s.manifest.stats as unknown as ShardStatistics));
    const global = globalStatistics(readers);
    const progress = new Progress(`bm25 merge ${ctx.dataset.name} (${shards.length} shards)`, global.documents);
    async function* docs() {
      for await (const { doc, shard, row } of mergeWalk(ctx.dataset.corpus, readers.map((r) => r.ids), shards.map((s) => s.source))) {
        yield { id: doc.id, text: documentText(doc), terms: readers[shard].termsOf(row) };
        progress.tick();
      }
      progress.finish();
    }
    return reuseOrBuild(p.dir, p.identity, async (tmp) => {
      const built = await BM25_ENGINES.fast.build(docs(), { ...p.settings, threads: 1 }, tmp);
      checkAgainst(built, global, p.dir);
      return { ...built, shards: shards.length, totalLength: global.totalLength };
    });
  },
};
