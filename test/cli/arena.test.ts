import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirrorSearchPath } from '../../src/mirror/locations.js';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { writeSurrogateFixture } from '../helpers/arena-fixture.js';

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

describe('medir arena features and surrogate', () => {
  it('features per system; a surrogate trained on judged pairs predicts the unjudged ones and ranks as the judge does', () => {
    const dir = tempDir('medir-arena-sur-');
    const fixture = writeSurrogateFixture(dir);

    const feats = medir(['arena', 'features', '--answers', join(dir, 'answers.jsonl'), '--qrels', join(dir, 'qrels.txt'), '--format', 'csv']);
    expect(feats.status, feats.stderr).toBe(0);
    const rows = feats.stdout.trim().split('\n').map((l) => l.split(','));
    const col = (name: string) => rows[0].indexOf(name);
    const long = rows.find((r) => r[0] === 'long')!;
    const short = rows.find((r) => r[0] === 'short')!;
    // long and short cite [2] = d2 (not relevant): precision 0; terse and medium cite d1: 1
    expect(long[col('citation_precision')]).toBe('0.0000');
    expect(rows.find((r) => r[0] === 'terse')![col('citation_precision')]).toBe('1.0000');
    expect(Number(long[col('length')])).toBeGreaterThan(Number(short[col('length')]));

    const out = join(dir, 'predicted.jsonl');
    const flat = medir(['arena', 'surrogate', '--answers', join(dir, 'answers.jsonl'), '--judgments', join(dir, 'judgments.jsonl'), '--features', 'length,citation_precision', '--folds', '3']);
    expect(flat.status).toBe(2);
    expect(flat.stderr).toMatch(/--features: 'citation_precision' has no value or the same value for every answer/);
    const r = medir(['arena', 'surrogate', '--answers', join(dir, 'answers.jsonl'), '--judgments', join(dir, 'judgments.jsonl'), '--qrels', join(dir, 'qrels.txt'), '--features', 'length,citation_precision', '--folds', '3', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const agreement = Number(/held-out agreement with the judge ([\d.]+) over \d+ verdicts \(3 query folds\)/.exec(r.stdout)![1]);
    expect(agreement).toBeGreaterThan(0.75);
    expect(agreement).toBeLessThan(1);
    expect(r.stdout).toMatch(/Kendall τ-b between the surrogate's and the judge's leaderboards: 1\.0000 over 4 models/);
    const predicted = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(predicted.length + readFileSync(fixture.judgments, 'utf8').trim().split('\n').length).toBe(12 * 6);
    expect(predicted.every((p) => p.judge === 'surrogate' && p.probability >= 0 && p.probability <= 1)).toBe(true);
    expect(medir(['arena', 'surrogate', '--answers', join(dir, 'answers.jsonl'), '--judgments', join(dir, 'judgments.jsonl'), '--features', 'colour']).stderr).toMatch(/unknown feature 'colour'; valid: lang_match/);
  });
});
