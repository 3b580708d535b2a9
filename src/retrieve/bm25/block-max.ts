/**
 * Block-max pruning over document-range blocks (the block-max idea of PISA's BMW, on the blocks of
 * Mallia et al.'s block-max pruning, SIGIR 2024): documents are cut into blocks of 2^BLOCK_SHIFT
 * consecutive numbers; every common term keeps, per block, its highest score there and where its
 * postings in the block start. A query sums those maxima into an upper bound per block and scores
 * blocks best bound first, until the next bound is below the k-th score found: no document of that
 * block or any later one can enter the top k, nor tie its last entry.
 */
export const BLOCK_SHIFT = 5;
export const BLOCK = 1 << BLOCK_SHIFT;

/**
 * Per-block maxima and posting offsets of the common terms: those with at least one posting per
 * block on average (a rarer term's postings are walked or binary-searched directly: no slower,
 * and no memory). Term t's slot s = slot[t] ≥ 0 owns `max[s·blocks ..]` (one per block) and
 * `start[s·(blocks+1) ..]` (one per block, then the end of its postings).
 */
export interface BlockMaxima {
  blocks: number;
  slot: Int32Array;
  max: Float32Array;
  start: Uint32Array;
}

export function blockMaxima(documents: number, termPtr: Uint32Array, postDocs: Int32Array, postScores: Float32Array): BlockMaxima {
  const blocks = (documents + BLOCK - 1) >> BLOCK_SHIFT;
  const terms = termPtr.length - 1;
  const slot = new Int32Array(terms).fill(-1);
  let slots = 0;
  for (let t = 0; t < terms; t++) if (termPtr[t + 1] - termPtr[t] >= blocks) slot[t] = slots++;
  const max = new Float32Array(slots * blocks);
  const start = new Uint32Array(slots * (blocks + 1));
  for (let t = 0; t < terms; t++) {
    const s = slot[t];
    if (s < 0) continue;
    const m0 = s * blocks;
    const s0 = s * (blocks + 1);
    let p = termPtr[t];
    const end = termPtr[t + 1];
    for (let b = 0; b < blocks; b++) {
      start[s0 + b] = p;
      const limit = (b + 1) << BLOCK_SHIFT;
      let m = 0;
      for (; p < end && postDocs[p] < limit; p++) if (postScores[p] > m) m = postScores[p];
      max[m0 + b] = m;
    }
    start[s0 + blocks] = end;
  }
  return { blocks, slot, max, start };
}

/** The index arrays a query reads. */
export interface Postings {
  termPtr: Uint32Array;
  postDocs: Int32Array;
  postScores: Float32Array;
}

/** Adds each block's bound for term t (its highest score there) to `bound`. */
export function addBounds(bm: BlockMaxima, { termPtr, postDocs, postScores }: Postings, t: number, bound: Float64Array): void {
  const s = bm.slot[t];
  if (s >= 0) {
    const { max, blocks } = bm;
    const m0 = s * blocks;
    for (let b = 0; b < blocks; b++) bound[b] += max[m0 + b];
    return;
  }
  // a rare term: documents ascending, so a block's postings are consecutive
  const end = termPtr[t + 1];
  let p = termPtr[t];
  while (p < end) {
    const b = postDocs[p] >> BLOCK_SHIFT;
    let m = postScores[p++];
    while (p < end && postDocs[p] >> BLOCK_SHIFT === b) {
      if (postScores[p] > m) m = postScores[p];
      p++;
    }
    bound[b] += m;
  }
}

/** Adds common term t's postings in block b to `local` (index: document − first document of b). */
export function addBlock(bm: BlockMaxima, postDocs: Int32Array, postScores: Float32Array, t: number, b: number, local: Float64Array): void {
  const base = b << BLOCK_SHIFT;
  const e = bm.slot[t] * (bm.blocks + 1) + b;
  const end = bm.start[e + 1];
  for (let p = bm.start[e]; p < end; p++) local[postDocs[p] - base] += postScores[p];
}

/** Block numbers with a positive bound, arranged as a max-heap on their bounds; returns how many. */
export function heapOfBlocks(bound: Float64Array, blocks: number, heap: Int32Array): number {
  let size = 0;
  for (let b = 0; b < blocks; b++) if (bound[b] > 0) heap[size++] = b;
  for (let i = (size >> 1) - 1; i >= 0; i--) sink(bound, heap, size, i);
  return size;
}

/** Removes the best block from a heap of `size`; the caller reads it from heap[0] first. */
export function popBlock(bound: Float64Array, heap: Int32Array, size: number): void {
  heap[0] = heap[size - 1];
  sink(bound, heap, size - 1, 0);
}

function sink(bound: Float64Array, heap: Int32Array, size: number, i: number): void {
  const b = heap[i];
  const v = bound[b];
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && bound[heap[c + 1]] > bound[heap[c]]) c++;
    if (bound[heap[c]] <= v) break;
    heap[i] = heap[c];
    i = c;
  }
  heap[i] = b;
}
