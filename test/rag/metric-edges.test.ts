import { describe, expect, it } from 'vitest';
import { extractorDefinition } from '../../src/rag/extractors/registry.js';
import { locateAnswer } from '../../src/rag/extractors/locate-answer.js';
import { citedNumbers, citedSentences } from '../../src/rag/citations.js';
import { bleuStats, corpusBleu, sentenceBleu, tokenize13a } from '../../src/rag/metrics/bleu.js';
import { mcnemar } from '../../src/rag/metrics/mcnemar.js';
import { rougeL } from '../../src/rag/metrics/rouge.js';
import { answerTokens } from '../../src/rag/metrics/text-match.js';

describe("every language's articles are dropped (lists from MLQA's evaluation script; SQuAD's for English)", () => {
  it.each([
    ['en', 'a an the'],
    ['es', 'un una unos unas el la lo los las'],
    ['de', 'ein eine einen einem eines einer der die das den dem des'],
    ['fr', 'le la les l un une des du d'],
    ['it', 'il lo la i gli le l un uno una'],
    ['pt', 'o a os as um uma uns umas'],
    ['vi', 'của là cái chiếc những'],
  ])('%s: %s', (lang, articles) => {
    expect(answerTokens(`${articles} x`, lang)).toEqual(['x']);
  });

  it('other languages also delete ASCII symbols that are not Unicode punctuation', () => {
    expect(answerTokens('a+b $c', 'es')).toEqual(['ab', 'c']);
  });
});

describe('BLEU details (by hand)', () => {
  it('13a drops <skipped>, joins words broken by "-\\n", turns newlines into spaces, unescapes entities', () => {
    expect(tokenize13a('a<skipped>b-\nc\nd')).toEqual(['abc', 'd']);
    expect(tokenize13a('&quot;x&quot; &lt;y&gt;')).toEqual(['"', 'x', '"', '<', 'y', '>']);
  });

  it('n-grams are token sequences, not glued text', () => {
    expect(bleuStats('ab c', 'a bc').correct).toEqual([0, 0, 0, 0]);
  });

  it('a corpus keeps all four orders: two tokens score 0 there but 100 as a sentence (effective order)', () => {
    expect(corpusBleu([{ hypothesis: 'a b', reference: 'a b' }])).toBe(0);
    expect(sentenceBleu('a b', 'a b')).toBeCloseTo(100, 10);
  });

  it('the corpus brevity penalty pools lengths: 4 tokens against 6 → 100 · exp(1 − 6/4)', () => {
    expect(corpusBleu([{ hypothesis: 'the cat sat on', reference: 'the cat sat on the mat' }])).toBeCloseTo(100 * Math.exp(-0.5), 10);
  });
});

describe('ROUGE-L and McNemar edges', () => {
  it('English by default (articles dropped); two empty answers agree, one empty side scores 0', () => {
    expect(rougeL('the cat', 'cat')).toBe(1);
    expect(rougeL('', '')).toBe(1);
    expect(rougeL('x', '')).toBe(0);
  });

  it('4 vs 2 discordant pairs: p = 2·(1 + 6 + 15)/64', () => {
    const a = [true, true, true, true, false, false];
    expect(mcnemar(a, a.map((x) => !x)).p).toBeCloseTo(44 / 64, 14);
  });
});

describe('extraction anchors', () => {
  it.each(['xA or', 'xB and', 'xC/', 'xB,', 'xC"', 'xD:'])("%j: MIRAGE's rule holds only at the start", (s) => {
    expect(locateAnswer(s)).toBeNull();
  });

  it('MedExpQA without its cue reads nothing, whatever sits where the cue would end', () => {
    expect(extractorDefinition('medexpqa').extract(`${'x'.repeat(21)}3`, ['1', '2', '3'], 'en')).toEqual({ choice: null, parsed: false });
  });
});

describe('citation ranges and leading markers', () => {
  const shown = Array.from({ length: 12 }, (_, i) => ({ id: `p${i + 1}`, title: '', text: '' }));
  it('a range is two numbers: "12-14" reads 12, 13, 14; "1-3-5" reads nothing', () => {
    expect(citedNumbers('[12-14]')).toEqual([12, 13, 14]);
    expect(citedNumbers('[1-3-5]')).toEqual([]);
  });

  it('only markers at the very start of a sentence move back, all of them, two-digit ones too', () => {
    expect(citedSentences('One. Two [2] more.', shown)).toEqual([{ sentence: 'One.', ids: [] }, { sentence: 'Two more.', ids: ['p2'] }]);
    expect(citedSentences('One. See[2] this.', shown)).toEqual([{ sentence: 'One.', ids: [] }, { sentence: 'See this.', ids: ['p2'] }]);
    expect(citedSentences('One. [1][3] Two.', shown)).toEqual([{ sentence: 'One.', ids: ['p1', 'p3'] }, { sentence: 'Two.', ids: [] }]);
    expect(citedSentences('One. [12] Two.', shown)).toEqual([{ sentence: 'One.', ids: ['p12'] }, { sentence: 'Two.', ids: [] }]);
  });
});
