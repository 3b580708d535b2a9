import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elo, emptyWins, fitBradleyTerry } from '../../src/arena/bradley-terry.js';
import { parseJudgment, readJudgments, type Judgment } from '../../src/arena/judgments.js';
import { buildLeaderboard, leaderboardsBy } from '../../src/arena/leaderboard.js';
import { MedirError } from '../../src/core/errors.js';
import { mirrorSearchPath } from '../../src/mirror/locations.js';

const synthetic = mirrorSearchPath().map((m) => join(m, 'data', 'arena-synthetic')).find((d) => { try { readFileSync(join(d, 'README.md')); return true; } catch { return false; } })!;

let n = 0;
const j = (queryId: string, modelA: string, modelB: string, verdict: string, extra: Record<string, unknown> = {}): Judgment =>
  parseJudgment({ query_id: queryId, judge: 'test', model_A: modelA, model_B: modelB, verdict, ...extra }, 'mem.jsonl', ++n);

describe('Bradley–Terry', () => {
  it('golden: the ties-dropped fit of the synthetic judgments equals the choix reference to 1e-6', async () => {
    const reference = JSON.parse(readFileSync(join(synthetic, 'bt_full_reference.json'), 'utf8')) as { strengths: Record<string, number>; n_rows: number };
    const judgments = await readJudgments(join(synthetic, 'judgments.jsonl'));
    expect(judgments).toHaveLength(reference.n_rows);
    const board = buildLeaderboard(judgments, 'drop');
    expect(board.rows).toHaveLength(Object.keys(reference.strengths).length);
    for (const row of board.rows) expect(Math.abs(row.theta - reference.strengths[row.model])).toBeLessThan(1e-6);
    expect(board.rows[0].model).toBe('gpt-4o-azure');
  });

  it('two models: θ difference is the log odds of the win counts; ties half shrink it; Elo on the 400/ln10 scale', () => {
    // 3 wins to 1: θ_a − θ_b = ln 3, mean-centred to ±ln3/2.
    const fit = fitBradleyTerry(['a', 'b'], [[0, 3], [1, 0]]);
    expect(fit.ok).toBe(true);
    if (fit.ok) expect(fit.theta[0]).toBeCloseTo(Math.log(3) / 2, 10);
    const judgments = [j('q1', 'a', 'b', 'A'), j('q2', 'a', 'b', 'A'), j('q3', 'b', 'a', 'B'), j('q4', 'a', 'b', 'B'), j('q5', 'a', 'b', 'Tie'), j('q6', 'b', 'a', 'Tie')];
    const drop = buildLeaderboard(judgments, 'drop');
    expect(drop.rows[0]).toMatchObject({ model: 'a', wins: 3, losses: 1, ties: 2 });
    expect(drop.rows[0].theta).toBeCloseTo(Math.log(3) / 2, 10);
    // half: a has 4 of 6, b 2 of 6 → ln 2.
    expect(buildLeaderboard(judgments, 'half').rows[0].theta).toBeCloseTo(Math.log(2) / 2, 10);
    expect(elo(Math.log(10))).toBeCloseTo(1400, 10);
    expect(drop.rows[0].elo).toBeCloseTo(1000 + (400 / Math.LN10) * (Math.log(3) / 2), 10);
  });

  it('a model that never wins, never loses, or a split graph has no MLE: an error saying why', () => {
    expect(fitBradleyTerry(['a', 'b'], [[0, 2], [0, 0]])).toEqual({ ok: false, reason: 'never wins: b' });
    const split = emptyWins(4);
    split[0][1] = split[1][0] = split[2][3] = split[3][2] = 1;
    expect(fitBradleyTerry(['a', 'b', 'c', 'd'], split)).toMatchObject({ ok: false, reason: expect.stringMatching(/split into groups/) });
    expect(() => buildLeaderboard([j('q1', 'a', 'b', 'A'), j('q2', 'a', 'b', 'Tie')], 'drop')).toThrow(/no Bradley–Terry fit exists: never wins: b/);
  });

  it('bad lines: unknown verdict, a model against itself, a missing field name the file and line', () => {
    expect(() => j('q', 'a', 'b', 'C')).toThrow(/mem\.jsonl:\d+: unknown verdict "C"; valid: A, B, Tie/);
    expect(() => j('q', 'a', 'a', 'A')).toThrow(/judged against itself/);
    const dir = mkdtempSync(join(tmpdir(), 'medir-arena-'));
    writeFileSync(join(dir, 'j.jsonl'), '{"query_id":"q","model_A":"a","model_B":"b","verdict":"A"}\n{"query_id":"q","model_A":"a","verdict":"A"}\n');
    return expect(readJudgments(join(dir, 'j.jsonl'))).rejects.toThrow(/j\.jsonl:2: expected a non-empty "model_B"/);
  });

  it('bootstrap is seeded, brackets the full fit, and flags tournaments without an MLE instead of fitting them', async () => {
    const judgments = await readJudgments(join(synthetic, 'judgments.jsonl'));
    const spec = { tournaments: 40, seed: 7 };
    const a = buildLeaderboard(judgments, 'drop', spec);
    const b = buildLeaderboard(judgments, 'drop', spec);
    expect(a.rows.map((r) => r.thetaCi)).toEqual(b.rows.map((r) => r.thetaCi));
    for (const r of a.rows) {
      expect(r.thetaCi!.low).toBeLessThanOrEqual(r.theta);
      expect(r.thetaCi!.high).toBeGreaterThanOrEqual(r.theta);
    }
    expect(a.bootstrap).toMatchObject({ tournaments: 40, queries: 30, fitted: 40, flagged: 0 });
    // One query: c beats a and b; a and b trade wins. A resample of only q2 leaves c never winning.
    const small = [j('q1', 'a', 'b', 'A'), j('q1', 'b', 'c', 'A'), j('q1', 'c', 'a', 'A'), j('q2', 'a', 'c', 'A'), j('q2', 'b', 'c', 'A'), j('q2', 'a', 'b', 'B')];
    const boot = buildLeaderboard(small, 'drop', { tournaments: 50, seed: 1, queries: 1 }).bootstrap!;
    expect(boot.flagged).toBeGreaterThan(0);
    expect(boot.fitted + boot.flagged).toBe(50);
    expect(Object.keys(boot.reasons).join(' ')).toMatch(/never wins: c/);
  });

  it('per-slice leaderboards: one per value, a slice without an MLE is a reported skip; a missing field is an error', () => {
    const rows = [
      j('q1', 'a', 'b', 'A', { lang: 'en' }), j('q2', 'a', 'b', 'B', { lang: 'en' }), j('q3', 'a', 'b', 'A', { lang: 'en' }),
      j('q4', 'a', 'b', 'A', { lang: 'es' }),
    ];
    const slices = leaderboardsBy(rows, 'lang', 'drop');
    expect(slices.map((s) => s.slice)).toEqual(['en', 'es']);
    expect(slices[0].leaderboard!.rows[0].theta).toBeCloseTo(Math.log(2) / 2, 10);
    expect(slices[1].skipped).toMatch(/lang=es: no Bradley–Terry fit exists: never wins: b/);
    expect(() => leaderboardsBy([j('q', 'a', 'b', 'A')], 'lang', 'drop')).toThrow(MedirError);
  });
});
