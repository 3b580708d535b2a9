import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJudgments } from '../../src/arena/judgments.js';
import { buildLeaderboard } from '../../src/arena/leaderboard.js';
import { positionBias } from '../../src/arena/position-bias.js';
import { loadDataset } from '../../src/data/datasets.js';
import { evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';
import { REPORT_ARENA_BOOTSTRAP } from '../../src/report/arena.js';
import { findChromium, launchChromium } from '../../src/report/browser.js';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { SYNTHETIC_JUDGMENTS } from './arena-fixture.js';
import { writeResultsDb } from './results-db-fixture.js';

// The reports as a reader sees them: opened offline in Debian's Chromium (CI installs it), every
// chart drawn, nothing logged, nothing fetched, and the main table showing the source's numbers.

const chromium = findChromium();
if (!chromium) {
  if (process.env.CI) throw new Error('CI is set but no Chromium was found (/usr/bin/chromium or $MEDIR_CHROMIUM): the browser test must run in CI');
  console.log('report browser test skipped: no Chromium (apt-get install chromium, or set MEDIR_CHROMIUM)');
}

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  ms: number;
}

async function open(browser: Browser, file: string): Promise<Opened> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => r.url() !== pathToFileURL(file).href && requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-rendered]', { timeout: 30_000 });
  return { page, errors, requests, ms: await page.evaluate(() => (globalThis as unknown as { medirRenderedMs: number }).medirRenderedMs) };
}

/** Marks in every chart's SVG: data marks only (Vega's role-mark groups), not axes. */
async function marksPerChart(page: Page): Promise<Record<string, number>> {
  return page.$$eval('div.vega', (divs) => Object.fromEntries(divs.map((d) => [d.id, d.querySelectorAll('svg g.role-mark > *').length])));
}

/** The main table as shown: variant → measure → [text of the value, n]. */
async function mainTable(page: Page): Promise<Record<string, Record<string, [string, number]>>> {
  return page.$$eval('#main tbody tr', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.getAttribute('data-variant')!,
        Object.fromEntries([...r.querySelectorAll('td[data-measure]')].map((td) => [td.getAttribute('data-measure')!, [td.querySelector('.v')!.textContent!, Number(td.querySelector('.n')!.textContent!.slice(2))]])),
      ]),
    ),
  );
}

/** Every whole-set result of the database, as the main table must show it. */
async function expectTableEqualsDb(page: Page, file: string, count: number): Promise<void> {
  const shown = await mainTable(page);
  const db = new Database(file, { readonly: true });
  const stored = db.prepare('SELECT v.label, r.measure, r.value, r.n FROM results r JOIN variants v ON v.id = r.variant_id WHERE r.slice_field IS NULL').all() as { label: string; measure: string; value: number; n: number }[];
  db.close();
  expect(stored).toHaveLength(count);
  for (const s of stored) expect(shown[s.label][s.measure]).toEqual([s.value.toFixed(4), s.n]);
}

async function expectClean(opened: Opened, charts: number): Promise<void> {
  expect(await opened.page.getAttribute('body', 'data-rendered')).toBe(String(charts));
  const marks = await marksPerChart(opened.page);
  expect(Object.keys(marks)).toHaveLength(charts);
  for (const [id, n] of Object.entries(marks)) expect(n, `${id} has no marks`).toBeGreaterThan(0);
  expect(opened.errors).toEqual([]);
  expect(opened.requests).toEqual([]);
}

