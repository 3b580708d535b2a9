import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnswers, type SystemAnswer } from '../../src/arena/answers.js';
import { judgeAnswers, type JudgeRun } from '../../src/arena/judge.js';
import { parseBudget, plannedPairs } from '../../src/arena/pairs.js';
import { parseVerdict } from '../../src/arena/verdict.js';
import { cachedGenerator } from '../../src/generate/cache.js';
import { createGenerator } from '../../src/generate/generator.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';
import { startFakeOpenAI, type Fault, type FakeServer } from '../generate/fake-openai.js';
import { spawnMedir } from '../rag/spawn-medir.js';
import { tempDir } from '../helpers/tmp.js';

const QUALITY: Record<string, number> = { good: 3, mid: 2, bad: 1 };

/**
 * The scripted judge: reads the two answers from the prompt and prefers the better system's, except
 * on q3, where it always picks the first shown (pure position bias), and on q4 when `bad` is shown
 * first, where it rambles without a verdict (unparsable).
 */
export function scriptedJudge(prompt: string): string {
  const answer = (tag: string) => new RegExp(`\\[Answer ${tag}\\]\\n(.*)\\n`).exec(prompt)![1];
  const [a, b] = [answer('A'), answer('B')];
  const q = /q\d/.exec(prompt)![0];
  const [qa, qb] = [QUALITY[a.split(' ')[0]], QUALITY[b.split(' ')[0]]];
  if (q === 'q3') return 'Both fine. [[A]]';
  if (q === 'q4' && a.startsWith('bad')) return 'Hard to say.';
  return `A says ${a}; B says ${b}. Verdict: ${qa > qb ? '[[A]]' : qa < qb ? '[[B]]' : '[[C]]'}`;
}

function answersFile(dir: string): string {
  const rows: SystemAnswer[] = [];
  for (const q of ['q1', 'q2', 'q3', 'q4']) {
    for (const system of ['bad', 'good', 'mid']) rows.push({ queryId: q, system, answer: `${system} answer to ${q}`, question: `question ${q}?`, lang: 'en' });
  }
  rows.push({ queryId: 'q5', system: 'good', answer: 'good answer to q5', question: 'question q5?' });
  const file = join(dir, 'answers.jsonl');
  writeFileSync(file, rows.map((r) => JSON.stringify({ query_id: r.queryId, system: r.system, answer: r.answer, question: r.question, lang: r.lang })).join('\n') + '\n');
  return file;
}

const loc = resolveLocations();
async function judgeWith(server: FakeServer, dir: string, run: Partial<JudgeRun>, params: Record<string, unknown> = {}) {
  const inner = await createGenerator('openai-compatible', { baseUrl: server.baseUrl, llmModel: 'judge-model', retryBaseMs: 5, timeoutMs: 1000, ...params }, loc);
  const generator = cachedGenerator(inner, join(dir, 'cache'));
  const answers = await readAnswers([answersFile(dir)]);
  return judgeAnswers(answers, { generator, budget: { kind: 'all' }, seed: 42, orders: 'both', orderConflict: 'tie', ...run });
}
const parse = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('verdict parsing and pair budgets', () => {
  it('reads the last [[A]]/[[B]]/[[C]] token or a Verdict: line; anything else is unparsable', () => {
    expect(parseVerdict('I prefer [[B]]')).toBe('B');
    expect(parseVerdict('Options: [[A]], [[B]] or [[C]]. Final: [[C]]')).toBe('Tie');
    expect(parseVerdict('reasoning…\nVerdict: A')).toBe('A');
    expect(parseVerdict('[[tie]]')).toBe('Tie');
    expect(parseVerdict('A is better')).toBeNull();
    expect(parseVerdict('')).toBeNull();
  });

  it('budgets: all pairs, a seeded sample per query, bad specs rejected', () => {
    expect(plannedPairs(['a', 'b', 'c'], { kind: 'all' }, 1, 'q')).toEqual([['a', 'b'], ['a', 'c'], ['b', 'c']]);
    const s = plannedPairs(['a', 'b', 'c', 'd'], parseBudget('sample:2'), 1, 'q');
    expect(s).toHaveLength(2);
    expect(plannedPairs(['a', 'b', 'c', 'd'], parseBudget('sample:2'), 1, 'q')).toEqual(s);
    expect(() => parseBudget('sample:0')).toThrow(/--pairs: expected all, sample:N/);
    expect(() => parseBudget('some')).toThrow(/--pairs/);
  });
});

