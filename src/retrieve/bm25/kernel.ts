import { leb, MAX_PAGES, moduleBytes, PAGE, wasm, type Wasm } from '../../core/wasm.js';

/**
 * The fast engine's two hot loops, summing postings into the accumulator and listing the
 * documents that reach a score, as WebAssembly: V8's typed-array loop checks bounds and converts
 * on every posting, the wasm loop does neither (memory is guarded), about 2× on Zipf-50k. The
 * postings and the accumulator live in the module's memory; a runtime without WebAssembly or an
 * index beyond wasm32's 4 GiB gets the same loops in TypeScript.
 */
export interface Kernel {
  kind: 'wasm' | 'js';
  postDocs: Int32Array;
  postScores: Float32Array;
  /** One score per document, all zero between queries. */
  acc: Float64Array;
  /** Adds postings start..end to the accumulator. */
  addRow(start: number, end: number): void;
  /**
   * Lists the documents from..to-1 scoring ≥ floor (and > 0), in document order, into
   * candDocs/candScores from position `at`; returns how many. The pair after the listed ones may
   * be overwritten too (the WebAssembly loop writes each document's pair before it knows whether
   * it counts), so `at + to − from` must not exceed the document count: true wherever what is
   * listed before comes from documents before `from`.
   */
  collect(floor: number, from: number, to: number, at: number): number;
  /** Room for one (document, score) pair per document: collect lists here, and so does the search of a sparse query. */
  candDocs: Int32Array;
  candScores: Float64Array;
}

export function kernel(postDocs: Int32Array, postScores: Float32Array, documents: number): Kernel {
  return wasmKernel(postDocs, postScores, documents) ?? jsKernel(postDocs, postScores, documents);
}

export function jsKernel(postDocs: Int32Array, postScores: Float32Array, documents: number): Kernel {
  const acc = new Float64Array(documents);
  const candDocs = new Int32Array(documents);
  const candScores = new Float64Array(documents);
  return {
    kind: 'js',
    postDocs,
    postScores,
    acc,
    candDocs,
    candScores,
    addRow: (start, end) => addRowJs(acc, postDocs, postScores, start, end),
    collect: (floor, from, to, at) => collectJs(acc, floor, from, roomFor(at, from, to, documents), candDocs, candScores, at),
  };
}

/**
 * `to`, once sure the candidate arrays hold a pair for every document of from..to-1 after `at`: past
 * them the WebAssembly loop would write into the next region of its memory and the TypeScript one
 * would drop pairs, either way a wrong result with no error.
 */
function roomFor(at: number, from: number, to: number, documents: number): number {
  if (at + to - from > documents) throw new Error(`BM25 kernel: listing documents ${from}..${to - 1} after ${at} listed pairs needs more room than ${documents} pairs`);
  return to;
}

function addRowJs(acc: Float64Array, docs: Int32Array, scores: Float32Array, start: number, end: number): void {
  for (let p = start; p < end; p++) acc[docs[p]] += scores[p];
}

function collectJs(acc: Float64Array, floor: number, from: number, to: number, candDocs: Int32Array, candScores: Float64Array, at: number): number {
  let c = at;
  for (let d = from; d < to; d++) {
    const s = acc[d];
    if (s >= floor && s > 0) {
      candDocs[c] = d;
      candScores[c++] = s;
    }
  }
  return c - at;
}

const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
const op = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, get: 0x20, set: 0x21, tee: 0x22,
  i32Load: 0x28, f32Load: 0x2a, f64Load: 0x2b, i32Store: 0x36, f64Store: 0x39, i32Const: 0x41, f64Const: 0x44,
  i32Eqz: 0x45, i32LtU: 0x49, i32GtU: 0x4b, i32GeU: 0x4f, f64Gt: 0x64, f64Ge: 0x66, i32Add: 0x6a, i32Sub: 0x6b, i32And: 0x71, i32Shl: 0x74,
  f64Add: 0xa0, f64PromoteF32: 0xbb,
};
const simd = (code: number, ...imm: number[]) => [0xfd, ...leb(code), ...imm];
const v128Load = (offset: number) => simd(0x00, 3, offset);
const f64x2Splat = simd(0x14), f64x2Ge = simd(0x4c), v128Or = simd(0x50), v128AnyTrue = simd(0x53);
const g = (i: number) => [op.get, i];
const bump = (local: number, by: number) => [...g(local), op.i32Const, by, op.i32Add, op.set, local];

/** `addRow(docs, scores, count, acc)`, byte addresses: acc[docs[i]] += scores[i], four postings a turn. */
function addRowBody(): number[] {
  const [DOCS, SCORES, COUNT, ACC, A] = [0, 1, 2, 3, 4];
  // one posting at element offset u of the current turn
  const step = (u: number) => [
    ...g(ACC), ...g(DOCS), op.i32Load, 2, 4 * u, op.i32Const, 3, op.i32Shl, op.i32Add, op.tee, A,
    ...g(A), op.f64Load, 3, 0, ...g(SCORES), op.f32Load, 2, 4 * u, op.f64PromoteF32, op.f64Add, op.f64Store, 3, 0,
  ];
  return [
    op.block, 0x40, op.loop, 0x40,
    ...g(COUNT), op.i32Const, 4, op.i32LtU, op.brIf, 1,
    ...step(0), ...step(1), ...step(2), ...step(3),
    ...bump(DOCS, 16), ...bump(SCORES, 16), ...g(COUNT), op.i32Const, 4, op.i32Sub, op.set, COUNT,
    op.br, 0, op.end, op.end,
    op.block, 0x40, op.loop, 0x40,
    ...g(COUNT), op.i32Eqz, op.brIf, 1,
    ...step(0),
    ...bump(DOCS, 4), ...bump(SCORES, 4), ...g(COUNT), op.i32Const, 1, op.i32Sub, op.set, COUNT,
    op.br, 0, op.end, op.end,
  ];
}

