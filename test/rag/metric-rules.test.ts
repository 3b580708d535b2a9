import { describe, expect, it } from 'vitest';
import { accuracy, macroAverage } from '../../src/rag/metrics/accuracy.js';
import { mcnemar } from '../../src/rag/metrics/mcnemar.js';
import { answerTokens, tokenF1 } from '../../src/rag/metrics/text-match.js';

describe('answer tokens per language', () => {
  it('German, Portuguese and Vietnamese drop their own articles; region subtags and case in the language do not matter', () => {
    expect(answerTokens('Der Patient und das Kind', 'de')).toEqual(['patient', 'und', 'kind']);
    expect(answerTokens('O médico e a doença', 'pt-BR')).toEqual(['médico', 'e', 'doença']);
    expect(answerTokens('của bệnh', 'vi')).toEqual(['bệnh']);
    expect(answerTokens("The d'un «x» l’hôpital", 'FR_ca')).toEqual(['the', 'x', 'hôpital']);
  });

  it('elisions are split only in French and Italian (typographic apostrophe too); English keeps non-ASCII marks', () => {
    expect(answerTokens('l’uomo', 'it')).toEqual(['uomo']);
    expect(answerTokens("l'uomo", 'es')).toEqual(['luomo']);
    expect(answerTokens("It's a-b", 'es')).toEqual(['its', 'ab']);
  });

  it('Japanese and Thai are scored per character, like Chinese', () => {
    expect(answerTokens('アスピリン 錠', 'ja')).toEqual(['ア', 'ス', 'ピ', 'リ', 'ン', '錠']);
    expect(answerTokens('แอส ไพริน', 'th')).toHaveLength(8);
  });
});

describe('token F1 by hand', () => {
  it('counts a repeated token only as often as the other side has it', () => {
    // pred a a b, ref a b b: overlap a + b = 2, P = R = 2/3
    expect(tokenF1('a a b', 'a b b')).toBeCloseTo(2 / 3, 12);
    // pred x x x, ref x: overlap 1, P = 1/3, R = 1, F1 = 2·(1/3)/(4/3) = 1/2
    expect(tokenF1('x x x', 'x')).toBeCloseTo(0.5, 12);
  });

  it('two empty answers agree; one empty side scores 0', () => {
    expect([tokenF1('', ''), tokenF1('', 'x'), tokenF1('x', '')]).toEqual([1, 0, 0]);
  });
});

describe('accuracy and McNemar by hand', () => {
  it('Wilson with z = 1 for 3/4: centre 0.875/1.25 = 0.7, half 0.8·√(0.1875/4 + 1/64) = 0.2', () => {
    const a = accuracy(3, 4, 1);
    expect(a.wilson[0]).toBeCloseTo(0.5, 12);
    expect(a.wilson[1]).toBeCloseTo(0.9, 12);
    expect(a.se).toBeCloseTo(Math.sqrt(0.1875 / 4), 12);
  });

  it('no item gives NaN everywhere, not 0', () => {
    const a = accuracy(0, 0);
    expect([a.accuracy, a.se, ...a.wilson]).toEqual([NaN, NaN, NaN, NaN]);
  });

  it('macro average of three sets', () => {
    expect(macroAverage([0.2, 0.4, 0.9])).toBeCloseTo(0.5, 12);
  });

  it('4 vs 1 discordant: p = 2·(C(5,0) + C(5,1))/2^5 = 0.375, whichever side wins', () => {
    const a = [true, true, true, true, false, true, false];
    const b = [false, false, false, false, true, true, false];
    expect(mcnemar(a, b)).toEqual({ onlyA: 4, onlyB: 1, p: expect.closeTo(0.375, 12) });
    expect(mcnemar(b, a)).toEqual({ onlyA: 1, onlyB: 4, p: expect.closeTo(0.375, 12) });
    // 3 vs 0: 2 · 1/8
    expect(mcnemar([true, true, true], [false, false, false]).p).toBeCloseTo(0.25, 12);
    // 3 vs 3 would exceed 1: capped
    expect(mcnemar([true, true, true, false, false, false], [false, false, false, true, true, true]).p).toBe(1);
  });
});
