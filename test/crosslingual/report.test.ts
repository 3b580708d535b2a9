import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineCondition, type ConditionDefinition } from '../../src/crosslingual/condition.js';
import { CONDITIONS } from '../../src/crosslingual/registry.js';
import { conditionContext } from '../../src/crosslingual/context.js';
import { formatReport } from '../../src/crosslingual/format.js';
import { DEFAULT_GAP } from '../../src/crosslingual/gap.js';
import type { Gap, XlingReport } from '../../src/crosslingual/report.js';
import { crossLingualReport } from '../../src/crosslingual/xling.js';
import type { Run } from '../../src/core/types.js';
import { loadDataset } from '../../src/data/datasets.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { startFakeOpenAI } from '../generate/fake-openai.js';
import { cachedGenerator } from '../../src/generate/cache.js';
import { createGenerator } from '../../src/generate/generator.js';

/**
 * Three parallel questions (groups 1–3) in en, es and zh; question g's one relevant document is dg.
 * The toy condition ranks: en finds dg first every time; es finds d1 first, d2 second (after d4),
 * and misses d3 (returns d4 only); zh it does not apply to.
 */
const queries = ['1', '2', '3'].flatMap((g) => ['en', 'es', 'zh'].map((lang) => JSON.stringify({ _id: `${g}-${lang}`, text: `q${g} ${lang}`, lang, group: g })));
const qrels = ['query-id\tcorpus-id\tscore', ...['1', '2', '3'].flatMap((g) => ['en', 'es', 'zh'].map((lang) => `${g}-${lang}\td${g}\t1`))];
const corpus = ['d1', 'd2', 'd3', 'd4'].map((id) => JSON.stringify({ _id: id, title: '', text: `text of ${id}` }));

const RANKINGS: Record<string, string[]> = {
  '1-en': ['d1'], '2-en': ['d2'], '3-en': ['d3'],
  '1-es': ['d1'], '2-es': ['d4', 'd2'], '3-es': ['d4'],
};

const toy: ConditionDefinition = defineCondition({
  name: 'toy',
  label: 'toy condition',
  description: 'hand-made rankings',
  applies: (lang) => (lang === 'zh' ? 'no zh toy' : true),
  async run(_lang, qs) {
    const run: Run = new Map(qs.filter((q) => RANKINGS[q.id].length > 0).map((q) => [q.id, RANKINGS[q.id].map((docId, i) => ({ docId, score: 10 - i }))]));
    return { run, config: { toy: true } };
  },
});

// Hand-computed: nDCG@10 of a single relevant document at rank 2 is 1/log2(3).
const AT2 = 1 / Math.log2(3);
const ES_NDCG = (1 + AT2 + 0) / 3;
const DIFFS = [0, AT2 - 1, -1];
const MEAN_DIFF = DIFFS.reduce((s, d) => s + d, 0) / 3;
// Student's t with 2 degrees of freedom has the closed-form two-sided p = 1 − |t| / sqrt(t² + 2).
const SD = Math.sqrt(DIFFS.reduce((s, d) => s + (d - MEAN_DIFF) ** 2, 0) / 2);
const T = MEAN_DIFF / (SD / Math.sqrt(3));
const P_T = 1 - Math.abs(T) / Math.sqrt(T * T + 2);

