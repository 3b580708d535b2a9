import { truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MATRIX_FILES, MatrixWriter, readMatrix } from '../../src/vectors/matrix.js';
import { tempDir } from '../helpers/tmp.js';

describe('matrix files', () => {
  it('round-trips rows appended in chunks', () => {
    const dir = tempDir();
    const writer = new MatrixWriter(dir, 3);
    writer.append(['a', 'b'], [new Float32Array([1, 2, 3]), new Float32Array([4, 5, 6])]);
    writer.append(['c'], [new Float32Array([0.5, -1, 1e-7])]);
    writer.close();
    const m = readMatrix(dir);
    expect(m).toMatchObject({ dim: 3, count: 3, ids: ['a', 'b', 'c'] });
    expect([...m.data]).toEqual([1, 2, 3, 4, 5, 6, 0.5, -1, Math.fround(1e-7)]);
  });

  it('rejects a vector of the wrong width', () => {
    const writer = new MatrixWriter(tempDir(), 3);
    expect(() => writer.append(['x'], [new Float32Array(2)])).toThrow(/'x' has dimension 2, expected 3/);
  });

  it('names the file when the matrix is cut short', () => {
    const dir = tempDir();
    const writer = new MatrixWriter(dir, 2);
    writer.append(['a', 'b'], [new Float32Array(2), new Float32Array(2)]);
    writer.close();
    truncateSync(join(dir, MATRIX_FILES.vectors), 10);
    expect(() => readMatrix(dir)).toThrow(new RegExp(`${MATRIX_FILES.vectors}: expected 16 bytes \\(2 × 2 float32\\)`));
  });

  it('says the index is incomplete when its metadata is missing', () => {
    expect(() => readMatrix(tempDir())).toThrow(/vectors\.json: no such file \(the index is incomplete/);
  });
});
