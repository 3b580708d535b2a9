import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonlCorpus, readQueriesJsonl } from '../../src/formats/beir.js';
import { readQrels } from '../../src/formats/qrels.js';
import { readR2medQrels } from '../../src/formats/r2med.js';
import * as lines from '../../src/io/lines.js';
import { bounded, expectCleanError, idArb, outcome, params, scratch, textArb } from './fuzz.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The reference reading of a BEIR corpus: JSON.parse per non-blank line, `_id`, `title`, `text`, the rest as meta. */
function referenceCorpus(text: string) {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const { _id, title, text: body, ...meta } = JSON.parse(l);
      return { id: String(_id), title: title ?? '', text: body ?? '', ...(Object.keys(meta).length ? { meta } : {}) };
    });
}

const docArb = fc.record({ _id: idArb, title: textArb, text: textArb, url: fc.option(textArb, { nil: undefined }) });
/** Distinct ids, at least one text with a non-space character (an all-empty corpus is an error). */
const corpusArb = fc
  .uniqueArray(docArb, { minLength: 1, maxLength: 15, selector: (d) => d._id })
  .filter((docs) => docs.some((d) => (d.title + d.text).trim() !== ''));

const write = (file: string, text: string) => writeFileSync(file, file.endsWith('.gz') ? gzipSync(text) : text);

describe('BEIR corpus, queries and qrels: valid input equals the reference reading', () => {
  const dir = scratch();

  it('corpus.jsonl, plain and .gz, blank lines anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.boolean(), fc.array(fc.nat(20), { maxLength: 3 }), async (docs, gz, blanks) => {
        const rows = docs.map((d) => JSON.stringify(d));
        for (const at of blanks) rows.splice(at % (rows.length + 1), 0, '');
        const text = rows.join('\n') + '\n';
        const file = join(dir, gz ? 'c.jsonl.gz' : 'c.jsonl');
        write(file, text);
        expect(await bounded(() => collect(jsonlCorpus('c', file).docs()))).toEqual(referenceCorpus(text));
      }),
      params(),
    );
  });

  it('queries.jsonl', async () => {
    const queryArb = fc.uniqueArray(fc.record({ _id: idArb, text: textArb }), { minLength: 1, maxLength: 15, selector: (q) => q._id });
    await fc.assert(
      fc.asyncProperty(queryArb, fc.boolean(), async (queries, gz) => {
        const file = join(dir, gz ? 'q.jsonl.gz' : 'q.jsonl');
        write(file, queries.map((q) => JSON.stringify(q)).join('\n') + '\n');
        expect(await bounded(() => readQueriesJsonl(file))).toEqual(queries.map((q) => ({ id: q._id, text: q.text, meta: {} })));
      }),
      params(),
    );
  });

  it('qrels TSV with header, and R2MED qrels.jsonl', async () => {
    const judgmentArb = fc.uniqueArray(fc.tuple(idArb, idArb, fc.integer({ min: -2, max: 5 })), { minLength: 1, maxLength: 20, selector: ([q, d]) => `${q}\t${d}` });
    await fc.assert(
      fc.asyncProperty(judgmentArb, fc.boolean(), async (judgments, gz) => {
        const expected = new Map<string, Map<string, number>>();
        for (const [q, d, r] of judgments) expected.set(q, (expected.get(q) ?? new Map()).set(d, r));
        const tsv = join(dir, gz ? 'r.tsv.gz' : 'r.tsv');
        write(tsv, 'query-id\tcorpus-id\tscore\n' + judgments.map(([q, d, r]) => `${q}\t${d}\t${r}\n`).join(''));
        expect(await bounded(() => readQrels(tsv))).toEqual(expected);
        const r2med = join(dir, 'qrels.jsonl');
        write(r2med, judgments.map(([q, d, r]) => JSON.stringify({ q_id: q, p_id: d, score: r })).join('\n') + '\n');
        expect(await bounded(() => readR2medQrels(r2med))).toEqual(expected);
      }),
      params(),
    );
  });
});

/** One way to break line `at` of a valid corpus; each must be reported at that line. */
const breakages: Record<string, (line: string) => string> = {
  truncated: (l) => l.slice(0, Math.max(1, l.length - 2)),
  'id with whitespace': (l) => l.replace(/"_id":"/, '"_id":"a b'),
  'not an object': () => '[1,2]',
  'text not a string': (l) => l.replace(/"text":"(?:[^"\\]|\\.)*"/, '"text":{"x":1}'),
  'no id': (l) => l.replace(/"_id":"(?:[^"\\]|\\.)*",?/, ''),
  'bare words': () => 'Patient was seen',
};

describe('BEIR corpus and queries: an invalid line is an error naming the file and that line', () => {
  const dir = scratch();

  it('corpus lines broken in each way, at any line', async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.nat(), fc.constantFrom(...Object.keys(breakages)), async (docs, pick, how) => {
        const rows = docs.map((d) => JSON.stringify(d));
        const at = pick % rows.length;
        rows[at] = breakages[how](rows[at]);
        const file = join(dir, 'bad.jsonl');
        write(file, rows.join('\n') + '\n');
        expectCleanError(await outcome(() => collect(jsonlCorpus('c', file).docs())), file, at + 1);
        expectCleanError(await outcome(() => readQueriesJsonl(file)), file, at + 1);
      }),
      params(),
    );
  });

  it('a repeated id is reported at its second line', async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.nat(), async (docs, pick) => {
        const rows = docs.map((d) => JSON.stringify(d));
        rows.push(JSON.stringify({ ...docs[pick % rows.length], text: 'again' }));
        const file = join(dir, 'dup.jsonl');
        write(file, rows.join('\n') + '\n');
        expectCleanError(await outcome(() => collect(jsonlCorpus('c', file).docs())), file, rows.length);
        expectCleanError(await outcome(() => readQueriesJsonl(file)), file, rows.length);
      }),
      params(),
    );
  });

  it('arbitrary bytes, plain or gzip-named: a MedirError naming the file, or a reading', async () => {
    await fc.assert(
      // Gzip errors name the file in the line reader from issue 13's branch on (`readLineChunks` marks it).
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean().map((gz) => gz && 'readLineChunks' in lines), async (bytes, gz) => {
        const file = join(dir, gz ? 'junk.jsonl.gz' : 'junk.jsonl');
        writeFileSync(file, bytes);
        const result = await outcome(() => collect(jsonlCorpus('c', file).docs()));
        if ('error' in result) expectCleanError(result, file);
      }),
      params(),
    );
  });
});
