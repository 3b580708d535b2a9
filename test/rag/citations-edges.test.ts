import { describe, expect, it } from 'vitest';
import { citedNumbers, citedSentences, resolveCitations, stripCitations } from '../../src/rag/citations.js';
import type { Passage } from '../../src/rag/item.js';

const passage = (id: string): Passage => ({ id, title: '', text: `text of ${id}` });
const shown = ['d10', 'd20', 'd30'].map(passage);

describe('citation markers, every spelling', () => {
  it('reads spaces inside brackets, "and", ";", en dash and spaced ranges', () => {
    expect(citedNumbers('a [ 2 ] b [1 and 3] c [4;5] d [6–8] e [9 - 10]')).toEqual([2, 1, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(citedNumbers('[12]')).toEqual([12]);
  });

  it('caps a range at 100 numbers and reads a backwards range as nothing', () => {
    const many = citedNumbers('[1-500]');
    expect(many).toHaveLength(100);
    expect([many[0], many[99]]).toEqual([1, 100]);
    expect(citedNumbers('[5-3]')).toEqual([]);
    expect(citedNumbers('[3-3]')).toEqual([3]);
  });

  it('number 0 and numbers past the passages shown are unknown; two cites of one passage id give it once', () => {
    expect(resolveCitations('[0] [1] [2] [3] [4]', shown)).toEqual({ ids: ['d10', 'd20', 'd30'], unknown: [0, 4] });
    expect(resolveCitations('[1][2]', [passage('x'), passage('x')])).toEqual({ ids: ['x'], unknown: [] });
  });
});

describe('text without citations', () => {
  it('drops the space left before . , ; : ! ?, squeezes spaces and tabs, trims', () => {
    expect(stripCitations('  A [1] , b\t[2]; c [3] : d [1]! e [2]? f  \t g  ')).toBe('A, b; c: d! e? f g');
    // A newline is not squeezed: only blanks on one line.
    expect(stripCitations('a\n\nb [1]')).toBe('a\n\nb');
  });
});

describe('sentences with their citations', () => {
  it('splits after ! ? and CJK stops; a leading marker of the first sentence stays with it; "[x]" is no citation', () => {
    expect(citedSentences('[1] First! Second? [2] Third。 第四！ [x] Fifth.', shown)).toEqual([
      { sentence: 'First!', ids: ['d10'] },
      { sentence: 'Second?', ids: ['d20'] },
      { sentence: 'Third。', ids: [] },
      { sentence: '第四！', ids: [] },
      { sentence: '[x] Fifth.', ids: [] },
    ]);
  });

  it('a sentence that is only a marker joins the one before and leaves no empty sentence', () => {
    expect(citedSentences('One. [3]', shown)).toEqual([{ sentence: 'One.', ids: ['d30'] }]);
    expect(citedSentences('[2]', shown)).toEqual([]);
  });
});
