import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { setProgressMode } from '../../src/core/progress.js';
import type { Qrels, Query, Run } from '../../src/core/types.js';
import { defineCondition, type ConditionDefinition } from '../../src/crosslingual/condition.js';
import { conditionContext } from '../../src/crosslingual/context.js';
import { DEFAULT_GAP } from '../../src/crosslingual/gap.js';
import { CONDITIONS } from '../../src/crosslingual/registry.js';
import type { Gap } from '../../src/crosslingual/report.js';
import { crossLingualReport, runLanguageReport } from '../../src/crosslingual/xling.js';
import { loadDataset } from '../../src/data/datasets.js';
import { describePolicy, resolvePolicy } from '../../src/evaluate/policy.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { medirErrorOf } from '../helpers/errors.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/** Groups 1–3 asked in en, es and zh, group 4 in es only (unjudged); question g's relevant document is dg. */
const queries: Query[] = [
  ...['1', '2', '3'].flatMap((g) => ['en', 'es', 'zh'].map((lang) => ({ id: `${g}-${lang}`, text: `q${g}`, meta: { lang, group: g } }))),
  { id: '4-es', text: 'q4', meta: { lang: 'es', group: '4' } },
];
const qrels: Qrels = new Map(queries.filter((q) => q.id !== '4-es').map((q) => [q.id, new Map([[`d${q.meta.group}`, 1]])]));
const dataset = { name: 'toy', dir: '/data/toy', split: 'test', qrels, queries: { name: 'toy', queries } };
const ranked = (rankings: Record<string, string[]>): Run => new Map(Object.entries(rankings).map(([qid, ids]) => [qid, ids.map((docId, i) => ({ docId, score: 10 - i }))]));
const gapOpts = { reference: 'en', gap: { ...DEFAULT_GAP, samples: 200 } };

// en finds every document first; es finds d1 first, d2 second, misses d3; zh is not in the run.
const run = ranked({ '1-en': ['d1'], '2-en': ['d2'], '3-en': ['d3'], '1-es': ['d1'], '2-es': ['d9', 'd2'], '3-es': ['d9'], '4-es': ['d1'] });
const AT2 = 1 / Math.log2(3);
const ES = { 'nDCG@10': (1 + AT2) / 3, 'R@100': 2 / 3, MRR: 1.5 / 3 };