describe.skipIf(!chromium)('HTML report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = (await launchChromium())!;
  });
  afterAll(async () => browser?.close());

  it('NFCorpus runs: every chart drawn, no console error, no request, the table equals the evaluation', async () => {
    const dir = tempDir();
    const runs = [join(dir, 'bm25.trec'), join(dir, 'bm25-b04.trec')];
    expect(medir(['run', '--dataset', 'nfcorpus', '--retriever', 'bm25', '--out', runs[0]]).status).toBe(0);
    expect(medir(['run', '--dataset', 'nfcorpus', '--retriever', 'bm25', '--b', '0.4', '--out', runs[1]]).status).toBe(0);
    const out = join(dir, 'report.html');
    const r = medir(['report', '--dataset', 'nfcorpus', '--runs', ...runs, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const opened = await open(browser, out);
    await expectClean(opened, 4); // recall@k, nDCG@k, scatter, timings (NFCorpus queries have no lang)
    const shown = await mainTable(opened.page);
    const { qrels, queries } = await loadDataset('nfcorpus', { split: 'test' }, resolveLocations({}));
    for (const [i, label] of ['bm25', 'bm25-b04'].entries()) {
      const source = await evaluateRunFile(qrels, runs[i], ['ndcg@10', 'recall@100', 'map', 'mrr@10', 'p@10'], { complete: true });
      expect(Object.keys(shown[label])).toEqual(source.names);
      for (const m of source.names) expect(shown[label][m]).toEqual([source.mean.get(m)!.toFixed(4), 323]);
    }
    // hovering a point of the scatter names its query and shows its text
    await opened.page.locator('#chart-per-query g.mark-symbol path').nth(5).hover({ force: true });
    const tip = (await opened.page.locator('#vg-tooltip-element').textContent({ timeout: 5000 }))!;
    const qid = /PLAIN-\d+/.exec(tip)![0];
    expect(tip).toContain(queries.queries.find((q) => q.id === qid)!.text.slice(0, 40));
    // a click on a column sorts by it: ascending, then descending
    const order = async () => opened.page.$$eval('#main tbody tr', (rows) => rows.map((r) => r.getAttribute('data-variant')));
    const ndcg = opened.page.locator('#main th', { hasText: 'ndcg_cut_10' });
    await ndcg.click();
    const ascending = await order();
    await ndcg.click();
    expect(await order()).toEqual([...ascending].reverse());
    const byNdcg = ['bm25', 'bm25-b04'].sort((a, b) => shown[a].ndcg_cut_10[0].localeCompare(shown[b].ndcg_cut_10[0]));
    expect(ascending).toEqual(byNdcg);
    await opened.page.close();
  });

  it('experiment database: the table equals the database, RAG and language charts drawn', async () => {
    const dir = tempDir();
    const file = writeResultsDb(dir, { variants: 4, measures: ['ndcg_cut_10', 'accuracy'], langs: ['en', 'es', 'zh'], queriesPerLang: 10, rag: true, runs: true });
    expect(medir(['report', dir]).status).toBe(0);
    const opened = await open(browser, join(dir, 'report.html'));
    await expectClean(opened, 7); // languages, gaps, recall@k, nDCG@k, RAG, scatter, timings
    await expectTableEqualsDb(opened.page, file, 8);
    await opened.page.close();
  });

  it('experiment database with --arena: the arena charts drawn, the leaderboard table equals the arena module', async () => {
    const dir = tempDir();
    const file = writeResultsDb(dir, { variants: 3, measures: ['ndcg_cut_10'], langs: ['en', 'es'], queriesPerLang: 10, runs: true });
    const r = medir(['report', dir, '--arena', SYNTHETIC_JUDGMENTS, '--ties', 'half']);
    expect(r.status, r.stderr).toBe(0);
    const opened = await open(browser, join(dir, 'report.html'));
    await expectClean(opened, 8); // languages, gaps, recall@k, nDCG@k, scatter, timings + arena leaderboard, win rate
    const marks = await marksPerChart(opened.page);
    expect(marks['chart-arena-leaderboard']).toBeGreaterThanOrEqual(19 * 2); // a point and an interval per model
    expect(marks['chart-arena-win-rate']).toBe(19 * 18);
    await expectTableEqualsDb(opened.page, file, 3);
    const shown = await opened.page.$$eval('#arena-leaderboard tbody tr', (rows) => rows.map((row) => [row.getAttribute('data-model'), row.querySelector('td.elo')!.textContent]));
    const judgments = await readJudgments(SYNTHETIC_JUDGMENTS);
    const board = buildLeaderboard(judgments, 'half', REPORT_ARENA_BOOTSTRAP);
    expect(shown).toEqual(board.rows.map((row) => [row.model, row.elo.toFixed(1)]));
    const bias = positionBias(judgments);
    expect(await opened.page.textContent('#arena-bias')).toContain(`${bias.firstShare.toFixed(4)} (${bias.firstWins} of ${bias.nonTies}; Wilson 95% ${bias.low.toFixed(4)}–${bias.high.toFixed(4)}`);
    await opened.page.close();
  });

  // The experiments issue's NFCorpus example (experiments/nfcorpus.yaml arrives with it).
  it.skipIf(!existsSync(join(PACKAGE_ROOT, 'experiments', 'nfcorpus.yaml')))('the NFCorpus example experiment: charts drawn, table = database', async () => {
    const dir = join(tempDir(), 'nfcorpus');
    const run = medir(['experiment', 'run', join(PACKAGE_ROOT, 'experiments', 'nfcorpus.yaml'), '--out', dir]);
    expect(run.status, run.stderr).toBe(0);
    const r = medir(['report', dir]);
    expect(r.status, r.stderr).toBe(0);
    const opened = await open(browser, join(dir, 'report.html'));
    await expectClean(opened, 4); // recall@k, nDCG@k, scatter, timings
    await expectTableEqualsDb(opened.page, join(dir, 'results.sqlite'), 12); // 4 variants (bm25, glove, rrf, rerank) × 3 measures
    await opened.page.close();
  });

  it('20 variants × 5 measures × 4 languages: under 2 MB, rendered in under 3 s (median of 3)', async () => {
    const dir = tempDir();
    writeResultsDb(dir, { variants: 20, measures: ['ndcg_cut_10', 'recall_100', 'map', 'recip_rank', 'P_10'], langs: ['en', 'es', 'de', 'zh'], queriesPerLang: 50, runs: true });
    expect(medir(['report', dir]).status).toBe(0);
    const file = join(dir, 'report.html');
    const bytes = statSync(file).size;
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const opened = await open(browser, file);
      await expectClean(opened, 6);
      times.push(opened.ms);
      await opened.page.close();
    }
    const median = [...times].sort((a, b) => a - b)[1];
    console.log(`report 20x5x4: ${(bytes / 1e6).toFixed(2)} MB, rendered in ${times.map((t) => t.toFixed(0)).join(', ')} ms (median ${median.toFixed(0)} ms), load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
    expect(bytes).toBeLessThan(2e6);
    expect(median).toBeLessThan(3000);
  });
});
