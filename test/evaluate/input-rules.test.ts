/**
 * The evaluation input rules (issue 13): every line trec_eval 10.0 accepts and reads correctly is
 * read the same way; every input it silently misreads is an error naming file and line.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { readQrels } from '../../src/formats/qrels.js';
import { readR2medQrels } from '../../src/formats/r2med.js';
import { readRun, streamRunColumns } from '../../src/formats/run.js';
import { readJsonl, readLines } from '../../src/io/lines.js';
import { medirErrorOf as errorOf } from '../helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'medir-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}


async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

const map = async (qrelsText: string | Buffer, runText: string | Buffer) => {
  const qrels = await readQrels(file('rules.qrels', qrelsText));
  return (await evaluateRunFile(qrels, file('rules.run', runText), 'map')).mean.get('map');
};

describe('run lines trec_eval accepts and reads correctly', () => {
  it('ignores fields after the sixth, comment lines, blank lines and CRLF', async () => {
    const run = file('extra.run', '# a comment\nq1 Q0 d1 1 2.5 tag extra text\n\n   \r\nq1 Q0 d2 2 1 tag\r\n  # indented comment\n');
    const { run: read, tag } = await readRun(run);
    expect(read.get('q1')).toEqual([{ docId: 'd1', score: 2.5 }, { docId: 'd2', score: 1 }]);
    expect(tag).toBe('tag');
  });

  it('keeps the tag of the last line as the runid, as trec_eval does', async () => {
    const qrels = await readQrels(file('t.qrels', 'q1 0 d1 1\nq2 0 d1 1\n'));
    const r = await evaluateRunFile(qrels, file('t.run', 'q1 Q0 d1 1 1 first\nq2 Q0 d1 1 1 second\n'), 'map');
    expect(r.runId).toBe('second');
  });

  it('separates fields only by C isspace characters, so a control byte stays inside an id', async () => {
    const columns = await drain(streamRunColumns(file('ctl.run', 'q1 Q0 d\x01x 1 1 t\n')));
    expect(columns[0].docIds).toEqual(['d\x01x']);
  });
});

describe('one decimal grammar for scores', () => {
  it.each(['1', '-1', '+1', '1.', '.5', '1.5e3', '1E-3', '-0.25e+2', '12345678901234567890'])('accepts %s', async (score) => {
    const { run } = await readRun(file('ok.run', `q1 Q0 d1 1 ${score} t\n`));
    expect(run.get('q1')![0].score).toBe(Number(score));
  });

  it.each(['abc', '0b11', '0x10', '0o7', '1e', '.', '-', '1.2.3', 'Infinity', 'NaN', '1_000', '1e400', '1,5'])('rejects %s with file:line', async (score) => {
    const run = file('bad.run', `q1 Q0 d0 1 1 t\nq1 Q0 d1 2 ${score} t\n`);
    expect((await errorOf(() => readRun(run))).message).toMatch(/bad\.run:2: score must be a finite number/);
  });
});

describe('relevance values', () => {
  it('reads 2^31 and up to 2^53 - 1 exactly, in linear time (sparse levels, no typed array of that length)', async () => {
    expect(await map('q1 0 d1 2147483648\n', 'q1 Q0 d1 1 1 t\n')).toBe(1);
    const started = performance.now();
    const qrels = await readQrels(file('big.qrels', `q1 0 d1 ${Number.MAX_SAFE_INTEGER}\nq1 0 d2 -${Number.MAX_SAFE_INTEGER}\nq1 0 d3 1\n`));
    expect(qrels.get('q1')!.get('d1')).toBe(Number.MAX_SAFE_INTEGER);
    const r = await evaluateRunFile(qrels, file('big.run', 'q1 Q0 d3 1 2 t\nq1 Q0 d1 2 1 t\n'), 'map,ndcg,bpref,rbp');
    expect(r.mean.get('map')).toBe(1); // both positive judgments retrieved
    expect(r.mean.get('ndcg')).toBeGreaterThan(0.6);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each(['99999999999999999999', '9007199254740992', '1.5', '1e3', 'abc', '0x1'])('rejects %s with file:line', async (rel) => {
    const qrels = file('bad.qrels', `q1 0 d0 1\nq1 0 d1 ${rel}\n`);
    expect((await errorOf(() => readQrels(qrels))).message).toMatch(/bad\.qrels:2: relevance must be an integer/);
  });

  it('R2MED qrels.jsonl follows the same rule ("0b11" is not 3)', async () => {
    const good = await readR2medQrels(file('r.jsonl', '{"q_id":"q","p_id":"d","score":"2"}\n{"q_id":"q","p_id":"e","score":1}\n'));
    expect([...good.get('q')!.values()]).toEqual([2, 1]);
    for (const score of ['"0b11"', '"0x1"', '1.5', '"1e3"', '9007199254740992']) {
      const bad = file('bad.jsonl', `{"q_id":"q","p_id":"d","score":${score}}\n`);
      expect((await errorOf(() => readR2medQrels(bad))).message).toMatch(/bad\.jsonl:1: 'score' must be an integer/);
    }
  });

  it('accepts +2 and 2.0 (atol reads them as 2)', async () => {
    const qrels = await readQrels(file('plus.qrels', 'q1 0 d1 +2\nq1 0 d2 2.0\n'));
    expect([...qrels.get('q1')!.values()]).toEqual([2, 2]);
  });
});

describe('qrels layout decided once per file', () => {
  it('keeps a BEIR TSV id with a space whole instead of re-reading the line as TREC', async () => {
    const qrels = await readQrels(file('space.tsv', 'query-id\tcorpus-id\tscore\nq1\td 1\t1\nq1\td2\t0\n'));
    expect([...qrels.get('q1')!.entries()]).toEqual([['d 1', 1], ['d2', 0]]);
  });

  it('reads a BEIR TSV without a header', async () => {
    const qrels = await readQrels(file('nohead.tsv', 'q1\td1\t2\n'));
    expect(qrels.get('q1')!.get('d1')).toBe(2);
  });

  it('rejects a line of the other layout with file:line', async () => {
    expect((await errorOf(() => readQrels(file('mixed.tsv', 'q1\td1\t1\nq1 0 d2 1\n')))).message).toMatch(/mixed\.tsv:2: expected 'query-id<TAB>corpus-id<TAB>score'/);
    expect((await errorOf(() => readQrels(file('mixed.qrels', 'q1 0 d2 1\nq1\td1\t1\n')))).message).toMatch(/mixed\.qrels:2: expected 'qid 0 docid rel'/);
  });

  it('skips comment lines starting with #, as trec_eval does', async () => {
    const qrels = await readQrels(file('comment.qrels', '# judged by X\nq1 0 d1 1\n'));
    expect([...qrels.keys()]).toEqual(['q1']);
  });
});

describe('bytes and encodings', () => {
  it('rejects invalid UTF-8 in an id with file:line (d\\xe9 and d\\xe8 would both decode to d\\ufffd)', async () => {
    const run = file('latin1.run', Buffer.concat([Buffer.from('q1 Q0 d0 1 2 t\nq1 Q0 d'), Buffer.from([0xe9]), Buffer.from(' 2 1 t\n')]));
    expect((await errorOf(() => readRun(run))).message).toMatch(/latin1\.run:2: invalid UTF-8/);
    const qrels = file('latin1.qrels', Buffer.concat([Buffer.from('q1 0 d'), Buffer.from([0xe8]), Buffer.from(' 1\n')]));
    expect((await errorOf(() => readQrels(qrels))).message).toMatch(/latin1\.qrels:1: invalid UTF-8/);
  });

  it('reads valid UTF-8 ids as they are', async () => {
    expect(await map('q1 0 dé 1\n', 'q1 Q0 dé 1 1 t\n')).toBe(1);
  });

  it('strips a UTF-8 byte order mark from runs, qrels and JSONL', async () => {
    const bom = '\uFEFF';
    expect(await map(`${bom}q1 0 d1 1\n`, `${bom}q1 Q0 d1 1 1 t\n`)).toBe(1);
    const rows = await drain(readJsonl(file('bom.jsonl', `${bom}{"_id":"1"}\n`)));
    expect(rows[0].value).toEqual({ _id: '1' });
    const gz = await drain(readLines(file('bom.txt.gz', gzipSync(`${bom}x\n`))));
    expect(gz.map((l) => l.text)).toEqual(['x']);
  });
});

describe('files that cannot be read are errors naming the file', () => {
  const qrelsText = 'q1 0 d1 1\n';

  it('an empty run (or one of comments and blank lines only)', async () => {
    const qrels = await readQrels(file('e.qrels', qrelsText));
    for (const content of ['', '\n\n', '# nothing\n']) {
      const run = file('empty.run', content);
      expect((await errorOf(() => evaluateRunFile(qrels, run, 'map', { complete: true }))).message).toBe(`${run}: the run has no result lines`);
    }
  });

  it('a truncated .gz, a non-gzip .gz and a folder, for runs, qrels and every line reader', async () => {
    const whole = gzipSync(Array.from({ length: 5000 }, (_, i) => `q1 Q0 d${i} ${i + 1} ${Math.random()} t\n`).join(''));
    const truncated = file('cut.run.gz', whole.subarray(0, whole.length - 20));
    const plain = file('plain.run.gz', 'q1 Q0 d1 1 1 t\n');
    const folder = join(dir, 'folder.run');
    mkdirSync(folder, { recursive: true });
    expect((await errorOf(() => readRun(truncated))).message).toBe(`${truncated}: truncated gzip file (unexpected end of file)`);
    expect((await errorOf(() => readRun(plain))).message).toMatch(new RegExp(`^${plain}: not a valid gzip file`));
    expect((await errorOf(() => readRun(folder))).message).toBe(`${folder}: is a folder, expected a file`);
    expect((await errorOf(() => readQrels(folder))).message).toBe(`${folder}: is a folder, expected a file`);
    const qrelsGz = file('cut.qrels.gz', gzipSync(Array.from({ length: 5000 }, (_, i) => `q1 0 d${i} ${i % 3}\n`).join('')).subarray(0, 500));
    expect((await errorOf(() => readQrels(qrelsGz))).message).toMatch(new RegExp(`^${qrelsGz}: truncated gzip file`));
    expect((await errorOf(() => drain(readJsonl(plain)))).message).toMatch(new RegExp(`^${plain}: not a valid gzip file`));
  });
});
