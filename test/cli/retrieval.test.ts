import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { medir } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const seconds = (out: string) => Number(/in ([\d.]+)s/.exec(out)![1]);

// The spine as a user drives it: index (built, then reused), run with a manifest, on real NFCorpus.
describe('medir index and run', () => {
  const work = tempDir('medir-cli-');
  const env = { MEDIR_INDEXES: join(work, 'indexes'), MEDIR_CACHE: join(work, 'cache') };

  it('reuses an unchanged index in under 5% of its build time and rebuilds when k1 changes', () => {
    const first = medir(['index', '--dataset', 'nfcorpus', '--retriever', 'bm25', '--engine', 'wink'], { env });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/built/);
    const second = medir(['index', '--dataset', 'nfcorpus', '--retriever', 'bm25', '--engine', 'wink'], { env });
    expect(second.stdout).toMatch(/reused \(nothing changed\)/);
    expect(seconds(second.stdout)).toBeLessThan(0.05 * seconds(first.stdout));
    const changed = medir(['index', '--dataset', 'nfcorpus', '--retriever', 'bm25', '--engine', 'wink', '--k1', '1.2'], { env });
    expect(changed.stdout).toMatch(/built/);
  });

  it('writes a TREC run and a manifest that names dataset, split and retriever config', () => {
    const out = join(work, 'runs', 'nf.bm25.trec');
    const r = medir(['run', '--dataset', 'nfcorpus', '--retriever', 'bm25', '--top-k', '50', '--out', out], { env });
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^\S+ Q0 \S+ 1 [-\d.e]+ medir-bm25$/);
    const perQuery = new Map<string, number>();
    for (const line of lines) perQuery.set(line.split(' ')[0], (perQuery.get(line.split(' ')[0]) ?? 0) + 1);
    // BM25 returns only documents sharing a term with the query: at most 50 each, most queries full.
    expect(Math.max(...perQuery.values())).toBe(50);
    expect([...perQuery.values()].filter((n) => n === 50).length).toBeGreaterThan(200);
    const manifest = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    expect(manifest.dataset).toMatchObject({ name: 'nfcorpus', split: 'test', queries: 323 });
    expect(manifest.retriever.config).toMatchObject({ k1: 1.5, b: 0.75 });
    expect(manifest.topK).toBe(50);
  });

  it('indexes clinical notes given with --notes, chunked into passages', () => {
    const notes = join(work, 'notes.csv');
    writeTree(work, {
      'notes.csv': 'ROW_ID,SUBJECT_ID,HADM_ID,CATEGORY,CHARTDATE,TEXT\n1,10,100,Discharge summary,2100-01-01,"Patient admitted with chest pain.\nTroponin elevated."\n2,11,101,Nursing,2100-01-02,"Stable overnight."\n',
    });
    const r = medir(['index', '--notes', notes, '--retriever', 'bm25', '--category', 'Discharge summary'], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/notes: 2 read, 1 kept/);
    expect(r.stdout).toMatch(/bm25 index for notes-[0-9a-f]+: built/);
  });

  it('refuses --dataset and --notes together', () => {
    const r = medir(['index', '--dataset', 'nfcorpus', '--notes', 'x.csv', '--retriever', 'bm25'], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--dataset and --notes exclude each other/);
    expect(existsSync(join(work, 'indexes', 'x'))).toBe(false);
  });
});
