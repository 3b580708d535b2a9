import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FastIndexBuilder } from '../../../src/retrieve/bm25/fast-index.js';
import { loadFastIndex, saveFastIndex } from '../../../src/retrieve/bm25/format.js';
import { BM25_VARIANTS, type Bm25VariantName } from '../../../src/retrieve/bm25/variants.js';
import { medirErrorOf } from '../../helpers/errors.js';
import { tempDir } from '../../helpers/tmp.js';

function saved(variant: Bm25VariantName = 'bm25plus'): string {
  const b = new FastIndexBuilder();
  b.addDocument('a', ['heart', 'attack', 'heart']);
  b.addDocument('b', ['heart', 'failure']);
  b.addDocument('c', []);
  b.addDocument('d', ['diabetes', 'type', 'two', 'diabetes', 'insulin']);
  const dir = tempDir();
  saveFastIndex(dir, b.finish(variant, { k1: 1.2, b: 0.5, delta: 1 }));
  return dir;
}

const meta = (dir: string) => JSON.parse(readFileSync(join(dir, 'fast.json'), 'utf8')) as Record<string, unknown>;

async function expectIndexError(dir: string, message: string | RegExp, hint = 'rebuild the index (delete its directory)'): Promise<void> {
  const err = await medirErrorOf(() => loadFastIndex(dir));
  expect(err.code).toBe('INDEX');
  expect(err.message).toMatch(message);
  expect(err.hint).toBe(hint);
}

