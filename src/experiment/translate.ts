import type { Query } from '../core/types.js';
import type { Locations } from '../mirror/locations.js';
import { translatorDefinition } from '../translate/registry.js';
import { translateQueries } from '../translate/stage.js';

/**
 * A variant's queries translated into English by a translator, language by language (`lang` field);
 * English queries and languages the translator does not serve are kept as written. The retrieve
 * stage's key covers the translated text, so each translation gets runs of its own.
 */
export async function queriesInEnglish(translator: string, queries: readonly Query[], loc: Locations): Promise<Query[]> {
  const def = translatorDefinition(translator);
  const out = [...queries];
  const langs = [...new Set(queries.map((q) => String(q.meta.lang ?? 'en')))].filter((l) => l !== 'en' && def.supports(l, { loc }) === true);
  for (const lang of langs) {
    const at = queries.flatMap((q, i) => (String(q.meta.lang ?? 'en') === lang ? [i] : []));
    const { queries: translated } = await translateQueries(await def.create(lang, { loc }), at.map((i) => queries[i]), lang, 'en');
    at.forEach((i, j) => (out[i] = translated[j]));
  }
  return out;
}
