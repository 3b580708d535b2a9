import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/experiment/config.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { resetStageCacheCounts, stageCacheCounts } from '../../src/pipeline/stage-cache.js';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const CONFIG = `name: pubmedqa-readers
datasets:
  - name: pubmedqa-pqal
    by: [lang]
retrievers:
  bm25:
    retriever: bm25
pipelines:
  - retrievers: [bm25]
    generate:
      reader: [majority, random]
      setting: [closed-book, rag, oracle]
      passages: [1, 3]
`;

describe('experiment run with a generate step (PubMedQA, baseline readers)', () => {
  it('stores the accuracy medir rag prints, per query and per slice, and reruns from the stage cache', async () => {
    const loc = { ...resolveLocations(), indexes: tempDir(), cache: tempDir() };
    const dir = tempDir();
    const file = join(dir, 'exp.yaml');
    writeFileSync(file, CONFIG);
    resetStageCacheCounts();
    await runExperiment(loadConfig(file), { out: join(dir, 'a'), jobs: 1, loc });
    expect(stageCacheCounts()).toEqual({ generate: { hits: 0, misses: 2 } });

    const db = new Database(join(dir, 'a', 'results.sqlite'), { readonly: true });
    const variants = db.prepare('SELECT id, label, config_json FROM variants ORDER BY id').all() as { id: number; label: string; config_json: string }[];
    // Majority and random ignore passages: one closed-book variant each, as medir rag runs them.
    expect(variants.map((v) => v.label)).toEqual(['closed-book:majority', 'closed-book:random']);
    expect(JSON.parse(variants[0].config_json).generate).toMatchObject({ reader: 'majority', passages: 0, mode: 'closed-book', series: 'bm25→majority' });
    const rows = db.prepare("SELECT variant_id, slice_field, slice_value, value, n FROM results WHERE measure = 'accuracy' ORDER BY variant_id, slice_field").all() as { variant_id: number; slice_field: string | null; slice_value: string | null; value: number; n: number }[];

    const printed = JSON.parse(medir(['rag', '--dataset', 'pubmedqa-pqal', '--generator', 'majority,random', '--setting', 'closed-book', '--out', join(dir, 'rag'), '--format', 'json'], { env: { MEDIR_CACHE: loc.cache } }).stdout) as {
      lines: { condition: string; lang: string; accuracy: { n: number; accuracy: number } }[];
    };
    for (const [i, reader] of ['majority', 'random'].entries()) {
      const line = printed.lines.find((l) => l.condition === `${reader} closed-book`)!;
      const mine = rows.filter((r) => r.variant_id === variants[i].id);
      expect(mine).toEqual([
        { variant_id: variants[i].id, slice_field: null, slice_value: null, value: line.accuracy.accuracy, n: line.accuracy.n },
        { variant_id: variants[i].id, slice_field: 'lang', slice_value: line.lang, value: line.accuracy.accuracy, n: line.accuracy.n },
      ]);
      const perQuery = db.prepare("SELECT value FROM per_query WHERE variant_id = ? AND measure = 'accuracy'").all(variants[i].id) as { value: number }[];
      expect(perQuery).toHaveLength(line.accuracy.n);
      expect(perQuery.every((q) => q.value === 0 || q.value === 1)).toBe(true);
      expect(perQuery.reduce((s, q) => s + q.value, 0)).toBe(Math.round(line.accuracy.accuracy * line.accuracy.n));
    }
    db.close();

    resetStageCacheCounts();
    await runExperiment(loadConfig(file), { out: join(dir, 'b'), jobs: 1, loc });
    expect(stageCacheCounts()).toEqual({ generate: { hits: 2, misses: 0 } });
  });
});
