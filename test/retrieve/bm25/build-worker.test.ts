import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAnalyzer } from '../../../src/analyze/registry.js';
import { scoring, writePostings, type DocumentTerms, type Run } from '../../../src/retrieve/bm25/fast-index.js';
import { encodeTerms } from '../../../src/retrieve/bm25/interner.js';
import { serveBuild } from '../../../src/retrieve/bm25/parallel-build.js';

/**
 * The build worker's side (serveBuild) on a channel of this thread, as a worker thread runs it:
 * `ask` posts a message and resolves to the reply, or rejects when none comes.
 */
function serve(): (message: object) => Promise<Record<string, unknown>> {
  const { port1, port2 } = new MessageChannel();
  serveBuild(port1, 'en', false);
  onTestFinished(() => {
    port1.close();
    port2.close();
  });
  return (message) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply')), 5000);
      port2.once('message', (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      port2.postMessage(message);
    });
}

type Doc = { text: string } | { terms: string[] };

/** A batch message as the build sends it: texts, and pre-analyzed terms as bytes; a pre-analyzed document's text must be ignored. */
function batch(docs: Doc[]) {
  const { bytes, ends } = encodeTerms(docs.flatMap((d) => ('terms' in d ? [d.terms] : [])))!;
  return { kind: 'batch', texts: docs.map((d) => ('terms' in d ? 'ignored words' : d.text)), counts: Int32Array.from(docs, (d) => ('terms' in d ? d.terms.length : -1)), bytes, ends };
}

/** The counts of `docs` worked out with a Map: first-seen term ids, each document's distinct terms in first-seen order. */
function reference(docs: Doc[]) {
  const analyzer = createAnalyzer('en');
  const vocab = new Map<string, number>();
  const r = { docEnd: [] as number[], docTerms: [] as number[], docTfs: [] as number[], lengths: [] as number[], df: [] as number[] };
  for (const d of docs) {
    const terms = 'terms' in d ? d.terms : analyzer.analyze(d.text);
    const tf = new Map<number, number>();
    for (const t of terms) {
      if (!vocab.has(t)) vocab.set(t, vocab.size);
      tf.set(vocab.get(t)!, (tf.get(vocab.get(t)!) ?? 0) + 1);
    }
    for (const [t, n] of tf) {
      r.docTerms.push(t);
      r.docTfs.push(n);
      r.df[t] = (r.df[t] ?? 0) + 1;
    }
    r.docEnd.push(r.docTerms.length);
    r.lengths.push(terms.length);
  }
  return { ...r, terms: [...vocab.keys()] };
}

const plain = (a: ArrayLike<number>) => Array.from(a);

describe('the build worker (serveBuild)', () => {
  // 1500 terms in one document: more than any fixed buffer the worker might start with
  const long = Array.from({ length: 1500 }, (_, i) => `w${(i * 7) % 900}`);
  const first: Doc[] = [{ terms: ['b', 'a', 'b'] }, { text: 'Statins lowered the cholesterol' }, { terms: [] }, { terms: long }, { text: '' }, { terms: ['a', 'niños', 'b'] }];
  const second: Doc[] = [{ text: 'cholesterol lowered again' }, { terms: ['北京', 'a', 'zz', 'zz'] }];
  const tokens = (docs: Doc[]) => reference(docs).lengths.reduce((s, n) => s + n, 0);

  it('counts batches of texts and terms mixed in first-seen order, replies with their tokens, and hands over its counts in shared memory', async () => {
    const ask = serve();
    const started = performance.now();
    const replies = [await ask(batch(first)), await ask(batch(second))];
    const elapsed = (performance.now() - started) / 1000;
    expect(replies.map(({ kind, tokens }) => ({ kind, tokens }))).toEqual([
      { kind: 'batch', tokens: tokens(first) },
      { kind: 'batch', tokens: tokens(second) },
    ]);
    for (const { busy } of replies) {
      expect(busy).toBeGreaterThanOrEqual(0);
      expect(busy).toBeLessThanOrEqual(elapsed);
    }
    const { kind, part } = (await ask({ kind: 'end' })) as { kind: string; part: DocumentTerms & { terms: string[]; df: Int32Array; vocabEnds: Int32Array } };
    expect(kind).toBe('part');
    const want = reference([...first, ...second]);
    expect(part.terms).toEqual(want.terms);
    expect(plain(part.vocabEnds)).toEqual([reference(first).terms.length, want.terms.length]);
    expect({ docEnd: plain(part.docEnd), docTerms: plain(part.docTerms), docTfs: plain(part.docTfs), lengths: plain(part.lengths), df: plain(part.df) }).toEqual({
      docEnd: want.docEnd,
      docTerms: want.docTerms,
      docTfs: want.docTfs,
      lengths: want.lengths,
      df: want.df,
    });
    // shared, not copied: the write messages hand them on to every thread
    for (const a of [part.docEnd, part.docTerms, part.docTfs, part.lengths]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('writes the postings of the runs it is given into the shared arrays, as writePostings does', async () => {
    const ask = serve();
    await ask(batch(first));
    const { part } = (await ask({ kind: 'end' })) as { part: DocumentTerms & { terms: string[]; df: Int32Array } };
    const globalOf = [Int32Array.from(part.terms, (_, i) => i)];
    const runs: Run[] = [
      [0, 0, 2],
      [0, 2, 4],
      [0, 4, 6],
    ];
    const s = scoring('lucene', { k1: 1.2, b: 0.75, delta: 0.5 }, part.df, 6, part.lengths.reduce((a, b) => a + b, 0));
    const nnz = s.termPtr[part.terms.length];
    const want = { docs: new Int32Array(nnz), scores: new Float32Array(nnz) };
    writePostings([part], globalOf, runs, s, 0, runs.length, want.docs, want.scores);
    // this thread writes the first run, the worker the other two: together, all of them
    const postDocs = new Int32Array(new SharedArrayBuffer(4 * nnz));
    const postScores = new Float32Array(new SharedArrayBuffer(4 * nnz));
    const started = performance.now();
    const written = ask({ kind: 'write', parts: [part], globalOf, runs, scoring: s, from: 1, to: 3, postDocs, postScores });
    writePostings([part], globalOf, runs, s, 0, 1, postDocs, postScores);
    const reply = await written;
    expect(reply.kind).toBe('written');
    expect(reply.busy).toBeGreaterThanOrEqual(0);
    expect(reply.busy).toBeLessThanOrEqual((performance.now() - started) / 1000);
    expect(plain(postDocs)).toEqual(plain(want.docs));
    expect(plain(postScores)).toEqual(plain(want.scores));
  });
});
