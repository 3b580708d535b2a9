import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJudgments } from '../../src/arena/judgments.js';
import { buildLeaderboard } from '../../src/arena/leaderboard.js';
import { positionBias } from '../../src/arena/position-bias.js';
import { winRateMatrix } from '../../src/arena/win-rate.js';
import { resolvePolicy } from '../../src/evaluate/policy.js';
import { arenaSection, REPORT_ARENA_BOOTSTRAP } from '../../src/report/arena.js';
import { charts } from '../../src/report/charts.js';
import { renderHtml } from '../../src/report/html.js';
import { buildModel, type ReportInput } from '../../src/report/model.js';
import { medir } from '../helpers/cli.js';
import { SYNTHETIC_JUDGMENTS } from './arena-fixture.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

// The report's arena section shows the arena module's numbers (never its own), and says when the
// judgments give no fit.

const SYNTHETIC = SYNTHETIC_JUDGMENTS;

function arenaOnly(arena: ReportInput['arena']): ReportInput {
  return { title: 'arena', dataset: '', split: '', measures: [], policy: resolvePolicy({}), variants: [], queries: new Map(), curves: [], timings: [], rag: [], details: { versions: {}, checksums: [] }, warnings: [], arena };
}

// C beats everyone and never loses: no Bradley–Terry MLE with ties dropped.
const NO_FIT = ['A,B,A', 'A,B,B', 'C,A,A', 'C,B,A', 'B,C,B', 'A,B,Tie']
  .map((s) => s.split(','))
  .map(([a, b, v], i) => JSON.stringify({ query_id: `q${i}`, judge: 'j', model_A: a, model_B: b, verdict: v }))
  .join('\n');

describe('report arena section', () => {
  it('equals the arena module on the synthetic judgments (leaderboard, intervals, win rates, position bias)', async () => {
    for (const ties of ['drop', 'half'] as const) {
      const model = buildModel(arenaOnly(await arenaSection(SYNTHETIC, ties)));
      const judgments = await readJudgments(SYNTHETIC);
      const board = buildLeaderboard(judgments, ties, REPORT_ARENA_BOOTSTRAP, SYNTHETIC);
      const shown = model.arena!.report!;
      expect(shown.leaderboard).toEqual(board);
      expect(board.rows).toHaveLength(19);
      expect(board.bootstrap?.fitted).toBe(200);
      expect(shown.winRate).toEqual(winRateMatrix(judgments, board.rows.map((r) => r.model), ties));
      expect(shown.positionBias).toEqual(positionBias(judgments));
      expect(model.warnings).toEqual([]);
      // the charts carry the same numbers
      const [interval, heat] = charts(model);
      expect((interval.spec.data as { values: { model: string; elo: number; low: number }[] }).values).toEqual(board.rows.map((r) => ({ model: r.model, elo: r.elo, low: r.eloCi!.low, high: r.eloCi!.high })));
      expect((heat.spec.data as { values: unknown[] }).values).toHaveLength(19 * 18);
      // and the page's table: Elo to one decimal, n = judgments of the model
      const html = renderHtml(model);
      for (const r of board.rows) {
        const row = new RegExp(`<tr data-model="${r.model.replace(/[.]/g, '\\.')}">.*?</tr>`).exec(html)![0];
        expect(row).toContain(`class="elo">${r.elo.toFixed(1)}<`);
        expect(row).toContain(`>${r.wins + r.losses + r.ties}</td></tr>`);
      }
    }
  });

  it('judgments with no fit: said in the page and as a warning, no arena chart drawn', async () => {
    const dir = tempDir();
    const file = join(writeTree(dir, { 'j.jsonl': NO_FIT }), 'j.jsonl');
    const model = buildModel(arenaOnly(await arenaSection(file, 'drop')));
    expect(model.arena!.report).toBeUndefined();
    expect(model.warnings).toHaveLength(1);
    expect(model.warnings[0]).toMatch(/no Bradley–Terry fit exists/);
    expect(charts(model)).toEqual([]);
    expect(renderHtml(model)).toMatch(/id="arena-error">No leaderboard: arena: .*j\.jsonl: no Bradley–Terry fit exists/);
  });

  it('medir report --arena: the page and stderr say a file gives no fit; a malformed file and LaTeX are refused', () => {
    const dir = tempDir();
    writeTree(dir, { 'j.jsonl': NO_FIT, 'bad.jsonl': '{"query_id":"q","model_A":"a","model_B":"b","verdict":"maybe"}\n' });
    const out = join(dir, 'r.html');
    const r = medir(['report', '--arena', join(dir, 'j.jsonl'), '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: arena: .*j\.jsonl: no Bradley–Terry fit exists/);
    expect(readFileSync(out, 'utf8')).toContain('id="arena-error"');
    const bad = medir(['report', '--arena', join(dir, 'bad.jsonl'), '--out', out]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/bad\.jsonl:1: unknown verdict "maybe"/);
    const latex = medir(['report', '--arena', SYNTHETIC, '--format', 'latex', '--out', join(dir, 'r.tex')]);
    expect(latex.status).not.toBe(0);
    expect(latex.stderr).toMatch(/--arena has no LaTeX output/);
  });

  it('medir report --arena --format markdown: the arena tables of medir arena leaderboard', () => {
    const dir = tempDir();
    const out = join(dir, 'r.md');
    const r = medir(['report', '--arena', SYNTHETIC, '--ties', 'half', '--format', 'markdown', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const cli = medir(['arena', 'leaderboard', SYNTHETIC, '--ties', 'half', '--format', 'markdown']);
    expect(cli.status, cli.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(cli.stdout.trim());
  });
});