describe('language-gap report on a hand-computed case', () => {
  let dir: string;
  let runs: string;
  beforeEach(() => {
    dir = writeTree(tempDir(), { 'corpus.jsonl': corpus.join('\n') + '\n', 'queries.jsonl': queries.join('\n') + '\n', 'qrels/test.tsv': qrels.join('\n') + '\n' });
    runs = tempDir();
  });

  async function report(reference = 'en'): Promise<XlingReport> {
    const loc = resolveLocations();
    const dataset = await loadDataset(dir, {}, loc);
    return crossLingualReport(conditionContext(dataset, loc, {}, 100, { loc }), { conditions: [toy], reference, runsDir: runs, gap: DEFAULT_GAP });
  }

  it('scores each language, the gap to English with its paired t-test and CI, spread and consistency', async () => {
    const r = await report();
    const [en, es, zh] = r.rows;
    expect(en.scores).toEqual({ 'nDCG@10': 1, 'R@100': 1, MRR: 1 });
    expect(en.gap).toEqual({ notApplicable: 'reference' });
    expect((es.scores as Record<string, number>)['nDCG@10']).toBeCloseTo(ES_NDCG, 12);
    expect((es.scores as Record<string, number>).MRR).toBeCloseTo(1.5 / 3, 12);
    expect((es.scores as Record<string, number>)['R@100']).toBeCloseTo(2 / 3, 12);

    const gap = (es.gap as Record<string, Gap>)['nDCG@10'];
    expect(gap.absolute).toBeCloseTo(MEAN_DIFF, 12);
    expect(gap.relative).toBeCloseTo(MEAN_DIFF / 1, 12);
    expect(gap.p).toBeCloseTo(P_T, 6);
    expect(gap.pairs).toBe(3);
    // A bootstrap of three differences can only give means inside [min, max] of them.
    expect(gap.ci[0]).toBeGreaterThanOrEqual(-1);
    expect(gap.ci[0]).toBeLessThan(MEAN_DIFF);
    expect(gap.ci[1]).toBeGreaterThan(MEAN_DIFF);
    expect(gap.ci[1]).toBeLessThanOrEqual(0);

    expect(zh).toMatchObject({ lang: 'zh', queries: 0, scores: { notApplicable: 'no zh toy' }, overlap: { notApplicable: 'no zh toy' } });

    // overlap@10 per group: {d1}∩{d1} = 1/10, {d2}∩{d4,d2} = 1/10, {d3}∩{d4} = 0.
    expect(en.overlap).toBeCloseTo(0.2 / 3, 12);
    const [summary] = r.summaries;
    expect(summary.spread).toBeCloseTo(1 - ES_NDCG, 12);
    expect(summary.worst).toEqual({ lang: 'es', value: ES_NDCG });
    expect(summary.best).toEqual({ lang: 'en', value: 1 });
    expect(summary.overlap).toBeCloseTo(0.2 / 3, 12);
    // Every language finds its document in the top 10 for groups 1 and 2, not for group 3.
    expect(summary.allLanguagesHit).toBeCloseTo(2 / 3, 12);
  });

  it('gives zero width to the interval and p = 0 when every group differs by the same amount', async () => {
    RANKINGS['1-es'] = ['d4', 'd1'];
    RANKINGS['3-es'] = ['d4', 'd3'];
    try {
      const gap = ((await report()).rows[1].gap as Record<string, Gap>)['nDCG@10'];
      expect(gap.absolute).toBeCloseTo(AT2 - 1, 12);
      expect(gap.ci[0]).toBeCloseTo(AT2 - 1, 12);
      expect(gap.ci[1]).toBeCloseTo(AT2 - 1, 12);
      expect(gap.p).toBe(0);
    } finally {
      RANKINGS['1-es'] = ['d1'];
      RANKINGS['3-es'] = ['d4'];
    }
  });

  it('says how many judged queries a run is missing and scores them 0', async () => {
    const kept = RANKINGS['1-es'];
    RANKINGS['1-es'] = [];
    try {
      const r = await report();
      expect(r.notes).toContain('1 of 6 judged queries are missing from the toy run: counted as 0.');
      expect(r.rows[1].queries).toBe(3);
    } finally {
      RANKINGS['1-es'] = kept;
    }
  });

  it('says there is no gap when the reference language is absent, and writes the run', async () => {
    const r = await report('fr');
    expect(r.reference).toEqual({ notApplicable: `no fr queries in ${r.dataset}` });
    expect(r.rows[0].gap).toEqual({ notApplicable: 'no fr queries' });
    expect(r.summaries[0].spread).toBeCloseTo(1 - ES_NDCG, 12);
    const run = readFileSync(join(runs, `${r.dataset}.toy.trec`), 'utf8');
    expect(run).toContain('2-es Q0 d2 2 9 medir-toy');
    expect(run).not.toContain('-zh ');
    expect(JSON.parse(readFileSync(join(runs, `${r.dataset}.toy.trec.json`), 'utf8')).retriever.config.languages).toEqual({ en: { toy: true }, es: { toy: true } });
    expect(existsSync(join(runs, `${r.dataset}.toy.queries.jsonl`))).toBe(false);

    const md = formatReport(r, 'markdown');
    expect(md).toContain('| toy condition | zh | 0 | n/a: no zh toy | n/a | n/a |');
    const csv = formatReport(r, 'csv').trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[2].startsWith(`toy condition,es,3,${ES_NDCG.toFixed(4)},0.6667,0.5000,n/a: no fr queries,n/a,n/a,n/a,n/a,`)).toBe(true);
  });

  it('runs any Hugging Face ONNX sentence model through the Embedder seam, prefixes included (as multilingual-e5 needs)', async () => {
    const loc = { ...resolveLocations(), cache: tempDir(), indexes: tempDir() };
    const dataset = await loadDataset(dir, {}, loc);
    const params = { model: 'tiny-random-bert-embed', queryPrefix: 'query: ', passagePrefix: 'passage: ' };
    const r = await crossLingualReport(conditionContext(dataset, loc, params, 10, { loc }), { conditions: [CONDITIONS.dense], reference: 'en', runsDir: runs, gap: DEFAULT_GAP });
    expect(r.rows.map((x) => [x.lang, x.queries])).toEqual([['en', 3], ['es', 3], ['zh', 3]]);
    for (const row of r.rows) expect((row.scores as Record<string, number>)['R@100']).toBe(1);
    const config = JSON.parse(readFileSync(join(runs, `${r.dataset}.dense.trec.json`), 'utf8')).retriever.config.languages.zh;
    expect(config.embedder).toMatchObject({ model: 'tiny-random-bert-embed', profile: { queryPrefix: 'query: ', passagePrefix: 'passage: ' } });
  });

  it('translates every non-English language with the configured generator (bm25-llm) and keeps the searched text', async () => {
    const server = await startFakeOpenAI();
    const loc = { ...resolveLocations(), cache: tempDir(), indexes: tempDir() };
    const dataset = await loadDataset(dir, {}, loc);
    const generator = cachedGenerator(await createGenerator('openai-compatible', { baseUrl: server.baseUrl, llmModel: 'm' }, loc), loc.cache);
    const r = await crossLingualReport(conditionContext(dataset, loc, {}, 10, { loc, generator }), { conditions: [CONDITIONS['bm25-llm']], reference: 'en', runsDir: runs, gap: DEFAULT_GAP });
    expect(r.rows.map((x) => [x.lang, x.queries])).toEqual([['en', 3], ['es', 3], ['zh', 3]]);
    expect(server.received).toHaveLength(6);
    const searched = readFileSync(join(runs, `${r.dataset}.bm25-llm.queries.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(searched.map((q) => q.id)).toEqual(['1-es', '2-es', '3-es', '1-zh', '2-zh', '3-zh']);
    expect(searched[3]).toMatchObject({ lang: 'zh', text: 'q1 zh' });
    expect(searched[3].searched).toMatch(/^echo: Translate this Chinese medical question into English\..*q1 zh$/s);
  });

  it('refuses a query set without lang and group, naming the query', async () => {
    const plain = writeTree(tempDir(), { 'corpus.jsonl': corpus.join('\n') + '\n', 'queries.jsonl': '{"_id": "q1", "text": "x"}\n', 'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\n' });
    const loc = resolveLocations();
    const dataset = await loadDataset(plain, {}, loc);
    await expect(crossLingualReport(conditionContext(dataset, loc, {}, 10, { loc }), { conditions: [toy], reference: 'en', runsDir: runs, gap: DEFAULT_GAP })).rejects.toThrow(
      `${plain}: query 'q1' has no 'lang' field`,
    );
  });
});
