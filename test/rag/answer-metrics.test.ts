import { describe, expect, it } from 'vitest';
import { bleuStats, corpusBleu, sentenceBleu, tokenize13a } from '../../src/rag/metrics/bleu.js';
import { rougeL } from '../../src/rag/metrics/rouge.js';
import { answerTokens, exactMatch, normalizeAnswer, tokenF1 } from '../../src/rag/metrics/text-match.js';

describe('per-language answer normalisation', () => {
  it("English is SQuAD's: ASCII punctuation deleted (not spaced), articles dropped", () => {
    expect(normalizeAnswer("The patient's  dose, a low-dose.")).toBe('patients dose lowdose');
    // SQuAD keeps non-ASCII punctuation in English
    expect(normalizeAnswer('an «aspirin»')).toBe('«aspirin»');
  });

  it("Spanish, French, Italian drop their articles; French/Italian elisions split first; MLQA's Unicode punctuation", () => {
    expect(normalizeAnswer('¿El tratamiento de la diabetes?', 'es')).toBe('tratamiento de diabetes');
    expect(exactMatch("L'hôpital", 'hôpital', 'fr')).toBe(true);
    expect(exactMatch("l'ospedale", 'ospedale', 'it')).toBe(true);
    // Without the language, the English rule keeps "el" and "l'": no match.
    expect(exactMatch('el tratamiento', 'tratamiento')).toBe(false);
    expect(exactMatch('el tratamiento', 'tratamiento', 'es')).toBe(true);
  });

  it('Chinese is scored per character: F1 from shared characters', () => {
    expect(answerTokens('阿司匹林。', 'zh')).toEqual(['阿', '司', '匹', '林']);
    // pred 阿司匹林 (4), ref 阿司匹林片 (5): overlap 4, P 1, R 4/5, F1 = 8/9
    expect(tokenF1('阿司匹林', '阿司匹林片', 'zh')).toBeCloseTo(8 / 9, 12);
  });
});

describe('ROUGE-L (js-rouge LCS over normalised tokens)', () => {
  it('hand-computed: LCS / lengths → F1', () => {
    // pred: police killed gunman (3), ref: police kill the gunman → police kill gunman (3 after "the")
    // LCS = police, gunman = 2; P = 2/3, R = 2/3, F1 = 2/3
    expect(rougeL('police killed the gunman', 'the police kill the gunman')).toBeCloseTo(2 / 3, 12);
    // pred w x y z (4), ref w y v (3): LCS w y = 2; P 1/2, R 2/3, F1 = 4/7
    expect(rougeL('w x y z', 'w y v')).toBeCloseTo(4 / 7, 12);
    expect(rougeL('identical answer', 'Identical answer.')).toBe(1);
    expect(rougeL('', 'x')).toBe(0);
  });
});

describe('BLEU (sacreBLEU 2.6.0 semantics)', () => {
  it("13a tokenization matches sacreBLEU's", () => {
    expect(tokenize13a('Aspirin, daily.')).toEqual(['Aspirin', ',', 'daily', '.']);
    expect(tokenize13a('The dose is 1,000 mg (max. 4-5 times/day).').join(' ')).toBe('The dose is 1,000 mg ( max . 4 - 5 times / day ) .');
    expect(tokenize13a('Hello &amp; "world"!').join(' ')).toBe('Hello & " world " !');
  });

  it('hand-computed sentence BLEU: clipped precisions, exp smoothing of a zero count', () => {
    // the cat sat on the mat / the cat is on the mat: 5/6, 3/5, 1/4, 0/3 → p4 smoothed to 1/(2·3)
    expect(bleuStats('the cat sat on the mat', 'the cat is on the mat')).toMatchObject({ correct: [5, 3, 1, 0], total: [6, 5, 4, 3] });
    const byHand = 100 * Math.pow((5 / 6) * (3 / 5) * (1 / 4) * (1 / 6), 1 / 4);
    expect(sentenceBleu('the cat sat on the mat', 'the cat is on the mat')).toBeCloseTo(byHand, 10);
    // brevity penalty and effective order: "a" vs "a b c" → exp(1 − 3) · 100
    expect(sentenceBleu('a', 'a b c')).toBeCloseTo(100 * Math.exp(-2), 10);
  });

  it('equals sacreBLEU 2.6.0 on sentences and a corpus (values printed by sacrebleu)', () => {
    expect(sentenceBleu('aspirin reduces the risk of stroke in adults', 'aspirin lowers stroke risk in adults')).toBeCloseTo(13.888095170058955, 9);
    expect(sentenceBleu('a y', 'a b c')).toBeCloseTo(30.326532985631665, 9);
    expect(sentenceBleu('x y', 'a b c')).toBe(0);
    expect(sentenceBleu('Aspirin, daily.', 'aspirin daily')).toBeCloseTo(15.97357760615681, 9);
    expect(sentenceBleu('The dose is 1,000 mg (max. 4-5 times/day).', 'the dose is 1,000 mg a day')).toBeCloseTo(16.188613565728215, 9);
    const pairs = [
      ['the cat sat on the mat', 'the cat is on the mat'],
      ['aspirin reduces the risk of stroke in adults', 'aspirin lowers stroke risk in adults'],
      ['a b c d', 'a b c d'],
      ['x y', 'a b c'],
    ].map(([hypothesis, reference]) => ({ hypothesis, reference }));
    expect(corpusBleu(pairs)).toBeCloseTo(30.369902604647535, 9);
  });
});