describe('fast index files', () => {
  it.each(Object.keys(BM25_VARIANTS) as Bm25VariantName[])('read back exactly what was written (%s)', (variant) => {
    const b = new FastIndexBuilder();
    b.addDocument('x1', ['p', 'q', 'p']);
    b.addDocument('x2', ['q', 'r']);
    b.addDocument('x3', ['s']);
    const index = b.finish(variant, { k1: 1.2, b: 0.75, delta: 0.5 });
    const dir = tempDir();
    const written = saveFastIndex(dir, index);
    const absent = BM25_VARIANTS[variant].absentTermScores;
    expect(written).toEqual({ documents: 3, terms: 4, postings: 5, avgLength: 2, endianness: endianness(), absentScores: absent });
    expect(readFileSync(join(dir, 'fast.json'), 'utf8')).toBe(JSON.stringify(written, null, 2) + '\n');
    expect(existsSync(join(dir, 'absent_scores.f32'))).toBe(absent);
    const { data } = loadFastIndex(dir);
    expect(data.docIds).toEqual(['x1', 'x2', 'x3']);
    expect(data.terms).toEqual(['p', 'q', 'r', 's']);
    expect(Array.from(data.termPtr)).toEqual([0, 1, 3, 4, 5]);
    expect(Array.from(data.postDocs)).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(data.postScores)).toEqual(Array.from(index.data.postScores));
    expect(data.absentScores && Array.from(data.absentScores)).toEqual(index.data.absentScores && Array.from(index.data.absentScores));
    expect(data.avgLength).toBe(2);
  });

  it('reads an index written before fast.json said whether it has absent-term scores', () => {
    const dir = saved('bm25plus');
    const before = loadFastIndex(dir);
    const { absentScores: _, ...old } = meta(dir);
    writeFileSync(join(dir, 'fast.json'), JSON.stringify(old));
    const after = loadFastIndex(dir);
    expect(Array.from(after.data.absentScores!)).toEqual(Array.from(before.data.absentScores!));
    const q = after.termIds(['heart', 'insulin']);
    expect(Array.from(after.search(q, 10).scores)).toEqual(Array.from(before.search(q, 10).scores));
  });

  it('is an error naming the folder without fast.json', async () => {
    const dir = saved();
    rmSync(join(dir, 'fast.json'));
    await expectIndexError(dir, `${join(dir, 'fast.json')}: missing; not a fast BM25 index`, 'rebuild the index');
  });

  it('is an error when built on a machine of the other byte order', async () => {
    const dir = saved();
    const other = endianness() === 'LE' ? 'BE' : 'LE';
    writeFileSync(join(dir, 'fast.json'), JSON.stringify({ ...meta(dir), endianness: other }));
    await expectIndexError(dir, `${dir}: built on a ${other} machine, this one is ${endianness()}`, 'rebuild the index here');
  });

  it.each(['term_ptr.u32', 'post_docs.i32', 'post_scores.f32', 'absent_scores.f32'])('is an error naming %s when it is truncated or missing', async (file) => {
    const dir = saved();
    const path = join(dir, file);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 4));
    await expectIndexError(dir, `${path}: expected ${bytes.length} bytes, found ${bytes.length - 4}`);
    writeFileSync(path, Buffer.concat([bytes, Buffer.alloc(4)]));
    await expectIndexError(dir, `${path}: expected ${bytes.length} bytes, found ${bytes.length + 4}`);
    rmSync(path);
    await expectIndexError(dir, `${path}: cannot be read (ENOENT)`);
  });

  it.each(['docids.json', 'terms.json'])('is an error naming %s when it is not the array fast.json counts', async (file) => {
    const dir = saved();
    const path = join(dir, file);
    const list = JSON.parse(readFileSync(path, 'utf8')) as string[];
    writeFileSync(path, JSON.stringify(list.slice(1)));
    await expectIndexError(dir, `${path}: expected a JSON array of ${list.length} strings, found ${list.length - 1}`);
    writeFileSync(path, JSON.stringify({ ids: list }));
    await expectIndexError(dir, `${path}: expected a JSON array of ${list.length} strings, found object`);
    writeFileSync(path, JSON.stringify(list).slice(0, -2));
    await expectIndexError(dir, new RegExp(`^${path}: invalid JSON \\(`));
  });

  it('is an error naming the file when postings are out of order, out of range or offsets disagree', async () => {
    // saved(): heart [a b], attack [a], failure [b], diabetes type two insulin [d]: offsets 0 2 3 4 5 6 7 8, documents 0 1 0 1 3 3 3 3
    const cases: [file: string, values: number[], message: string][] = [
      ['post_docs.i32', [1, 0, 0, 1, 3, 3, 3, 3], 'posting 1 (term 0) is document 0, expected one after 1 and below 4'],
      ['post_docs.i32', [0, 0, 0, 1, 3, 3, 3, 3], 'posting 1 (term 0) is document 0, expected one after 0 and below 4'],
      ['post_docs.i32', [0, 1, 0, 1, 3, 3, 3, 4], 'posting 7 (term 6) is document 4, expected one after -1 and below 4'],
      ['post_docs.i32', [0, 1, -1, 1, 3, 3, 3, 3], 'posting 2 (term 1) is document -1, expected one after -1 and below 4'],
      ['term_ptr.u32', [0, 2, 3, 4, 5, 6, 7, 7], 'offsets run from 0 to 7, expected 0 to 8'],
      ['term_ptr.u32', [1, 2, 3, 4, 5, 6, 7, 8], 'offsets run from 1 to 8, expected 0 to 8'],
      ['term_ptr.u32', [0, 2, 1, 4, 5, 6, 7, 8], 'offsets fall at term 1 (2 then 1)'],
    ];
    // a term with no postings is no disorder: offsets 0 2 2 4 … read back
    const empty = saved();
    writeFileSync(join(empty, 'term_ptr.u32'), Uint32Array.from([0, 2, 2, 4, 5, 6, 7, 8]));
    expect(Array.from(loadFastIndex(empty).data.termPtr)).toEqual([0, 2, 2, 4, 5, 6, 7, 8]);
    for (const [file, values, message] of cases) {
      const dir = saved();
      const path = join(dir, file);
      const bytes = new Uint8Array(readFileSync(path)).buffer; // a copy: small reads share a pooled buffer
      const before = Array.from(file === 'term_ptr.u32' ? new Uint32Array(bytes) : new Int32Array(bytes));
      expect(before).toEqual(file === 'term_ptr.u32' ? [0, 2, 3, 4, 5, 6, 7, 8] : [0, 1, 0, 1, 3, 3, 3, 3]);
      writeFileSync(path, file === 'term_ptr.u32' ? Uint32Array.from(values) : Int32Array.from(values));
      await expectIndexError(dir, `${path}: ${message}`);
    }
  });

  it('is an error naming fast.json when it is not JSON', async () => {
    const dir = saved();
    writeFileSync(join(dir, 'fast.json'), '{"documents": 4,');
    await expectIndexError(dir, new RegExp(`^${join(dir, 'fast.json')}: invalid JSON`));
  });
});
