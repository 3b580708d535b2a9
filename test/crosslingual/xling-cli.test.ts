import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LanguageRow, XlingReport } from '../../src/crosslingual/report.js';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

function env(): Record<string, string> {
  return { MEDIR_CACHE: tempDir(), MEDIR_INDEXES: tempDir() };
}

const row = (r: XlingReport, condition: string, lang: string): LanguageRow => r.rows.find((x) => x.condition === condition && x.lang === lang)!;
const ndcg = (x: LanguageRow) => (x.scores as Record<string, number>)['nDCG@10'];

describe('medir xling on the parallel query sets of the mirror', () => {
  it('xlinghealth-medicationqa: the English-analyzer row matches bm25s, dictionary rows say where there is none', () => {
    const runs = tempDir();
    const out = medir(['xling', '--dataset', 'xlinghealth-medicationqa', '--conditions', 'bm25-english,bm25-dictionary', '--format', 'json', '--runs-dir', runs, '--bootstrap-samples', '1000'], { env: env() });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout) as XlingReport;
    // bm25s, Lucene BM25 k1=1.5 b=0.75, English Snowball + stop words (../shared/README.md).
    const reference = { en: 0.516, es: 0.208, hi: 0.038, zh: 0.021 };
    for (const [lang, value] of Object.entries(reference)) expect(Math.abs(ndcg(row(report, 'bm25-english', lang)) - value)).toBeLessThan(0.02);
    const es = row(report, 'bm25-english', 'es');
    expect(es.queries).toBe(689);
    expect((es.gap as Record<string, { absolute: number; p: number }>)['nDCG@10'].p).toBeLessThan(0.001);

    expect(row(report, 'bm25-dictionary', 'zh').scores).toEqual({ notApplicable: 'no zh→en dictionary' });
    expect(row(report, 'bm25-dictionary', 'hi').gap).toEqual({ notApplicable: 'no hi→en dictionary' });
    expect(ndcg(row(report, 'bm25-dictionary', 'es'))).toBeGreaterThan(0);

    const translated = readFileSync(join(runs, 'xlinghealth-medicationqa.bm25-dictionary.queries.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(translated).toHaveLength(689);
    const wean = translated.find((q) => q.id === '74-es');
    expect(wean).toMatchObject({ lang: 'es', text: '¿Dejar de tegretol?' });
    expect(wean.searched).toContain('tegretol');
    expect(wean.searched).not.toContain('¿');
  });

  it('casimedicos-xling: no English queries, so no gap, but per-language scores, spread and consistency', () => {
    const runs = tempDir();
    const out = medir(['xling', '--dataset', 'casimedicos-xling', '--conditions', 'bm25-english,bm25-monolingual', '--runs-dir', runs, '--bootstrap-samples', '1000', '--format', 'markdown'], { env: env() });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('| BM25 (English analyzer) | es | 553 |');
    expect(out.stdout).toContain('n/a: no en queries');
    expect(out.stdout).toMatch(/\| BM25 \(English analyzer\) \| es fr it \| \w\w 0\.\d{4} \| \w\w 0\.\d{4} \| 0\.\d{4} \| 0\.\d{4} \| 0\.\d{4} \| 553 \|/);
    expect(out.stdout).toContain('Note: bm25-monolingual left out: es: no corpus.es.jsonl; fr: no corpus.fr.jsonl; it: no corpus.it.jsonl.');
  });
});
