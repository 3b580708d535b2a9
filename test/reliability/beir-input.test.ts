import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { jsonlCorpus, readQueriesJsonl } from '../../src/formats/beir.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { collect, medirErrorOf } from '../helpers/errors.js';

describe('hostile BEIR corpora and queries', () => {
  const dir = tempDir();

  it('refuses a corpus id with whitespace, naming file and line (a run line would gain a column)', async () => {
    writeTree(dir, { 'c.jsonl': '{"_id":"MED-1","text":"a"}\n{"_id":"MED-1 x","text":"b"}\n' });
    const err = await medirErrorOf(() => collect(jsonlCorpus('c', join(dir, 'c.jsonl')).docs()));
    expect(err.message).toMatch(/c\.jsonl:2: '_id' "MED-1 x" contains whitespace/);
  });

  it('refuses a query id with a tab or newline-like whitespace, naming file and line', async () => {
    writeTree(dir, { 'q.jsonl': '{"_id":"q1","text":"a"}\n\n{"_id":"q\\t2","text":"b"}\n' });
    expect((await medirErrorOf(() => readQueriesJsonl(join(dir, 'q.jsonl')))).message).toMatch(/q\.jsonl:3: '_id' "q\\t2" contains whitespace/);
  });

  it('an empty queries file is an error naming it, not "0 queries"', async () => {
    writeTree(dir, { 'q.jsonl': '', 'blank.jsonl': '\n\n' });
    for (const f of ['q.jsonl', 'blank.jsonl']) {
      expect((await medirErrorOf(() => readQueriesJsonl(join(dir, f)))).message).toBe(`${join(dir, f)}: no queries (the file is empty)`);
    }
  });

  it('a corpus whose every text is empty is an error naming it; one non-empty text is enough', async () => {
    writeTree(dir, { 'e.jsonl': '{"_id":"a","title":"","text":""}\n{"_id":"b","text":"  "}\n', 'ok.jsonl': '{"_id":"a","text":""}\n{"_id":"b","title":"T"}\n' });
    expect((await medirErrorOf(() => collect(jsonlCorpus('e', join(dir, 'e.jsonl')).docs()))).message).toMatch(/e\.jsonl: every document's title and text are empty \(2 documents\)/);
    expect((await collect(jsonlCorpus('ok', join(dir, 'ok.jsonl')).docs())).map((d) => d.id)).toEqual(['a', 'b']);
  });

  it('a duplicate document id names its line and the first one', async () => {
    writeTree(dir, { 'd.jsonl': '{"_id":"a","text":"x"}\n{"_id":"b","text":"y"}\n{"_id":"a","text":"z"}\n' });
    expect((await medirErrorOf(() => collect(jsonlCorpus('d', join(dir, 'd.jsonl')).docs()))).message).toMatch(/d\.jsonl:3: duplicate document id 'a' \(first on line 1\)/);
  });
});

describe('compressed and odd corpus and queries files name the file', () => {
  it('truncated .gz, non-gzip .gz, and a folder', async () => {
    const dir = tempDir();
    const text = Array.from({ length: 300 }, (_, i) => JSON.stringify({ _id: `d${i}`, text: 'some text '.repeat(20) })).join('\n') + '\n';
    writeFileSync(join(dir, 'trunc.jsonl.gz'), gzipSync(text).subarray(0, gzipSync(text).length >> 1));
    writeFileSync(join(dir, 'plain.jsonl.gz'), text);
    mkdirSync(join(dir, 'folder.jsonl'));
    for (const name of ['trunc.jsonl.gz', 'plain.jsonl.gz', 'folder.jsonl']) {
      const file = join(dir, name);
      expect((await medirErrorOf(() => collect(jsonlCorpus('c', file).docs()))).message).toMatch(new RegExp(`^${file}: `));
      expect((await medirErrorOf(() => readQueriesJsonl(file))).message).toMatch(new RegExp(`^${file}: `));
    }
  });
});
