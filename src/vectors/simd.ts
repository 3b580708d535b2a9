/**
 * The exact store's inner loop — inner products of many rows with one query — as a WebAssembly
 * SIMD function (f32x4), about 3× the plain TypeScript loop. The module is a few dozen bytes
 * assembled here (no toolchain, no binary in the repository); the matrix lives in the module's
 * memory, read there directly from disk, so it is never copied. A matrix that does not fit
 * wasm32's 4 GiB, a width not divisible by 4, or a runtime without SIMD gets the TypeScript loop.
 */
import { leb, MAX_PAGES, moduleBytes, PAGE, wasm, type Wasm } from '../core/wasm.js';

/** Fills `out[0 .. end-start)` with the inner products of rows [start, end) and `q`. */
export interface ScoreKernel {
  scoreRows(start: number, end: number, q: Float32Array, out: Float32Array): void;
}

/** Plain TypeScript, four accumulators (V8 keeps them in registers). */
export function jsKernel(data: Float32Array, dim: number): ScoreKernel {
  const tail = dim - (dim % 4);
  return {
    scoreRows(start, end, q, out) {
      for (let row = start; row < end; row++) {
        const o = row * dim;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let d = 0; d < tail; d += 4) {
          s0 += data[o + d] * q[d];
          s1 += data[o + d + 1] * q[d + 1];
          s2 += data[o + d + 2] * q[d + 2];
          s3 += data[o + d + 3] * q[d + 3];
        }
        for (let d = tail; d < dim; d++) s0 += data[o + d] * q[d];
        out[row - start] = s0 + s1 + s2 + s3;
      }
    },
  };
}

// Opcodes used below (WebAssembly core + SIMD proposals).
const I32 = 0x7f, V128 = 0x7b;
const op = {
  block: 0x02, loop: 0x03, end: 0x0b, br: 0x0c, brIf: 0x0d, get: 0x20, set: 0x21, tee: 0x22,
  f32Store: 0x38, i32Const: 0x41, i32Eqz: 0x45, i32LtU: 0x49, i32Add: 0x6a, i32Sub: 0x6b, f32Add: 0x92,
};
const simd = (code: number, ...imm: number[]) => [0xfd, ...leb(code), ...imm];
const v128Load = simd(0x00, 4, 0); // align 2^4, offset 0
const v128Zero = simd(0x0c, ...new Array(16).fill(0));
const f32x4Add = simd(0xe4), f32x4Mul = simd(0xe6);
const lane = (i: number) => simd(0x1f, i);

/**
 * `scores(rowPtr, qPtr, outPtr, rows, rowBytes)`: for each row, one f32x4 accumulator over
 * `rowBytes / 16` steps, summed across lanes into a float32 at outPtr.
 */
function kernelModule(): Uint8Array {
  const [ROW, Q, OUT, ROWS, BYTES, ACC, D] = [0, 1, 2, 3, 4, 5, 6];
  const g = (i: number) => [op.get, i];
  const body = [
    op.block, 0x40,
    op.loop, 0x40,
    ...g(ROWS), op.i32Eqz, op.brIf, 1,
    ...v128Zero, op.set, ACC,
    op.i32Const, 0, op.set, D,
    op.loop, 0x40,
    ...g(ACC), ...g(ROW), ...g(D), op.i32Add, ...v128Load, ...g(Q), ...g(D), op.i32Add, ...v128Load, ...f32x4Mul, ...f32x4Add, op.set, ACC,
    ...g(D), op.i32Const, 16, op.i32Add, op.tee, D, ...g(BYTES), op.i32LtU, op.brIf, 0,
    op.end,
    ...g(OUT), ...g(ACC), ...lane(0), ...g(ACC), ...lane(1), op.f32Add, ...g(ACC), ...lane(2), op.f32Add, ...g(ACC), ...lane(3), op.f32Add,
    op.f32Store, 2, 0,
    ...g(OUT), op.i32Const, 4, op.i32Add, op.set, OUT,
    ...g(ROW), ...g(BYTES), op.i32Add, op.set, ROW,
    ...g(ROWS), op.i32Const, 1, op.i32Sub, op.set, ROWS,
    op.br, 0,
    op.end,
    op.end,
  ];
  // locals: acc v128, d i32
  return moduleBytes([{ name: 'scores', params: [I32, I32, I32, I32, I32], results: [], locals: [V128, I32], body }]);
}

let compiled: Wasm.Module | null | undefined;
function module(): Wasm.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new wasm.Module(kernelModule());
    } catch {
      compiled = null; // no SIMD in this runtime
    }
  }
  return compiled;
}

/**
 * Room for a `count × dim` matrix inside WebAssembly memory, with the SIMD kernel over it; fill
 * `data` (e.g. straight from the file). Undefined when the SIMD path cannot be used.
 */
export function wasmMatrix(count: number, dim: number): { data: Float32Array; kernel: ScoreKernel } | undefined {
  const matrixBytes = count * dim * 4;
  const scratchBytes = dim * 4 + 1024 * 4;
  const pages = Math.ceil((matrixBytes + scratchBytes) / PAGE);
  const mod = module();
  if (!mod || dim % 4 !== 0 || count === 0 || pages > MAX_PAGES) return undefined;
  let memory: Wasm.Memory;
  try {
    memory = new wasm.Memory({ initial: pages, maximum: pages });
  } catch {
    return undefined; // the runtime refused this much wasm memory
  }
  const scores = new wasm.Instance(mod, { env: { memory } }).exports.scores as (row: number, q: number, out: number, rows: number, bytes: number) => void;
  const data = new Float32Array(memory.buffer, 0, count * dim);
  const qPtr = matrixBytes;
  const outPtr = matrixBytes + dim * 4;
  const query = new Float32Array(memory.buffer, qPtr, dim);
  const out = new Float32Array(memory.buffer, outPtr, 1024);
  return {
    data,
    kernel: {
      scoreRows(start, end, q, target) {
        query.set(q);
        for (let from = start; from < end; from += out.length) {
          const rows = Math.min(out.length, end - from);
          scores(from * dim * 4, qPtr, outPtr, rows, dim * 4);
          target.set(rows === out.length ? out : out.subarray(0, rows), from - start);
        }
      },
    },
  };
}
