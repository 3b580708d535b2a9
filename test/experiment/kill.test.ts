import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { medir } from '../helpers/cli.js';
import { spawnMedir } from '../rag/spawn-medir.js';
import { tempDir } from '../helpers/tmp.js';

const CONFIG = `name: kill
datasets:
  - name: nfcorpus
topK: 100
retrievers:
  bm25:
    retriever: bm25
    params: { k1: [0.6, 0.9, 1.2, 1.5] }
  bm25l:
    retriever: bm25
    params: { variant: bm25l }
pipelines:
  - retrievers: [bm25]
  - retrievers: [bm25, bm25l]
    fuse: { method: rrf }
measures: [ndcg@10, recall@100]
`;

/** Everything but timings and file paths: what must not depend on how the run got there. */
function contents(dir: string): unknown {
  const db = new Database(join(dir, 'results.sqlite'), { readonly: true });
  try {
    return {
      variants: db.prepare('SELECT label, config_json, is_baseline FROM variants ORDER BY label').all(),
      results: db.prepare('SELECT v.label, dataset, split, slice_field, slice_value, measure, value, n, policy_json FROM results r JOIN variants v ON v.id = r.variant_id ORDER BY 1, 2, 3, 4, 5, 6').all(),
      perQuery: db.prepare('SELECT v.label, dataset, split, query_id, measure, value FROM per_query p JOIN variants v ON v.id = p.variant_id ORDER BY 1, 2, 3, 4, 5').all(),
      runs: db.prepare('SELECT v.label, stage, key FROM runs r JOIN variants v ON v.id = r.variant_id ORDER BY 1, r.rowid').all(),
    };
  } finally {
    db.close();
  }
}

describe('experiment run killed with SIGKILL', () => {
  it('resumes to the same result rows and per-query values as an uninterrupted run', async () => {
    const work = tempDir();
    const config = join(work, 'exp.yaml');
    writeFileSync(config, CONFIG);
    const env = { MEDIR_CACHE: join(work, 'cache'), MEDIR_INDEXES: join(work, 'indexes'), MEDIR_QUIET: '0' };
    const out = join(work, 'killed');

    const { child, exited } = spawnMedir(['experiment', 'run', config, '--out', out], env);
    // kill once the second result has begun: the first is stored, the rest are not
    await new Promise<void>((resolve) => child.stderr.on('data', (d: Buffer) => /\[2\/8\]/.test(String(d)) && resolve()));
    child.kill('SIGKILL');
    const killed = await exited;
    expect(killed.signal).toBe('SIGKILL');
    const db = new Database(join(out, 'results.sqlite'), { readonly: true });
    const stored = (db.prepare('SELECT COUNT(DISTINCT variant_id) AS n FROM results').get() as { n: number }).n;
    db.close();
    expect(stored).toBeLessThan(8);

    const resumed = medir(['experiment', 'run', config, '--out', out], { env });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`8 results .*, ${stored} already stored`));
    // the reference: one uninterrupted run that recomputes every stage
    const fresh = medir(['experiment', 'run', config, '--out', join(work, 'fresh')], { env: { ...env, MEDIR_STAGE_CACHE: 'off' } });
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(contents(out)).toEqual(contents(join(work, 'fresh')));
    expect((contents(out) as { perQuery: unknown[] }).perQuery).toHaveLength(8 * 323 * 2);
  }, 120_000);
});
