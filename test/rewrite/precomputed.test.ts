import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { readPrecomputedRewrites } from '../../src/rewrite/precomputed.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

describe("precomputed rewrites (R2MED's query_with_hydoc.jsonl)", () => {
  it("reads the mirror's Qwen-7B hypothetical documents by query id", async () => {
    const file = join(resolveLocations().mirrors[0], 'data', 'r2med-biology-demo', 'hyde', 'qwen-7b', 'query_with_hydoc.jsonl');
    const rewrites = await readPrecomputedRewrites(file);
    expect([...rewrites.keys()]).toEqual(['0', '1']);
    expect(rewrites.get('0')).toMatch(/^Certainly! Here’s a passage/);
  });

  it('names file and line of a record without an id or text, or a repeated id', async () => {
    const dir = writeTree(tempDir(), {
      'a.jsonl': '{"id": "1", "hy_doc": "x"}\n{"id": "2"}\n',
      'b.jsonl': '{"hy_doc": "x"}\n',
      'c.jsonl': '{"id": 1, "hy_doc": "x"}\n{"id": "1", "hy_doc": "y"}\n',
    });
    await expect(readPrecomputedRewrites(join(dir, 'a.jsonl'))).rejects.toThrow(`${join(dir, 'a.jsonl')}:2: missing 'hy_doc'`);
    await expect(readPrecomputedRewrites(join(dir, 'b.jsonl'))).rejects.toThrow(`${join(dir, 'b.jsonl')}:1: missing 'id'`);
    await expect(readPrecomputedRewrites(join(dir, 'c.jsonl'))).rejects.toThrow(`${join(dir, 'c.jsonl')}:2: duplicate id '1'`);
  });
});
