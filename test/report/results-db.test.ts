import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { renderHtml } from '../../src/report/html.js';
import { renderLatex, markdownTable } from '../../src/report/markdown.js';
import { buildModel } from '../../src/report/model.js';
import { reportFromDb } from '../../src/report/results-db.js';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { valueOf, writeResultsDb } from './results-db-fixture.js';

const loc = resolveLocations({});
const measures = ['ndcg_cut_10', 'recall_100'];

describe('report from a results database', () => {
  it('shows the database means and n, tests against the baseline, breaks down by language and draws curves from the runs', async () => {
    const dir = tempDir();
    const file = writeResultsDb(dir, { variants: 3, measures, langs: ['en', 'es'], queriesPerLang: 20, runs: true });
    const input = await reportFromDb(file, loc);
    const model = buildModel(input);
    const db = new Database(file, { readonly: true });
    const stored = db.prepare('SELECT v.label, r.measure, r.value, r.n FROM results r JOIN variants v ON v.id = r.variant_id').all() as { label: string; measure: string; value: number; n: number }[];
    db.close();
    expect(stored).toHaveLength(6);
    for (const s of stored) expect(model.rows.find((r) => r.label === s.label)!.cells[s.measure]).toMatchObject({ value: s.value, n: 40 });
    expect(model.baseline).toBe('v0');
    expect(model.rows[0].cells.ndcg_cut_10.sig).toBeNull();
    expect(model.rows[1].cells.ndcg_cut_10.sig).not.toBeNull();
    // es gap = mean(es) - mean(en) of the per-query values the fixture wrote
    const mean = (v: number, from: number) => Array.from({ length: 20 }, (_, i) => valueOf(v, 0, from + i)).reduce((s, x) => s + x, 0) / 20;
    const es = model.languages.find((l) => l.variant === 'v1' && l.lang === 'es')!;
    expect(es.gap).toBeCloseTo(mean(1, 20) - mean(1, 0), 12);
    expect(es.low!).toBeLessThan(es.gap!);
    expect(es.high!).toBeGreaterThan(es.gap!);
    expect(new Set(model.curves.map((c) => c.variant))).toEqual(new Set(['v0', 'v1', 'v2']));
    expect(model.curves.find((c) => c.variant === 'v0' && c.k === 10)!.recall).toBe(1);
    expect(Math.max(...model.curves.map((c) => c.k))).toBe(10); // the runs are 10 deep: no flat tail to 1000
    expect(model.timings).toHaveLength(3);
    expect(model.details.machine).toMatchObject({ cores: 2 });
    expect(model.scatter!.wins + model.scatter!.ties + model.scatter!.losses).toBe(40);
    // the page escapes the query text it inlines and carries no script-ending sequence from the data
    const html = renderHtml(model);
    expect(html).not.toContain('<b>&</b>');
    expect(html).toContain('query 0 in en \\u003cb>&\\u003c/b>');
    expect(markdownTable(model)).toContain(`| v0 (baseline) | ${model.rows[0].cells.ndcg_cut_10.best ? '**' : ''}${stored[0].value.toFixed(4)}`);
    const latex = renderLatex(input);
    expect(latex).toContain('\\toprule');
    expect(latex).toContain('v2 &');
  });

  it('draws RAG accuracy against passages k with closed-book and oracle as reference lines', async () => {
    const dir = tempDir();
    const file = writeResultsDb(dir, { variants: 5, measures: ['accuracy'], langs: ['en'], queriesPerLang: 10, rag: true });
    const model = buildModel(await reportFromDb(file, loc));
    expect(model.rag.map((r) => [r.mode, r.k])).toEqual([['closed-book', 0], ['retrieved', 1], ['retrieved', 2], ['retrieved', 3], ['oracle', 5]]);
    expect(renderHtml(model)).toContain('id="chart-rag-accuracy"');
  });

  it('says which variant has no per-query values instead of testing it', async () => {
    const dir = tempDir();
    const file = writeResultsDb(dir, { variants: 3, measures, langs: ['en'], queriesPerLang: 10, noPerQuery: [2] });
    const model = buildModel(await reportFromDb(file, loc));
    expect(model.warnings).toContain('variant v2 has no per-query values: no significance test and no scatter for it');
    expect(model.rows[2].cells.ndcg_cut_10.sig).toBeNull();
    expect(renderHtml(model)).toContain('variant v2 has no per-query values');
  });

  it('refuses an experiment folder without results, naming it, with a non-zero exit', () => {
    const dir = tempDir();
    const empty = medir(['report', dir]);
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toContain(`${dir}: no results (results.sqlite is missing)`);
    writeResultsDb(dir, { variants: 0, measures, langs: ['en'], queriesPerLang: 2 });
    const none = medir(['report', dir]);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain('the experiment has no results yet');
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });

  it('writes the report of an experiment folder beside its database', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeResultsDb(dir, { variants: 2, measures, langs: ['en', 'de'], queriesPerLang: 5 });
    const r = medir(['report', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(join(dir, 'report.html'));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<table id="main"');
  });
});
