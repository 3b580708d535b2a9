import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonlCorpus, readQueriesJsonl } from '../../src/formats/beir.js';
import { readQrels } from '../../src/formats/qrels.js';
import { readRun, streamRun, UnsortedRunError, writeRun } from '../../src/formats/run.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { collect, medirErrorOf as errorOf } from '../helpers/errors.js';



describe('BEIR corpus and queries', () => {
  const dir = tempDir();

  it('streams documents with title, text and extra fields as meta, from plain and .gz files', async () => {
    const lines = '{"_id":"d1","title":"T","text":"body","url":"u"}\n\n{"_id":"d2","text":"only text"}\n';
    writeTree(dir, { 'c.jsonl': lines });
    writeFileSync(join(dir, 'c.jsonl.gz'), gzipSync(lines));
    for (const file of ['c.jsonl', 'c.jsonl.gz']) {
      const docs = await collect(jsonlCorpus('x', join(dir, file)).docs());
      expect(docs).toEqual([
        { id: 'd1', title: 'T', text: 'body', meta: { url: 'u' } },
        { id: 'd2', title: '', text: 'only text' },
      ]);
    }
  });

  it.each([
    ['bad JSON', '{"_id":"d1","text":"a"}\n{"_id": "d2", "text": \n', /c\.jsonl:2: invalid JSON/],
    ['missing _id', '{"title":"x","text":"a"}\n', /c\.jsonl:1: missing '_id'/],
    ['non-string text', '{"_id":"d1","text":5}\n', /c\.jsonl:1: 'text' must be a string/],
    ['an array line', '[1,2]\n', /c\.jsonl:1: expected a JSON object/],
  ])('names file and line for %s', async (_case, content, message) => {
    writeTree(dir, { 'c.jsonl': content });
    const err = await errorOf(() => collect(jsonlCorpus('x', join(dir, 'c.jsonl')).docs()));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(message);
  });

  it('keeps query metadata and rejects duplicate query ids', async () => {
    writeTree(dir, { 'q.jsonl': '{"_id":"q1","text":"¿qué?","lang":"es","group":"7"}\n' });
    expect(await readQueriesJsonl(join(dir, 'q.jsonl'))).toEqual([{ id: 'q1', text: '¿qué?', meta: { lang: 'es', group: '7' } }]);
    writeTree(dir, { 'q.jsonl': '{"_id":"q1","text":"a"}\n{"_id":"q1","text":"b"}\n' });
    expect((await errorOf(() => readQueriesJsonl(join(dir, 'q.jsonl')))).message).toMatch(/q\.jsonl:2: duplicate query id 'q1'/);
  });

  it('reports a missing file by name', async () => {
    const err = await errorOf(() => readQueriesJsonl(join(dir, 'nope.jsonl')));
    expect(err.code).toBe('MISSING_FILE');
    expect(err.message).toContain('nope.jsonl');
  });
});

describe('qrels', () => {
  const dir = tempDir();

  it('reads TREC and BEIR layouts alike, negative relevance included', async () => {
    writeTree(dir, {
      'a.qrels': 'q1 0 d1 2\nq1 0 d2 -1\nq2 0 d1 0\n',
      'a.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t-1\nq2\td1\t0\n',
    });
    const trec = await readQrels(join(dir, 'a.qrels'));
    expect(await readQrels(join(dir, 'a.tsv'))).toEqual(trec);
    expect(trec.get('q1')).toEqual(new Map([['d1', 2], ['d2', -1]]));
  });

  it.each([
    ['wrong column count', 'q1 0 d1 1\nq1 d1\n', /a\.qrels:2: expected 'qid 0 docid rel'/],
    ['non-integer relevance', 'q1 0 d1 high\n', /a\.qrels:1: relevance must be an integer/],
    ['a duplicate judgment', 'q1 0 d1 1\nq1 0 d1 2\n', /a\.qrels:2: duplicate judgment/],
  ])('rejects %s with file:line', async (_case, content, message) => {
    writeTree(dir, { 'a.qrels': content });
    expect((await errorOf(() => readQrels(join(dir, 'a.qrels')))).message).toMatch(message);
  });
});

describe('TREC runs', () => {
  const dir = tempDir();

  it('writes canonical order with round-tripping scores and reads back the same run', async () => {
    const run = new Map([
      ['q1', [{ docId: 'a', score: 0.1 }, { docId: 'c', score: 0.30000000000000004 }, { docId: 'b', score: 0.1 }]],
      ['q2', [{ docId: 'x', score: -1e-7 }]],
    ]);
    const file = join(dir, 'r.trec');
    await writeRun(file, run, 'tag');
    const text = (await import('node:fs')).readFileSync(file, 'utf8');
    // Ties broken by docid descending, as trec_eval orders them.
    expect(text.split('\n')[0]).toBe('q1 Q0 c 1 0.30000000000000004 tag');
    expect(text.split('\n')[1]).toBe('q1 Q0 b 2 0.1 tag');
    const back = await readRun(file);
    expect(back.tag).toBe('tag');
    expect(back.run.get('q1')!.map((d) => d.score)).toEqual([0.30000000000000004, 0.1, 0.1]);
    expect(back.run.get('q2')).toEqual([{ docId: 'x', score: -1e-7 }]);
  });

  it('streams grouped runs, and signals unsorted ones that readRun merges', async () => {
    writeTree(dir, { 'u.trec': 'q1 Q0 a 1 3 t\nq2 Q0 b 1 2 t\nq1 Q0 c 2 1 t\n' });
    const file = join(dir, 'u.trec');
    await expect(collect(streamRun(file))).rejects.toBeInstanceOf(UnsortedRunError);
    const { run } = await readRun(file);
    expect(run.get('q1')!.map((d) => d.docId)).toEqual(['a', 'c']);
  });

  it.each([
    ['a duplicate document for one query', 'q1 Q0 a 1 3 t\nq1 Q0 a 2 2 t\n', /r\.trec:2: document 'a' appears twice for query 'q1'/],
    ['a non-numeric score', 'q1 Q0 a 1 high t\n', /r\.trec:1: score must be a finite number/],
    ['a wrong column count', 'q1 Q0 a 1 3\n', /r\.trec:1: expected 6 columns/],
  ])('rejects %s with file:line', async (_case, content, message) => {
    writeTree(dir, { 'r.trec': content });
    expect((await errorOf(() => readRun(join(dir, 'r.trec')))).message).toMatch(message);
  });
});
