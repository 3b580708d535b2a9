import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/registry.js';
import { wordTokens } from '../../src/analyze/tokenize.js';

describe('English analyzer (bm25s settings)', () => {
  const en = createAnalyzer('en');

  it('lowercases, keeps runs of ≥ 2 word characters, drops Lucene stop words, stems with Porter2', () => {
    expect(en.analyze('The Effects of Statins: a study, and X-rays in 2019')).toEqual(['effect', 'statin', 'studi', 'ray', '2019']);
  });

  it('keeps underscores and digits inside tokens, as \\w does', () => {
    expect(en.analyze('IL_6 covid19 3d')).toEqual(['il_6', 'covid19', '3d']);
  });

  it('stems as Snowball English (expected values from PyStemmer, the C libstemmer)', () => {
    const words = ['consistency', 'knackeries', 'generously', 'studies', 'hospitalization', 'running'];
    expect(words.map((w) => en.analyze(w)[0])).toEqual(['consist', 'knackeri', 'generous', 'studi', 'hospit', 'run']);
  });

  it('matches stop words before stemming, as bm25s does ("these" goes, "thesis" stays)', () => {
    expect(en.analyze('these thesis')).toEqual(['thesi']);
  });

  it('turns stemming and stop words off on request, and says so in id and config', () => {
    const raw = createAnalyzer('en', { stem: false, stopwords: false });
    expect(raw.analyze('The studies')).toEqual(['the', 'studies']);
    expect(raw.id).toBe('en-nostop-nostem');
    expect(raw.config).toMatchObject({ stopwords: null, stemmer: null });
    expect(en.config).not.toEqual(raw.config);
  });

  it('gives nothing for text without words', () => {
    expect(en.analyze('')).toEqual([]);
    expect(en.analyze('a , . I')).toEqual([]);
  });
});

describe('Snowball stemmers of the other Latin-script languages (expected from PyStemmer)', () => {
  it.each([
    ['es', 'medicamentos niños enfermedades', ['medicament', 'niñ', 'enfermedad']],
    ['fr', 'médicaments secondaires maladies', ['médic', 'secondair', 'malad']],
    ['it', 'medicinali malattie effetti', ['medicinal', 'malatt', 'effett']],
    ['pt', 'medicamentos doenças efeitos', ['medic', 'doenc', 'efeit']],
    ['de', 'Krankheiten Medikamente', ['krankheit', 'medikament']],
  ] as const)('%s', (code, text, expected) => {
    expect(createAnalyzer(code).analyze(text)).toEqual(expected);
  });

  it('drops stopwords-iso stop words', () => {
    expect(createAnalyzer('es').analyze('los efectos de la aspirina')).toEqual(['efect', 'aspirin']);
  });
});

describe('accent folding', () => {
  it('folds Latin diacritics after stemming', () => {
    expect(createAnalyzer('es', { foldAccents: true }).analyze('niños')).toEqual(['nin']);
    expect(createAnalyzer('fr', { foldAccents: true, stem: false }).analyze('Épidémie fièvre')).toEqual(['epidemie', 'fievre']);
  });

  it('leaves Devanagari vowel signs alone', () => {
    expect(createAnalyzer('hi', { foldAccents: true }).analyze('छुटकारा')).toEqual(['छुटकारा']);
  });

  it('is part of the analyzer identity', () => {
    expect(createAnalyzer('es', { foldAccents: true }).id).toBe('es-fold');
  });
});

describe('Hindi', () => {
  it('keeps a word with its vowel signs as one token and drops stop words', () => {
    // "से" (from) is a stop word; the matras of "टेग्रेटोल" must not split it
    expect(createAnalyzer('hi').analyze('टेग्रेटोल से छुटकारा')).toEqual(['टेग्रेटोल', 'छुटकारा']);
  });
});

describe('Chinese', () => {
  it('bigrams: overlapping pairs per Han run, a lone character kept, Latin words as usual', () => {
    expect(createAnalyzer('zh', { stopwords: false }).analyze('阿司匹林 和 DNA')).toEqual(['阿司', '司匹', '匹林', '和', 'dna']);
  });

  it('words: ICU segmentation keeps known words whole', () => {
    const terms = createAnalyzer('zh-words', { stopwords: false }).analyze('阿司匹林的副作用');
    expect(terms).toContain('副作用');
    expect(terms.join('')).toBe('阿司匹林的副作用');
  });
});

describe('word tokenizer', () => {
  it('equals the Unicode regex [\\p{L}\\p{M}\\p{N}_]{2,} on mixed scripts, astral letters and emoji', () => {
    const samples = [
      'plain ascii, with punct-uation & 42 numbers_here a b',
      'Ünïcödé café naïve coöperate — “quoted” ½ ² x²',
      'हिन्दी में लिखा गया पाठ, 123',
      '𝐁𝐨𝐥𝐝 math letters 𝑥𝑦 and emoji 😀😀 ab😀cd',
      '中文字符 mixed with latin',
      '',
      'single a b c d',
    ];
    for (const text of samples) expect(wordTokens(text)).toEqual(text.match(/[\p{L}\p{M}\p{N}_]{2,}/gu) ?? []);
  });
});