describe('the language-gap report of one run (medir eval --by lang)', () => {
  it('scores each language of the run, with the gap on every measure, and says which language the run lacks', () => {
    const r = runLanguageReport(dataset, run, 'myrun', gapOpts);
    expect([r.dataset, r.split, r.primary, r.reference]).toEqual(['toy', 'test', 'nDCG@10', 'en']);
    expect(r.measures).toEqual(['nDCG@10', 'R@100', 'MRR']);
    expect(r.method.policy).toBe(describePolicy(resolvePolicy({ complete: true })));
    expect(r.runs).toEqual([{ condition: 'myrun', run: 'myrun' }]);
    expect(r.notes).toEqual([]);
    const [en, es, zh] = r.rows;
    expect(en).toMatchObject({ condition: 'myrun', label: 'myrun', lang: 'en', queries: 3, scores: { 'nDCG@10': 1, 'R@100': 1, MRR: 1 }, gap: { notApplicable: 'reference' } });
    // 4-es is in the run but unjudged: it is not one of the queries evaluated.
    expect(es.queries).toBe(3);
    for (const [m, v] of Object.entries(ES)) expect((es.scores as Record<string, number>)[m], m).toBeCloseTo(v, 12);
    const gap = es.gap as Record<string, Gap>;
    expect(Object.keys(gap)).toEqual(['nDCG@10', 'R@100', 'MRR']);
    expect(gap['nDCG@10'].absolute).toBeCloseTo(ES['nDCG@10'] - 1, 12);
    expect(gap['R@100']).toMatchObject({ pairs: 3 });
    expect(gap['R@100'].absolute).toBeCloseTo(-1 / 3, 12);
    expect(gap.MRR.relative).toBeCloseTo(-0.5, 12);
    expect(zh).toEqual({ condition: 'myrun', label: 'myrun', lang: 'zh', queries: 0, scores: { notApplicable: 'no zh query in the run' }, gap: { notApplicable: 'no zh query in the run' }, overlap: { notApplicable: 'no zh query in the run' } });

    // overlap@10: group 1 shares d1, group 2 d2, group 3 nothing; group 4 (es alone) has no pair.
    expect(en.overlap).toBeCloseTo(0.2 / 3, 12);
    const [s] = r.summaries;
    expect(s).toMatchObject({ condition: 'myrun', label: 'myrun', languages: ['en', 'es'], worst: { lang: 'es' }, best: { lang: 'en', value: 1 }, groups: 4 });
    expect(s.spread).toBeCloseTo(1 - ES['nDCG@10'], 12);
    // Every language hits in groups 1 and 2 of 4.
    expect(s.allLanguagesHit).toBe(0.5);
  });

  it('orders worst and best by the primary measure whatever the language order', () => {
    const better = ranked({ '1-en': ['d9', 'd1'], '2-en': ['d9'], '3-en': ['d9'], '1-es': ['d1'], '2-es': ['d2'], '3-es': ['d3'], '1-zh': ['d1'], '2-zh': ['d9', 'd2'], '3-zh': ['d3'] });
    const [s] = runLanguageReport(dataset, better, 'r', gapOpts).summaries;
    expect(s.worst).toEqual({ lang: 'en', value: AT2 / 3 });
    expect(s.best).toEqual({ lang: 'es', value: 1 });
    expect(s.languages).toEqual(['en', 'es', 'zh']);
  });

  it('notes judged queries the run lacks, counted as 0', () => {
    const partial = ranked({ '1-en': ['d1'], '2-en': ['d2'], '3-en': ['d3'], '1-es': ['d1'], '2-es': ['d2'] });
    const r = runLanguageReport(dataset, partial, 'partial', gapOpts);
    expect(r.notes).toEqual(['1 of 6 judged queries are missing from the partial run: counted as 0.']);
    expect((r.rows[1].scores as Record<string, number>)['nDCG@10']).toBeCloseTo(2 / 3, 12);
    expect(r.rows[1].queries).toBe(3);
  });

  it('no gap where the reference language was not run or is not in the set', () => {
    const noEnglish = ranked({ '1-es': ['d1'], '1-zh': ['d1'] });
    const r = runLanguageReport(dataset, noEnglish, 'x', gapOpts);
    expect(r.rows.map((row) => row.gap)).toEqual([{ notApplicable: 'no en query in the run' }, { notApplicable: 'en not run' }, { notApplicable: 'en not run' }]);
    const fr = runLanguageReport(dataset, run, 'x', { ...gapOpts, reference: 'fr' });
    expect(fr.reference).toEqual({ notApplicable: 'no fr queries in toy' });
    expect(fr.rows[0].gap).toEqual({ notApplicable: 'no fr queries' });
    expect(fr.rows[1].gap).toEqual({ notApplicable: 'no fr queries' });
  });

  it('no gap, rather than a failed paired test, for a language sharing fewer than 2 groups with the reference', () => {
    // ko is asked in group 1 only: one pair with en, too few for a paired test or an interval.
    const withKo = { ...dataset, qrels: new Map([...qrels, ['1-ko', new Map([['d1', 1]])]]), queries: { name: 'toy', queries: [...queries, { id: '1-ko', text: 'q1', meta: { lang: 'ko', group: '1' } }] } };
    const r = runLanguageReport(withKo, ranked({ '1-en': ['d1'], '2-en': ['d2'], '3-en': ['d3'], '1-es': ['d1'], '2-es': ['d2'], '1-ko': ['d1'] }), 'x', gapOpts);
    const ko = r.rows.find((row) => row.lang === 'ko')!;
    expect(ko).toMatchObject({ queries: 1, scores: { 'nDCG@10': 1 }, gap: { notApplicable: 'fewer than 2 groups asked in ko and en' } });
    expect((r.rows.find((row) => row.lang === 'es')!.gap as Record<string, Gap>)['nDCG@10'].pairs).toBe(3);
  });

  it('one language run: scores, but no spread, overlap or all-languages-hit', () => {
    const r = runLanguageReport(dataset, ranked({ '1-es': ['d1'], '2-es': ['d2'] }), 'es-only', gapOpts);
    expect(r.rows[1]).toMatchObject({ lang: 'es', queries: 3, overlap: { notApplicable: 'one language only' }, gap: { notApplicable: 'en not run' } });
    const few = { notApplicable: 'fewer than 2 languages' };
    expect(r.summaries[0]).toEqual({ condition: 'es-only', label: 'es-only', languages: ['es'], worst: few, best: few, spread: few, overlap: few, allLanguagesHit: few, groups: 4 });
  });

  it('refuses a set with one query language, not a set with no queries', async () => {
    const en = queries.filter((q) => q.meta.lang === 'en');
    const err = await medirErrorOf(() => runLanguageReport({ ...dataset, queries: { name: 'toy', queries: en } }, run, 'x', gapOpts));
    expect([err.code, err.message]).toEqual(['BAD_INPUT', '/data/toy: only one query language (en); the language-gap report needs a parallel query set']);
    // No queries at all is not a one-language set: the evaluation says what is wrong.
    expect(() => runLanguageReport({ ...dataset, queries: { name: 'toy', queries: [] }, qrels: new Map() }, new Map(), 'x', gapOpts)).toThrow(/^no query of the run has judgments/);
  });
});