/**
 * `collect(acc, to, floor, outDocs, outScores, from) → count`: byte addresses, but document
 * numbers for `from` and `to`. Eight scores a turn are
 * compared with the floor as four f64x2 vectors; only a turn where one reaches it is listed score
 * by score (most turns fall below a floor that only about 2k documents reach; eight a turn rather
 * than four halves the loop's own work, which on the small corpora costs as much as the compares).
 */
function collectBody(): number[] {
  // D, the document, is the parameter `from`
  const [ACC, N, FLOOR, OUT_DOCS, OUT_SCORES, D, C, S, A, FV] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  // which of the two scores at byte offset `at` of the turn reach the floor
  const reaches = (at: number) => [...g(A), ...v128Load(at), ...g(FV), ...f64x2Ge];
  // one document, without a branch: its pair is written at C whether or not it counts, and C moves
  // past it only if it does (which score of a turn reaches the floor is what no predictor follows)
  const step = [
    ...g(ACC), ...g(D), op.i32Const, 3, op.i32Shl, op.i32Add, op.f64Load, 3, 0, op.set, S,
    ...g(OUT_DOCS), ...g(C), op.i32Const, 2, op.i32Shl, op.i32Add, ...g(D), op.i32Store, 2, 0,
    ...g(OUT_SCORES), ...g(C), op.i32Const, 3, op.i32Shl, op.i32Add, ...g(S), op.f64Store, 3, 0,
    ...g(C), ...g(S), ...g(FLOOR), op.f64Ge, ...g(S), op.f64Const, 0, 0, 0, 0, 0, 0, 0, 0, op.f64Gt, op.i32And, op.i32Add, op.set, C,
    ...bump(D, 1),
  ];
  return [
    ...g(FLOOR), ...f64x2Splat, op.set, FV,
    op.block, 0x40, op.loop, 0x40,
    ...g(D), op.i32Const, 8, op.i32Add, ...g(N), op.i32GtU, op.brIf, 1,
    ...g(ACC), ...g(D), op.i32Const, 3, op.i32Shl, op.i32Add, op.set, A,
    ...reaches(0), ...reaches(16), ...v128Or, ...reaches(32), ...reaches(48), ...v128Or, ...v128Or, ...v128AnyTrue,
    op.if, 0x40, ...Array(8).fill(step).flat(), op.else, ...bump(D, 8), op.end,
    op.br, 0, op.end, op.end,
    op.block, 0x40, op.loop, 0x40,
    ...g(D), ...g(N), op.i32GeU, op.brIf, 1,
    ...step,
    op.br, 0, op.end, op.end,
    ...g(C),
  ];
}

let compiled: Wasm.Module | null | undefined;
function module(): Wasm.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new wasm.Module(
        moduleBytes([
          { name: 'addRow', params: [I32, I32, I32, I32], results: [], locals: [I32], body: addRowBody() },
          { name: 'collect', params: [I32, I32, F64, I32, I32, I32], results: [I32], locals: [I32, F64, I32, V128], body: collectBody() },
        ]),
      );
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

function wasmKernel(postDocs: Int32Array, postScores: Float32Array, documents: number): Kernel | undefined {
  const mod = module();
  const nnz = postDocs.length;
  // postings docs | postings scores | accumulator | candidate docs | candidate scores (8-aligned)
  const docsAt = 0;
  const scoresAt = nnz * 4;
  const accAt = nnz * 8;
  const candDocsAt = accAt + documents * 8;
  // Stryker disable next-line ArithmeticOperator: a larger gap only wastes memory; a smaller one is caught (kernel.test.ts)
  const candScoresAt = candDocsAt + Math.ceil(documents / 2) * 8;
  const bytes = candScoresAt + documents * 8;
  const pages = Math.ceil(bytes / PAGE);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: telling 4 GiB from more needs a test holding 4 GiB
  if (!mod || pages > MAX_PAGES) return undefined;
  let memory: Wasm.Memory;
  try {
    memory = new wasm.Memory({ initial: pages, maximum: pages });
  } catch {
    return undefined;
  }
  const exports = new wasm.Instance(mod, { env: { memory } }).exports;
  const addRow = exports.addRow as (docs: number, scores: number, count: number, acc: number) => void;
  const collect = exports.collect as (acc: number, to: number, floor: number, outDocs: number, outScores: number, from: number) => number;
  const buffer = memory.buffer;
  const docs = new Int32Array(buffer, docsAt, nnz);
  const scores = new Float32Array(buffer, scoresAt, nnz);
  docs.set(postDocs);
  scores.set(postScores);
  return {
    kind: 'wasm',
    postDocs: docs,
    postScores: scores,
    acc: new Float64Array(buffer, accAt, documents),
    candDocs: new Int32Array(buffer, candDocsAt, documents),
    candScores: new Float64Array(buffer, candScoresAt, documents),
    addRow: (start, end) => addRow(docsAt + start * 4, scoresAt + start * 4, end - start, accAt),
    collect: (floor, from, to, at) => collect(accAt, roomFor(at, from, to, documents), floor, candDocsAt + at * 4, candScoresAt + at * 8, from),
  };
}
