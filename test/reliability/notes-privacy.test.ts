import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { medir } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/** Every file and folder under `dir` whose permission bits let anyone but the owner in. */
function openToOthers(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const mode = statSync(join(dir, name)).mode & 0o777;
    if (mode & 0o077) out.push(`${name} ${mode.toString(8)}`);
  }
  return out;
}

describe('indexes and runs made from notes are readable by their owner only', () => {
  it('`medir run --notes`: the index (terms.json holds the note vocabulary), the run and its manifest', () => {
    const dir = writeTree(tempDir(), {
      'notes.jsonl': '{"id":"n1","text":"Patient Jones has chest pain"}\n{"id":"n2","text":"fever and cough"}\n',
      'q.jsonl': '{"_id":"q1","text":"chest pain"}\n',
      'r.tsv': 'q1\t0\tn1-0\t1\n',
    });
    const env = { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') };
    const r = medir(['run', '--notes', join(dir, 'notes.jsonl'), '--id-column', 'id', '--text-column', 'text', '--queries', join(dir, 'q.jsonl'), '--qrels', join(dir, 'r.tsv'), '--retriever', 'bm25', '--out', join(dir, 'runs', 'notes.trec')], { env });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, 'runs')).sort()).toEqual(['notes.trec', 'notes.trec.json']);
    expect(openToOthers(join(dir, 'indexes'))).toEqual([]);
    expect(openToOthers(join(dir, 'runs'))).toEqual([]);
    expect(openToOthers(join(dir, 'cache'))).toEqual([]);
  });
});
