import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/io/json-file.js';
import { readMatrixMeta } from '../../src/vectors/matrix.js';
import { medirErrorOf } from '../helpers/errors.js';
import { tempDir } from '../helpers/tmp.js';

describe('readJsonFile', () => {
  it('reads JSON, and gives undefined where there is no file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), '{"count": 3}');
    expect(readJsonFile<{ count: number }>(join(dir, 'a.json'), 'INDEX')).toEqual({ count: 3 });
    expect(readJsonFile(join(dir, 'none.json'), 'INDEX')).toBeUndefined();
  });

  it('names the file of a truncated JSON or a folder, with the hint', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cut.json'), '{"count": 3, "di');
    const cut = await medirErrorOf(() => readJsonFile(join(dir, 'cut.json'), 'INDEX', 'index again'));
    expect([cut.code, cut.hint]).toEqual(['INDEX', 'index again']);
    expect(cut.message).toMatch(/cut\.json: invalid JSON/);
    mkdirSync(join(dir, 'folder.json'));
    const folder = await medirErrorOf(() => readJsonFile(join(dir, 'folder.json'), 'MODEL'));
    expect(folder.code).toBe('MODEL');
    expect(folder.message).toMatch(/folder\.json: cannot read \(EISDIR/);
  });

  it("is how an index's matrix meta is read: a truncated one is an INDEX error naming it", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'vectors.json'), '{"count": 3, "di');
    const meta = await medirErrorOf(() => readMatrixMeta(dir));
    expect(meta.code).toBe('INDEX');
    expect(meta.message).toMatch(/vectors\.json: invalid JSON/);
  });
});
