import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Seeded Zipfian corpora for the speed bench (issue 5): term ranks drawn with P(r) ∝ 1/r over a
 * 200k vocabulary, document lengths uniform in 60..180 (mean 120), and 1,000 queries of 2–8 terms
 * from the same distribution. Written once as little-endian int32 files that the bm25s peer
 * reads too, so both systems index the very same tokens.
 */
export const ZIPF = { vocabulary: 200_000, exponent: 1, minLength: 60, maxLength: 180, queries: 1000, seed: 20240501 } as const;

export interface ZipfFiles {
  name: string;
  documents: number;
  tokens: string;
  offsets: string;
  queryTokens: string;
  queryOffsets: string;
}

/** mulberry32: a tiny, well-mixed 32-bit generator; fixed seed → the same corpus everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function sampler(rand: () => number): () => number {
  const cdf = new Float64Array(ZIPF.vocabulary);
  let total = 0;
  for (let r = 0; r < ZIPF.vocabulary; r++) cdf[r] = total += 1 / (r + 1) ** ZIPF.exponent;
  return () => {
    const u = rand() * total;
    let lo = 0;
    let hi = ZIPF.vocabulary - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function draw(count: number, minLen: number, maxLen: number, rand: () => number, term: () => number) {
  const offsets = new Int32Array(count + 1);
  const lengths = Array.from({ length: count }, () => minLen + Math.floor(rand() * (maxLen - minLen + 1)));
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i] + lengths[i];
  const tokens = new Int32Array(offsets[count]);
  for (let i = 0; i < tokens.length; i++) tokens[i] = term();
  return { tokens, offsets };
}

/** The corpus of `documents` docs under `dir`, generated on first use. */
export function zipfCorpus(dir: string, documents: number): ZipfFiles {
  const name = `zipf-${documents / 1000}k`;
  const files: ZipfFiles = {
    name,
    documents,
    tokens: join(dir, `${name}.tokens.i32`),
    offsets: join(dir, `${name}.offsets.i32`),
    queryTokens: join(dir, `${name}.query-tokens.i32`),
    queryOffsets: join(dir, `${name}.query-offsets.i32`),
  };
  if (existsSync(files.queryOffsets)) return files;
  mkdirSync(dir, { recursive: true });
  const rand = mulberry32(ZIPF.seed + documents);
  const term = sampler(rand);
  const docs = draw(documents, ZIPF.minLength, ZIPF.maxLength, rand, term);
  const queries = draw(ZIPF.queries, 2, 8, rand, term);
  writeFileSync(files.tokens, docs.tokens);
  writeFileSync(files.offsets, docs.offsets);
  writeFileSync(files.queryTokens, queries.tokens);
  // the offsets file is written last: its presence means the set is complete
  writeFileSync(files.queryOffsets, queries.offsets);
  return files;
}

export function readInt32(file: string): Int32Array {
  const buf = readFileSync(file);
  return new Int32Array(buf.buffer, buf.byteOffset, buf.length / 4);
}

/**
 * The documents of a Zipf corpus as term lists ('t<id>', one shared string per id): the
 * pre-tokenized input. Files and names are made on the call, term lists as documents are pulled.
 */
export function zipfDocuments(tokensFile: string, offsetsFile: string): Iterable<{ id: string; text: string; terms: string[] }> {
  const tokens = readInt32(tokensFile);
  const offsets = readInt32(offsetsFile);
  const names = Array.from({ length: ZIPF.vocabulary }, (_, t) => `t${t}`);
  return (function* () {
    for (let i = 0; i + 1 < offsets.length; i++) {
      const start = offsets[i];
      const terms = new Array<string>(offsets[i + 1] - start);
      for (let j = 0; j < terms.length; j++) terms[j] = names[tokens[start + j]];
      yield { id: String(i), text: '', terms };
    }
  })();
}
