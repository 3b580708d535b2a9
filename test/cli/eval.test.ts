import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQrels } from '../../src/formats/qrels.js';
import { mirrorSearchPath } from '../../src/mirror/locations.js';
import { medir } from '../helpers/cli.js';

const mirror = mirrorSearchPath().find((m) => existsSync(join(m, 'golden', 'trec_eval')))!;
const golden = join(mirror, 'golden', 'trec_eval');
const dir = mkdtempSync(join(tmpdir(), 'medir-cli-eval-'));

describe('medir eval', () => {
  it('is a drop-in for trec_eval -q -c -m all_trec (byte for byte)', () => {
    const r = medir(['eval', '--qrels', join(golden, 'A.qrels'), '--run', join(golden, 'A.run'), '--measures', 'all_trec', '--per-query', '--complete', '--format', 'trec_eval']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(golden, 'A.all_trec.q.c.txt'), 'utf8'));
  });

  it("takes a dataset's qrels and breaks results down by a query field (--by lang)", async () => {
    // A run over XLingHealth built from its own qrels: English queries find their answer at rank 1,
    // the other languages at rank 2, so MRR is 1 for en and 0.5 elsewhere.
    const qrels = await readQrels(join(mirror, 'data', 'xlinghealth-medicationqa', 'qrels', 'test.tsv'));
    const lines: string[] = [];
    for (const [qid, judged] of qrels) {
      const relevant = [...judged].find(([, rel]) => rel > 0)![0];
      const first = qid.endsWith('-en') ? relevant : 'not-an-answer';
      const second = qid.endsWith('-en') ? 'not-an-answer' : relevant;
      lines.push(`${qid} Q0 ${first} 1 2 t`, `${qid} Q0 ${second} 2 1 t`);
    }
    const run = join(dir, 'xling.trec');
    writeFileSync(run, lines.join('\n') + '\n');
    const r = medir(['eval', '--dataset', 'xlinghealth-medicationqa', '--run', run, '--measures', 'mrr', '--by', 'lang', '--format', 'csv']);
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('lang,queries,recip_rank');
    expect(rows).toContain(`en,${[...qrels.keys()].filter((q) => q.endsWith('-en')).length},1`);
    expect(rows.find((l) => l.startsWith('es,'))!.split(',')[2]).toBe('0.5');
    expect(rows.at(-1)).toMatch(/^macro \(4 groups\),\d+,0\.625$/);
  });

  it('writes JSON to --out atomically', () => {
    const out = join(dir, 'r.json');
    const r = medir(['eval', '--qrels', join(golden, 'C.qrels'), '--run', join(golden, 'C.run'), '-m', 'ndcg@10', 'P.5', '--format', 'json', '--out', out]);
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.measures).toEqual(['ndcg_cut_10', 'P_5']);
    expect(json.aggregate.P_5).toBeCloseTo(Number(/^P_5 +\tall\t(\S+)$/m.exec(readFileSync(join(golden, 'C.all_trec.q.txt'), 'utf8'))![1]), 4);
  });

  it('fails on bad input with the option or file:line and a non-zero exit', () => {
    const unknown = medir(['eval', '--qrels', join(golden, 'A.qrels'), '--run', join(golden, 'A.run'), '-m', 'ndgc@10']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown measure 'ndgc@10'; valid: .*ndcg_cut/);
    const bad = join(dir, 'bad.run');
    writeFileSync(bad, 'q1 Q0 d1 1 0.5 t\nq1 Q0 d2 2 t\n');
    const malformed = medir(['eval', '--qrels', join(golden, 'A.qrels'), '--run', bad]);
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toContain(`${bad}:2: expected 6 columns`);
    const missing = medir(['eval', '--qrels', join(golden, 'A.qrels'), '--run', join(dir, 'none.run')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/none\.run: no such file/);
    const noQrels = medir(['eval', '--run', join(golden, 'A.run')]);
    expect(noQrels.status).toBe(2);
    expect(noQrels.stderr).toMatch(/give --qrels FILE or --dataset NAME/);
    const byWithoutQueries = medir(['eval', '--qrels', join(golden, 'A.qrels'), '--run', join(golden, 'A.run'), '--by', 'lang']);
    expect(byWithoutQueries.status).toBe(2);
    expect(byWithoutQueries.stderr).toMatch(/--by lang: needs the queries' metadata/);
  });
});
