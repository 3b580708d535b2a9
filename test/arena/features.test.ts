import { describe, expect, it } from 'vitest';
import type { SystemAnswer } from '../../src/arena/answers.js';
import { citationQuality } from '../../src/arena/features/citation-quality.js';
import { answerFeatures } from '../../src/arena/features/features.js';
import { detectLanguage } from '../../src/arena/features/language.js';
import { loadSupportScorer } from '../../src/arena/features/support.js';
import type { Qrels } from '../../src/core/types.js';
import { resolveLocations } from '../../src/mirror/locations.js';

const qrels: Qrels = new Map([['q1', new Map([['d1', 1], ['d2', 2], ['d3', 0], ['d4', 1]])]]);
const passages = ['d1', 'd2', 'd3', 'd5'].map((id) => ({ id, title: '', text: `Passage ${id} says aspirin prevents stroke.` }));

describe('citation precision, recall and MAP against qrels (hand-computed)', () => {
  it('relevant = d1, d2, d4 (d3 judged 0); cited in order d3, d1, d5, d2', () => {
    // hits at ranks 2 (d1) and 4 (d2): P = 2/4, R = 2/3, AP = (1/2 + 2/4) / 3 = 1/3
    const q = citationQuality(['d3', 'd1', 'd5', 'd2'], qrels, 'q1')!;
    expect(q.precision).toBe(0.5);
    expect(q.recall).toBeCloseTo(2 / 3, 12);
    expect(q.map).toBeCloseTo(1 / 3, 12);
    // first citation relevant: AP = (1/1 + 2/2)/3 = 2/3
    expect(citationQuality(['d2', 'd4'], qrels, 'q1')!.map).toBeCloseTo(2 / 3, 12);
    expect(citationQuality([], qrels, 'q1')).toEqual({ precision: 0, recall: 0, map: 0 });
    expect(citationQuality(['d1'], qrels, 'q-unjudged')).toBeNull();
  });
});

describe('answer features', () => {
  it('language id with eld: English, Spanish, French, Chinese', async () => {
    expect(await detectLanguage('Aspirin reduces the risk of a second stroke in adults.')).toBe('en');
    expect(await detectLanguage('La aspirina reduce el riesgo de un segundo ictus en adultos.')).toBe('es');
    expect(await detectLanguage("L'aspirine réduit le risque d'un second accident vasculaire cérébral.")).toBe('fr');
    expect(await detectLanguage('阿司匹林可降低成人再次中风的风险。')).toBe('zh');
  });

  it('one hand-written answer: every feature by hand', async () => {
    const answer: SystemAnswer = {
      queryId: 'q1',
      system: 's',
      answer: 'Aspirin prevents stroke [3][2]. It is cheap [4].',
      lang: 'es',
      passages,
      reference: 'aspirin prevents a stroke',
    };
    const [f] = await answerFeatures([answer], { qrels });
    // cited d3, d2, d5: hits at rank 2 → P 1/3, R 1/3, AP (1/2)/3 = 1/6
    expect(f.values.citation_precision).toBeCloseTo(1 / 3, 12);
    expect(f.values.citation_recall).toBeCloseTo(1 / 3, 12);
    expect(f.values.citation_map).toBeCloseTo(1 / 6, 12);
    // "Aspirin prevents stroke. It is cheap." = 6 tokens
    expect(f.values.length).toBe(6);
    expect(f.detectedLang).toBe('en');
    expect(f.values.lang_match).toBe(0);
    // Spanish normalisation keeps "a": pred {aspirin prevents stroke it is cheap} (6) vs ref {aspirin prevents a stroke} (4): overlap 3 → P 1/2, R 3/4, F1 = 0.6
    expect(f.values.reference_f1).toBeCloseTo(0.6, 12);
    // LCS aspirin prevents stroke = 3 → same P, R → 0.6
    expect(f.values.reference_rouge_l).toBeCloseTo(0.6, 12);
    expect(f.values.citation_support).toBeNull();
  });

  it('without passages, qrels or a reference those features are absent (null), not 0', async () => {
    const [f] = await answerFeatures([{ queryId: 'q9', system: 's', answer: 'Yes.' }], { qrels });
    expect(f.values).toMatchObject({ citation_precision: null, citation_support: null, reference_f1: null, lang_match: null, length: 1 });
  });

  it('citation support through transformers.js (tiny-random-bert-cross-encoder: CODE PATH ONLY, random weights, scores mean nothing)', async () => {
    const scorer = await loadSupportScorer('tiny-random-bert-cross-encoder', resolveLocations());
    const pairs = [{ passage: 'Aspirin prevents stroke.', sentence: 'Aspirin prevents stroke.' }, { passage: 'Statins lower cholesterol.', sentence: 'It is cheap.' }];
    const scores = await scorer.score(pairs);
    expect(scores).toHaveLength(2);
    for (const s of scores) expect(s).toBeGreaterThan(0), expect(s).toBeLessThan(1);
    // The feature is the mean over (cited passage, citing sentence) pairs: 3 pairs here, scored one by one to check.
    const answer: SystemAnswer = { queryId: 'q1', system: 's', answer: 'Aspirin prevents stroke [1][2]. It is cheap [3].', passages };
    const [f] = await answerFeatures([answer], { support: scorer });
    const single = await scorer.score([
      { passage: passages[0].text, sentence: 'Aspirin prevents stroke.' },
      { passage: passages[1].text, sentence: 'Aspirin prevents stroke.' },
      { passage: passages[2].text, sentence: 'It is cheap.' },
    ]);
    expect(f.values.citation_support).toBeCloseTo((single[0] + single[1] + single[2]) / 3, 5);
    const [none] = await answerFeatures([{ ...answer, answer: 'No citations here.' }], { support: scorer });
    expect(none.values.citation_support).toBe(0);
  });
});