describe('pairwise judging against the local OpenAI-compatible server', () => {
  it('both orders: agreeing verdicts kept, position-flipped ones become ties, unparsable counted, single-system query skipped', async () => {
    const server = await startFakeOpenAI([], { reply: scriptedJudge });
    const dir = tempDir();
    const { lines, stats, judge } = await judgeWith(server, dir, {});
    expect(judge).toBe('openai-compatible:judge-model');
    expect(stats).toMatchObject({ queries: 4, singleSystemQueries: ['q5'], pairs: 12, replies: 24, unparsable: 2, pairsWithoutVerdict: 0, judgments: 12 });
    expect(server.received).toHaveLength(24);
    const rows = parse(lines);
    const sha = createHash('sha256').update(readFileSync(join(PACKAGE_ROOT, 'prompts/arena/pairwise/v1/user.txt'))).digest('hex');
    expect(rows.every((r) => r.prompt_sha256 === sha && r.judge === judge && r.lang === 'en')).toBe(true);
    const q1 = rows.filter((r) => r.query_id === 'q1').map((r) => `${r.model_A}>${r.model_B}:${r.verdict}`);
    expect(q1).toEqual(['bad>good:B', 'bad>mid:B', 'good>mid:A']);
    // q3: the judge always picks the first shown, so each pair's verdict flips with the order: ties.
    const q3 = rows.filter((r) => r.query_id === 'q3');
    expect(q3.map((r) => r.verdict)).toEqual(['Tie', 'Tie', 'Tie']);
    expect(q3[0]).toMatchObject({ order: 'both', position_verdicts: ['A', 'A'] });
    // q4: with bad shown first the reply has no verdict; the other order's verdict stands, its order recorded.
    const q4 = rows.filter((r) => r.query_id === 'q4').map((r) => `${r.model_A}>${r.model_B}:${r.verdict}:${r.order}`);
    expect(q4).toEqual(['good>bad:A:BA', 'mid>bad:A:BA', 'good>mid:A:both']);
  });

  it('429, 5xx, timeouts and malformed bodies are retried: the same judgments, none lost or duplicated', async () => {
    const clean = await judgeWith(await startFakeOpenAI([], { reply: scriptedJudge }), tempDir(), {});
    const faults: Fault[] = [429, 500, 'timeout', 503, 'malformed', 429];
    const server = await startFakeOpenAI(faults, { reply: scriptedJudge });
    const faulty = await judgeWith(server, tempDir(), {}, { retries: 6, concurrency: 2 });
    expect(faulty.lines).toEqual(clean.lines);
    expect(server.answered).toHaveLength(24);
    expect(new Set(server.answered).size).toBe(24);
    expect(server.received).toHaveLength(24 + 6);
  });

  it('separate lines per order, one seeded order, a sample and a tournament', async () => {
    const server = await startFakeOpenAI([], { reply: scriptedJudge });
    const dir = tempDir();
    const separate = parse((await judgeWith(server, dir, { orderConflict: 'separate' })).lines);
    expect(separate.filter((r) => r.query_id === 'q3').map((r) => `${r.model_A}>${r.model_B}:${r.verdict}:${r.order}`)).toEqual([
      'bad>good:A:AB', 'good>bad:A:BA', 'bad>mid:A:AB', 'mid>bad:A:BA', 'good>mid:A:AB', 'mid>good:A:BA',
    ]);
    expect(separate).toHaveLength(22);
    // The same prompts as before: all from the cache.
    expect(server.received).toHaveLength(24);
    const one = await judgeWith(server, dir, { orders: 'one' });
    expect(one.stats.replies).toBe(12);
    expect(server.received).toHaveLength(24);
    const sample = await judgeWith(server, dir, { budget: { kind: 'sample', n: 1 } });
    expect(sample.stats.pairs).toBe(4);
    const tournament = await judgeWith(server, dir, { budget: { kind: 'tournament' } });
    // 3 systems: 2 matches per query; the good system wins every query it is judged on (except q3's coin flips).
    expect(tournament.stats.pairs).toBe(8);
  });
});

