import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirrorSearchPath } from '../../src/mirror/locations.js';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const synthetic = mirrorSearchPath().map((m) => join(m, 'data', 'arena-synthetic', 'judgments.jsonl')).find((f) => { try { readFileSync(f); return true; } catch { return false; } })!;

describe('medir arena leaderboard', () => {
  it('prints the leaderboard, win-rate matrix and position bias of the synthetic judgments', () => {
    const r = medir(['arena', 'leaderboard', synthetic, '--bootstrap', '20']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\s+1\s+gpt-4o-azure\s+1381\.0\s/m);
    expect(r.stdout).toMatch(/512 ties dropped \(MIRAGE-Bench\)/);
    expect(r.stdout).toMatch(/20 tournaments × 30 queries/);
    expect(r.stdout).toMatch(/share of A wins\s+0\.5288/);
    expect(r.stdout).toMatch(/^19 Qwen\/Qwen2-1\.5B-Instruct\s/m);
  });

  it('csv and json; a bad verdict is an error naming file and line', () => {
    const csv = medir(['arena', 'leaderboard', synthetic, '--bootstrap', '0', '--show', 'leaderboard', '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\n')[1]).toMatch(/^1,gpt-4o-azure,1381\.0,,,2\.1931,417,73,50$/);
    const json = JSON.parse(medir(['arena', 'leaderboard', synthetic, '--bootstrap', '0', '--format', 'json', '--compare', synthetic]).stdout);
    expect(json.leaderboard.rows).toHaveLength(19);
    expect(json.tau).toMatchObject({ tau: 1, models: 19 });
    expect(medir(['arena', 'leaderboard', synthetic, '--format', 'csv']).status).toBe(2);
    const dir = tempDir('medir-arena-cli-');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"query_id":"q","judge":"j","model_A":"a","model_B":"b","verdict":"A"}\n{"query_id":"q","judge":"j","model_A":"a","model_B":"b","verdict":"a>b"}\n');
    const r = medir(['arena', 'leaderboard', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:2: unknown verdict "a>b"; valid: A, B, Tie`);
  });
});
