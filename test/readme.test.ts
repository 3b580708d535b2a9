import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorSearchPath, PACKAGE_ROOT } from '../src/mirror/locations.js';

/**
 * The README tells the truth: every `$ npx medir …` transcript in it is run, and each line it
 * shows must be a line medir prints now (whitespace aside; a line ending in `…` is a prefix).
 * A quality figure or count that drifts from the tool fails here, not in a reader's terminal.
 */
const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');

interface Transcript {
  command: string;
  expected: string[];
}

/** The `$ npx medir …` commands of the README's code blocks (continued lines joined) and the lines shown under each. */
function transcripts(text: string): Transcript[] {
  const out: Transcript[] = [];
  for (const block of text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)) {
    const lines = block[1].split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('$ npx medir ')) continue;
      let command = lines[i].slice('$ npx medir '.length);
      while (command.endsWith('\\')) command = command.slice(0, -1) + ' ' + lines[++i].trim();
      const expected: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1].startsWith('$ ')) expected.push(lines[++i]);
      out.push({ command, expected: expected.filter((l) => l.trim()) });
    }
  }
  return out;
}

const squash = (line: string) => line.trim().replace(/\s+/g, ' ');
const cwd = mkdtempSync(join(tmpdir(), 'medir-readme-'));
// The README's commands run beside the mirror (`../shared/…`); the scratch folder is elsewhere.
const mirror = mirrorSearchPath().find((m) => existsSync(join(m, 'data')))!;

/** Runs `medir <command>` in the scratch folder; the command must succeed. */
function medir(command: string): { stdout: string; stderr: string } {
  const args = command.replaceAll('../shared/', `${mirror}/`).split(/\s+/).filter(Boolean);
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, MEDIR_QUIET: '1' }, timeout: 300_000 });
  expect(r.status, `medir ${command}\n${r.stderr}`).toBe(0);
  return { stdout: r.stdout, stderr: r.stderr };
}