describe('crossLingualReport: conditions left out, searched text kept', () => {
  const files = {
    'corpus.jsonl': ['d1', 'd2', 'd3'].map((id) => JSON.stringify({ _id: id, title: '', text: `text ${id}` })).join('\n') + '\n',
    'queries.jsonl': queries.filter((q) => q.id !== '4-es').map((q) => JSON.stringify({ _id: q.id, text: q.text, ...q.meta })).join('\n') + '\n',
    'qrels/test.tsv': ['query-id\tcorpus-id\tscore', ...[...qrels].map(([qid, j]) => `${qid}\t${[...j.keys()][0]}\t1`)].join('\n') + '\n',
  };
  const perfect = (lang: string, qs: readonly Query[]): Run => new Map(qs.map((q) => [q.id, [{ docId: `d${q.meta.group}`, score: lang === 'en' ? 2 : 1 }]]));
  const englishOnly: ConditionDefinition = defineCondition({
    name: 'english-only',
    label: 'English only',
    description: 'applies to English alone',
    applies: (lang) => (lang === 'en' ? true : `no ${lang} here`),
    run: async (lang, qs) => ({ run: perfect(lang, qs), config: {} }),
  });
  const rewriting: ConditionDefinition = defineCondition({
    name: 'rewriting',
    label: 'Rewriting',
    description: 'searches a rewritten text',
    applies: () => true,
    run: async (lang, qs) => ({ run: perfect(lang, qs), config: { lang }, searched: lang === 'en' ? [] : qs.map((q) => ({ id: q.id, lang, text: q.text, searched: `${q.text} (rewritten)` })) }),
  });

  async function report(conditions: ConditionDefinition[], reference = 'en') {
    const dir = writeTree(tempDir(), files);
    const runsDir = tempDir();
    const loc = resolveLocations();
    const ds = await loadDataset(dir, {}, loc);
    return { runsDir, r: await crossLingualReport(conditionContext(ds, loc, {}, 10, { loc }), { conditions, reference, runsDir, gap: { ...DEFAULT_GAP, samples: 200 } }) };
  }

  it('leaves out a condition that applies to no language but the reference, saying why per language', async () => {
    const { r, runsDir } = await report([englishOnly, rewriting]);
    expect(r.notes).toEqual(['english-only left out: es: no es here; zh: no zh here.']);
    expect(r.rows.map((row) => row.condition)).toEqual(['rewriting', 'rewriting', 'rewriting']);
    expect(r.summaries.map((s) => s.label)).toEqual(['Rewriting']);
    expect(existsSync(join(runsDir, `${r.dataset}.english-only.trec`))).toBe(false);
    const file = join(runsDir, `${r.dataset}.rewriting.trec`);
    expect(r.runs).toEqual([{ condition: 'rewriting', run: file, queries: join(runsDir, `${r.dataset}.rewriting.queries.jsonl`) }]);
    const searched = readFileSync(r.runs[0].queries!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(searched.map((s) => [s.id, s.searched])).toEqual([['1-es', 'q1 (rewritten)'], ['2-es', 'q2 (rewritten)'], ['3-es', 'q3 (rewritten)'], ['1-zh', 'q1 (rewritten)'], ['2-zh', 'q2 (rewritten)'], ['3-zh', 'q3 (rewritten)']]);
    const manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
    expect(manifest.retriever.config).toEqual({ condition: 'rewriting', languages: { en: { lang: 'en' }, es: { lang: 'es' }, zh: { lang: 'zh' } } });
    expect(readFileSync(file, 'utf8')).toContain('1-zh Q0 d1 1 1 medir-rewriting');
  });

  it('times the retrieval of every language into the manifest and reports progress per language', async () => {
    const slow: ConditionDefinition = defineCondition({
      ...rewriting,
      name: 'slow',
      run: async (lang, qs) => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return { run: perfect(lang, qs), config: {} };
      },
    });
    setProgressMode('json');
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    let result: Awaited<ReturnType<typeof report>>;
    try {
      result = await report([slow]);
    } finally {
      spy.mockRestore();
      setProgressMode('none');
    }
    const manifest = JSON.parse(readFileSync(join(result.runsDir, `${result.r.dataset}.slow.trec.json`), 'utf8'));
    // Three languages of at least 40 ms each (timers may fire a millisecond early).
    expect(manifest.seconds.retrieve).toBeGreaterThan(0.115);
    expect(manifest.seconds.retrieve).toBeLessThan(60);
    const events = lines.map((l) => JSON.parse(l)).filter((e) => e.stage === 'slow: languages');
    expect(events.at(-1)).toMatchObject({ done: 3, total: 3, finished: true });
  });

  it('keeps a condition that applies to English alone when the set has no English reference, and says there is no gap', async () => {
    const { r } = await report([englishOnly], 'fr');
    expect(r.notes).toEqual([`no fr queries in ${r.dataset}: per-language scores and the spread are reported, not a gap to fr.`]);
    expect(r.rows.map((row) => [row.lang, row.queries])).toEqual([['en', 3], ['es', 0], ['zh', 0]]);
    expect(r.rows[1].scores).toEqual({ notApplicable: 'no es here' });
  });

  it('bm25-monolingual opens BM25 over the corpus file in the query language', async () => {
    const dir = writeTree(tempDir(), {
      ...files,
      'corpus.es.jsonl': ['d1', 'd2', 'd3'].map((id) => JSON.stringify({ _id: id, title: '', text: `texto ${id} ${id === 'd2' ? 'pecho dolor' : 'fiebre'}` })).join('\n') + '\n',
    });
    const loc = { ...resolveLocations(), cache: tempDir(), indexes: tempDir() };
    const ds = await loadDataset(dir, {}, loc);
    const ctx = conditionContext(ds, loc, {}, 10, { loc });
    const def = CONDITIONS['bm25-monolingual'];
    const es = await def.run('es', [{ id: '2-es', text: 'dolor de pecho', meta: {} }], ctx);
    // Only the Spanish corpus has these words: d2 comes from corpus.es.jsonl, not corpus.jsonl.
    expect(es.run.get('2-es')!.map((d) => d.docId)).toEqual(['d2']);
    const en = await def.run('en', [{ id: '2-en', text: 'text d3', meta: {} }], ctx);
    expect(en.run.get('2-en')![0].docId).toBe('d3');
  });
});
