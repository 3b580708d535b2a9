import { describe, expect, it } from 'vitest';
import { DictionaryTranslator, loadDictionaryTranslator, parseDictionary } from '../../src/translate/dictionary.js';
import { resolveLocations } from '../../src/mirror/locations.js';

const tsv = '#headword\tenglish\ndolor\tache; pain\ndolor de cabeza\theadache\ncabeza\thead\npresión\tpressure\nsangre\tblood\n';

describe('dictionary translator', () => {
  const dict = new DictionaryTranslator('es', parseDictionary(tsv, 'toy.tsv'), { senses: 2, maxPhrase: 3 }, 'toy');

  // With up to 2 senses every source word weighs 2 terms: one sense twice, or two senses once each.
  it('prefers the longest phrase, keeps unknown words, drops source stop words', async () => {
    expect(await dict.translate('¿Dolor de cabeza con ibuprofeno?', 'es', 'en')).toBe('headache headache ibuprofeno ibuprofeno');
    expect(await dict.translate('dolor y sangre', 'es', 'en')).toBe('ache pain blood blood');
  });

  it('matches headwords written without accents', async () => {
    expect(await dict.translate('presion de la sangre', 'es', 'en')).toBe('pressure pressure blood blood');
  });

  it('limits the senses emitted per entry, and splits one weight among them', async () => {
    const one = new DictionaryTranslator('es', parseDictionary(tsv, 'toy.tsv'), { senses: 1, maxPhrase: 3 }, 'toy');
    expect(await one.translate('dolor sangre', 'es', 'en')).toBe('ache blood');
    const three = parseDictionary('#h\te\nuno\ta; b; c\ndos\td; e\ntres\tf\n', 'toy.tsv');
    // Weight lcm(1, 2, 3) = 6 per word: 3 senses × 2, 2 senses × 3, 1 sense × 6.
    expect(await new DictionaryTranslator('es', three, { senses: 3, maxPhrase: 1 }, 'toy').translate('uno dos tres', 'es', 'en')).toBe(
      'a a b b c c d d d e e e f f f f f f',
    );
  });

  it('rejects a malformed dictionary line with file:line and a wrong direction', async () => {
    expect(() => parseDictionary('#h\ne\nno tab here\n', 'bad.tsv')).toThrow(/bad\.tsv:2: expected 'headword<TAB>translation/);
    await expect(dict.translate('dolor', 'fr', 'en')).rejects.toThrow(/translates es → en, not fr → en/);
  });

  it('loads the real FreeDict dictionaries from the mirror', async () => {
    const loc = resolveLocations();
    const es = await loadDictionaryTranslator('es', loc);
    expect(await es.translate('medicamento para la presión', 'es', 'en')).toMatch(/drug medicine .*pressure/);
    await expect(loadDictionaryTranslator('zh', loc)).rejects.toThrow(/no dictionary for zh → en; dictionaries exist for: es, fr, it/);
  });
});