describe('an in-process judge', () => {
  it('tiny-random-gpt2 through the ONNX generator (random weights: code path only): every reply unparsable, counted, no judgment written', async () => {
    const dir = tempDir();
    const generator = cachedGenerator(await createGenerator('onnx', { llmModel: 'tiny-random-gpt2', maxTokens: 4 }, loc), join(dir, 'cache'));
    const answers = (await readAnswers([answersFile(dir)])).filter((a) => a.queryId === 'q1');
    const { lines, stats } = await judgeAnswers(answers, { generator, budget: { kind: 'all' }, seed: 1, orders: 'both', orderConflict: 'tie' });
    expect(stats).toMatchObject({ pairs: 3, replies: 6, unparsable: 6, pairsWithoutVerdict: 3, judgments: 0 });
    expect(lines).toEqual([]);
  });
});

describe('medir arena judge (CLI)', () => {
  const judgeArgs = (server: FakeServer, dir: string) => [
    'arena', 'judge', '--answers', answersFile(dir), '--base-url', server.baseUrl, '--llm-model', 'judge-model', '--concurrency', '1', '--retry-base-ms', '5', '--out', join(dir, 'judgments.jsonl'),
  ];
  const env = (dir: string) => ({ MEDIR_CACHE: join(dir, 'cache') });

  it('end to end; killed mid-run it resumes from the cache, and a rerun makes no calls; the leaderboard reads the output', async () => {
    const server = await startFakeOpenAI(['ok', 'ok', 'ok', 'ok', 'ok', 'hold'], { reply: scriptedJudge });
    const dir = tempDir();
    const first = spawnMedir(judgeArgs(server, dir), env(dir));
    server.onRequest = (_r, index) => {
      if (index === 5) first.child.kill('SIGKILL');
    };
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(server.answered).toHaveLength(5);
    server.onRequest = undefined;

    const second = await spawnMedir(judgeArgs(server, dir), env(dir)).exited;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/12 judgments of 12 pairs over 4 queries/);
    expect(second.stdout).toMatch(/24 replies: 19 calls, 5 from cache; 2 unparsable \(0 pairs without a verdict\); skipped 1 queries with a single system \(q5\)/);
    // q3's judge always picks the first shown: 3 flipped pairs; q1, q2 consistent; q4 had one order parsed per pair except good/mid.
    expect(second.stdout).toMatch(/position bias: the first-shown answer won \d+ of 22 non-tie verdicts; 3 of 10 pairs judged in both orders flipped with the order/);
    expect(new Set(server.answered).size).toBe(24);
    expect(server.answered).toHaveLength(24);
    const out = readFileSync(join(dir, 'judgments.jsonl'), 'utf8');
    const keys = out.trim().split('\n').map((l) => { const r = JSON.parse(l); return `${r.query_id} ${r.model_A} ${r.model_B}`; });
    expect(new Set(keys).size).toBe(12);
    const manifest = JSON.parse(readFileSync(join(dir, 'judgments.manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ prompt: { version: 'arena/pairwise/v1' }, orders: 'both', orderConflict: 'tie', stats: { judgments: 12 } });

    const third = await spawnMedir(judgeArgs(server, dir), env(dir)).exited;
    expect(third.stdout).toMatch(/0 calls, 24 from cache/);
    expect(server.received).toHaveLength(25);
    expect(readFileSync(join(dir, 'judgments.jsonl'), 'utf8')).toBe(out);

    // `bad` never wins outright: no MLE with ties dropped (an error saying so); ties counted half give one.
    const board = await spawnMedir(['arena', 'leaderboard', join(dir, 'judgments.jsonl'), '--ties', 'half', '--bootstrap', '0', '--format', 'csv', '--show', 'leaderboard'], {}).exited;
    expect(board.code, board.stderr).toBe(0);
    expect(board.stdout.split('\n').slice(1, 4).map((l) => l.split(',')[1])).toEqual(['good', 'mid', 'bad']);
  });
});
