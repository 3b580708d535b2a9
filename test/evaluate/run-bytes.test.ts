/** The byte-level run reader behind evaluateRunFile (src/evaluate/run-file.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Qrels } from '../../src/core/types.js';
import { evaluate, evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { Evaluator } from '../../src/evaluate/evaluator.js';
import { evaluateRunBytes } from '../../src/evaluate/run-file.js';
import { readRun } from '../../src/formats/run.js';

const dir = mkdtempSync(join(tmpdir(), 'medir-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** 30 queries × 200 documents with ties, judged docs in and out of the run, UTF-8 and odd spacing. */
function lines(): string[] {
  const out: string[] = [];
  for (let q = 0; q < 30; q++) {
    for (let d = 0; d < 200; d++) out.push(`q${q}${d % 3 ? ' ' : '\t'}Q0 dé-${(d * 37) % 200} ${d + 1} ${Math.floor((200 - d) / 3) / 4} t${d % 50 === 0 ? ' extra' : ''}`);
  }
  return out;
}

const qrels: Qrels = new Map(
  Array.from({ length: 31 }, (_, q) => [`q${q}`, new Map(Array.from({ length: 25 }, (_, k) => [`dé-${(k * 13 + q) % 230}`, (k % 4) - (k === 7 ? 1 : 0)] as const))]),
);

describe('evaluateRunFile reads the bytes as readRun + evaluate read the text', () => {
  const grouped = lines();
  const reference = async (path: string, measures: string) => {
    const { run, tag } = await readRun(path);
    return { ...evaluate(qrels, run, measures, { complete: true }), runId: tag };
  };

  it('on a grouped run, plain and gzipped, for all_trec (ties broken by docid bytes)', async () => {
    const plain = file('g.run', grouped.join('\n') + '\n');
    const gz = file('g.run.gz', gzipSync(grouped.join('\n')));
    const expected = await reference(plain, 'all_trec');
    for (const path of [plain, gz]) {
      const got = await evaluateRunFile(qrels, path, 'all_trec', { complete: true });
      expect(got.perQuery).toEqual(expected.perQuery);
      expect(got.mean).toEqual(expected.mean);
      expect(got.runId).toBe('t');
    }
  });

  it('on an ungrouped run (each query in two halves), held to the end and said so on stderr', async () => {
    const halves = [...grouped.filter((_, i) => i % 200 < 100), ...grouped.filter((_, i) => i % 200 >= 100)];
    const path = file('u.run', halves.join('\n'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const got = await evaluateRunFile(qrels, path, 'all_trec', { complete: true });
    const said = stderr.mock.calls.map((c) => String(c[0])).join('');
    stderr.mockRestore();
    expect(said).toMatch(/not grouped by query, so every line was held in memory/);
    const expected = await reference(file('g2.run', grouped.join('\n')), 'all_trec');
    expect(got.perQuery).toEqual(expected.perQuery);
    expect(got.mean).toEqual(expected.mean);
  });

  it('with --ignore-identical-ids, -M and -J', async () => {
    const path = file('p.run', ['q1 Q0 q1 1 9 t', ...grouped].join('\n'));
    for (const policy of [{ ignoreIdenticalIds: true }, { maxPerQuery: 50 }, { judgedOnly: true }]) {
      const { run } = await readRun(path);
      expect((await evaluateRunFile(qrels, path, 'all_trec', policy)).perQuery).toEqual(evaluate(qrels, run, 'all_trec', policy).perQuery);
    }
  });

  it('rejects a document given twice for a query across its two parts, naming the later part', async () => {
    const path = file('dup.run', ['a Q0 d1 1 3 t', 'b Q0 d1 1 3 t', 'a Q0 d2 2 2 t', 'a Q0 d1 3 1 t'].join('\n'));
    await expect(evaluateRunFile(new Map([['a', new Map([['d1', 1]])]]), path, 'map')).rejects.toThrow(`${path}:3: document 'd1' appears twice for query 'a'`);
  });

  it('keeps a control byte inside an id (only C isspace separates fields)', async () => {
    const judged: Qrels = new Map([['q1', new Map([['d\x01x', 1]])]]);
    expect((await evaluateRunFile(judged, file('ctl.run', 'q1 Q0 d\x01x 1 1 t\n'), 'map')).mean.get('map')).toBe(1);
  });

  it('stops and says tooLate when an ungrouped query comes back after it stopped holding lines', async () => {
    const path = file('late.run', ['a Q0 d1 1 3 t', 'b Q0 d1 1 3 t', 'a Q0 d2 2 2 t'].join('\n'));
    const outcome = await evaluateRunBytes(path, new Evaluator(qrels, 'map'), undefined, 1);
    expect(outcome.tooLate).toBe(true);
    const held = await evaluateRunBytes(path, new Evaluator(qrels, 'map'));
    expect(held).toMatchObject({ tooLate: false, heldEverything: true });
  });
});
