import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compareResults } from '../evaluate/compare.js';
import { formatComparison } from '../evaluate/format/comparison.js';
import type { EvalResult } from '../evaluate/evaluator.js';
import { MedirError } from '../core/errors.js';
import { arenaMarkdown } from './arena.js';
import { launchChromium } from './browser.js';
import { charts } from './charts.js';
import type { ReportInput, ReportModel } from './model.js';
import { SIGNIFICANCE } from './model.js';

const SIG_MARK = { 1: ' ▲', [-1]: ' ▼', 0: '' } as const;

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** The main table as Markdown: best in bold, ▲/▼ against the baseline, n per cell. */
export function markdownTable(model: ReportModel): string {
  const measures = model.measures.filter((m) => model.rows.some((r) => r.cells[m]));
  const lines = [`| variant | ${measures.map(mdEscape).join(' | ')} |`, `|---|${measures.map(() => '---:').join('|')}|`];
  for (const row of model.rows) {
    const cells = measures.map((m) => {
      const c = row.cells[m];
      if (!c) return '–';
      const v = c.best ? `**${c.value.toFixed(4)}**` : c.value.toFixed(4);
      return `${v}${c.sig ? SIG_MARK[c.sig] : ''} (n=${c.n})`;
    });
    lines.push(`| ${mdEscape(row.label)}${row.label === model.baseline ? ' (baseline)' : ''} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Screenshots every chart of the HTML report into `dir` as PNG; undefined when no browser is installed. */
export async function chartPngs(htmlFile: string, dir: string): Promise<string[] | undefined> {
  const browser = await launchChromium();
  if (!browser) return undefined;
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(htmlFile).href);
    await page.waitForSelector('body[data-rendered]');
    if ((await page.getAttribute('body', 'data-rendered')) === 'error') throw new MedirError('BAD_INPUT', `${htmlFile}: a chart failed to render`);
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const section of await page.$$('section.chart')) {
      const id = (await section.$eval('div.vega', (d) => d.id)).replace(/^chart-/, '');
      const file = join(dir, `${id}.png`);
      await section.screenshot({ path: file });
      files.push(file);
    }
    return files;
  } finally {
    await browser.close();
  }
}

/**
 * The report as Markdown: the main table, the policy, each chart as a PNG beside the file (taken by
 * the local Chromium from the HTML report), or a note that the plots were skipped without one.
 */
export async function renderMarkdown(model: ReportModel, htmlFile: string, outFile: string): Promise<{ text: string; pngs?: string[] }> {
  const pngDir = join(dirname(outFile), `${basename(outFile).replace(/\.md$/, '')}-plots`);
  const pngs = await chartPngs(htmlFile, pngDir);
  const titles = new Map(charts(model).map((c) => [c.id, c.title]));
  const plots = pngs
    ? pngs.map((f) => `### ${titles.get(basename(f, '.png'))}\n\n![${basename(f, '.png')}](${basename(pngDir)}/${basename(f)})`).join('\n\n')
    : '_Plots skipped: no Chromium found (install chromium or set MEDIR_CHROMIUM); the HTML report has them._';
  const warnings = model.warnings.map((w) => `> **warning:** ${w}`).join('\n');
  const main = model.rows.length ? `${markdownTable(model)}\n\n_Best in bold; ▲/▼ significantly better/worse than ${model.baseline} (${model.correction})._\n\n_policy: ${model.policy}_\n\n` : '';
  const arena = model.arena ? `${arenaMarkdown(model.arena)}\n` : '';
  const text = `# medir report: ${model.title}\n\n${warnings ? `${warnings}\n\n` : ''}${main}${arena}${plots}\n`;
  return { text, pngs };
}

/** The main table as a booktabs LaTeX table: `medir compare --format latex` over the variants with per-query values. */
export function renderLatex(input: ReportInput): string {
  const variants = input.variants.filter((v) => v.perQuery && v.perQuery.size > 0);
  const results = variants.map((v) => ({
    name: v.label,
    result: { names: input.measures, perQuery: new Map([...v.perQuery!].map(([q, m]) => [q, new Map(Object.entries(m))])), policy: input.policy } as unknown as EvalResult,
  }));
  return formatComparison(compareResults(results, { test: SIGNIFICANCE.test, correction: SIGNIFICANCE.correction, alpha: SIGNIFICANCE.alpha, seed: 42, permutations: 10_000, samples: 10_000 }), 'latex');
}
