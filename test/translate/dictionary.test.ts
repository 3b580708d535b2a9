import { describe, expect, it } from 'vitest';
import { DictionaryTranslator, loadDictionaryTranslator, parseDictionary } from '../../src/translate/dictionary.js';
import { resolveLocations } from '../../src/mirror/locations.js';

const tsv = '#headword\tenglish\ndolor\tache; pain\ndolor de cabeza\theadache\ncabeza\thead\npresión\tpressure\nsangre\tblood\n';

describe('dictionary translator', () => {
  const dict = new DictionaryTranslator('es', parseDictionary(tsv, 'toy.tsv'), { senses: 2, maxPhrase: 3 }, 'toy');

  it('prefers the longest phrase, keeps unknown words, drops source stop words', async () => {
    expect(await dict.translate('¿Dolor de cabeza con ibuprofeno?', 'es', 'en')).toBe('headache ibuprofeno');
    expect(await dict.translate('dolor y sangre', 'es', 'en')).toBe('ache pain blood');
  });

  it('matches headwords written without accents', async () => {
    expect(await dict.translate('presion de la sangre', 'es', 'en')).toBe('pressure blood');
  });

  it('limits the senses emitted per entry', async () => {
    const one = new DictionaryTranslator('es', parseDictionary(tsv, 'toy.tsv'), { senses: 1, maxPhrase: 3 }, 'toy');
    expect(await one.translate('dolor', 'es', 'en')).toBe('ache');
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