const shown = transcripts(readme);
beforeAll(() => {
  // The runs the transcripts and the demo table read, made as the README says (`medir run --retriever bm25|dense`, top 1000).
  mkdirSync(join(cwd, 'runs'), { recursive: true });
  for (const retriever of new Set([...readme.matchAll(/runs\/nfcorpus\.(bm25|dense)\.trec/g)].map((m) => m[1]))) medir(`run --dataset nfcorpus --retriever ${retriever}`);
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const outputs = new Map<string, string>();

describe('README transcripts', () => {
  it('the README has transcripts to check', () => {
    expect(shown.length).toBeGreaterThanOrEqual(5);
  });

  it.each(shown.map((t) => [t.command, t] as const))('medir %s prints what the README shows', (_, t) => {
    const { stdout, stderr } = medir(t.command);
    const printed = `${stderr}\n${stdout}`;
    outputs.set(t.command, printed);
    const lines = printed.split('\n').map(squash);
    for (const line of t.expected) {
      const want = squash(line);
      const found = want.endsWith('…') ? lines.some((l) => l.startsWith(want.slice(0, -1).trimEnd())) : lines.includes(want);
      expect(found, `README line not printed by \`medir ${t.command}\`:\n  ${want}\nprinted:\n${printed}`).toBe(true);
    }
  });

  it('summary lines the README quotes in prose are what compare prints', () => {
    const quoted = [...squash(readme.replace(/\n/g, ' ')).matchAll(/"(\S+ beats \S+ on \S+ by [^"]+)"/g)].map((m) => m[1]);
    expect(quoted.length).toBeGreaterThan(0);
    const printed = [...outputs.entries()].filter(([c]) => c.startsWith('compare ')).map(([, o]) => o.split('\n').map(squash)).flat();
    for (const q of quoted) expect(printed, q).toContain(`- ${q}`);
  });
});

interface XlingRow {
  condition: string;
  lang: string;
  scores: Record<string, number>;
  gap: Record<string, { absolute: number; p: number } | undefined> & { notApplicable?: string };
}
interface XlingJson {
  rows: XlingRow[];
  summaries: { condition: string; spread: number }[];
}

/** The Markdown table under the README paragraph that starts with `heading`: header cells and rows of cells. */
function tableAfter(heading: string): { header: string[]; rows: string[][] } {
  const at = readme.indexOf(heading);
  expect(at, heading).toBeGreaterThan(-1);
  const lines = readme.slice(at).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const table: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    table.push(line.slice(1, -1).split('|').map((c) => c.trim()));
  }
  return { header: table[0], rows: table.slice(2) };
}

const signed = (x: number, digits: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(digits)}`;

/**
 * Checks a README language table against `medir xling --format json`: row i is the i-th condition
 * the tool reports, each cell's nDCG@10 (and Δ to English, and p where noted) is the tool's, an
 * `n/a` cell one the tool has no score for; "all p < 0.0001 except where noted" holds.
 */
function checkXlingTable(heading: string, report: XlingJson): void {
  const { header, rows } = tableAfter(heading);
  const conditions = [...new Set(report.rows.map((r) => r.condition))];
  expect(rows.length, heading).toBe(conditions.length);
  rows.forEach((cells, i) => {
    header.forEach((lang, j) => {
      const cell = cells[j];
      if (lang === 'spread') return expect(cell).toBe(report.summaries.find((s) => s.condition === conditions[i])!.spread.toFixed(4));
      const row = report.rows.find((r) => r.condition === conditions[i] && r.lang === lang);
      if (!row) return;
      const score = row.scores['nDCG@10'];
      if (cell.startsWith('n/a')) return expect(score, `${conditions[i]} ${lang}`).toBeUndefined();
      expect(cell.split(' ')[0], `${conditions[i]} ${lang}`).toBe(score.toFixed(4));
      const gap = /^\S+ \(([−+]\d\.\d{3})(?: \[([−+]\d\.\d{3}), ([−+]\d\.\d{3})\])?(?:, p=(\S+))?\)$/.exec(cell);
      if (!gap) return;
      const g = row.gap['nDCG@10']!;
      expect(gap[1], `${conditions[i]} ${lang} Δ`).toBe(signed(g.absolute, 3));
      if (gap[4]) expect(gap[4], `${conditions[i]} ${lang} p`).toBe(g.p.toFixed(4));
      else expect(g.p, `${conditions[i]} ${lang}: p must be noted unless < 0.0001`).toBeLessThan(0.0001);
    });
  });
}

describe('README language tables', () => {
  it('XLingHealth MedicationQA: every nDCG@10, Δ and p is what medir xling prints', () => {
    checkXlingTable('XLingHealth MedicationQA, nDCG@10', JSON.parse(medir('xling --dataset xlinghealth-medicationqa --format json').stdout) as XlingJson);
  });

  it('CasiMedicos: every nDCG@10 and spread is what medir xling prints', () => {
    checkXlingTable('CasiMedicos es/fr/it → English', JSON.parse(medir('xling --dataset casimedicos-xling --format json').stdout) as XlingJson);
  });
});

describe('README demo table', () => {
  it("the demo's nDCG@10 and recall@100 are those of `medir eval` on the same runs", () => {
    const at = readme.indexOf('`npx medir demo` prints');
    expect(at).toBeGreaterThan(-1);
    // The rows of the two retrievers (the RRF row fuses the demo's own top-1000 runs; its figures come from the same evaluator).
    const block = /```\n([\s\S]*?)```/.exec(readme.slice(at))![1].split('\n').filter((l) => /^(bm25|dense) /.test(l));
    expect(block.length).toBe(2);
    for (const line of block) {
      const [name, ndcg, recall] = line.replace(/ [▲▼]/g, '').split(/\s{2,}/);
      const retriever = name.split(' ')[0];
      const { stdout } = medir(`eval --dataset nfcorpus --run runs/nfcorpus.${retriever}.trec -m ndcg@10 recall@100 --format json`);
      const report = JSON.parse(stdout) as { aggregate: Record<string, number> };
      expect([ndcg, recall], line).toEqual([report.aggregate.ndcg_cut_10.toFixed(4), report.aggregate.recall_100.toFixed(4)]);
    }
  });
});
