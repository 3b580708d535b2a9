import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import stopwords from 'stopwords-iso' with { type: 'json' };
import { MedirError } from '../core/errors.js';
import { modelCard } from '../mirror/cards.js';
import type { Locations } from '../mirror/locations.js';
import { resolveArtifact } from '../mirror/resolve.js';
import { defineTranslator, type Translator } from './translator.js';

/** FreeDict folders in the mirror are named by ISO 639-3 codes: `dict-spa-en`. */
const ISO3: Record<string, string> = { es: 'spa', fr: 'fra', it: 'ita', de: 'deu', pt: 'por' };

export interface DictionaryOptions {
  /** How many senses of an entry to emit (the dictionaries list the commonest first). */
  senses: number;
  /** Longest headword phrase, in words, to look up before single words. */
  maxPhrase: number;
}

const DEFAULTS: DictionaryOptions = { senses: 2, maxPhrase: 3 };

const fold = (s: string) => s.normalize('NFD').replace(/\p{Mn}/gu, '');
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Parses FreeDict TSV: `headword<TAB>sense; sense`, first line a `#` header. */
export function parseDictionary(text: string, file: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  text.split('\n').forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new MedirError('BAD_INPUT', `${file}:${i + 1}: expected 'headword<TAB>translation; translation'`);
    const senses = line.slice(tab + 1).split(';').map((s) => s.trim()).filter(Boolean);
    const key = line.slice(0, tab).toLowerCase();
    entries.set(key, [...(entries.get(key) ?? []), ...senses]);
    // Queries often drop accents ("presion"): the folded form is a fallback key.
    const folded = fold(key);
    if (!entries.has(folded)) entries.set(folded, entries.get(key)!);
  });
  return entries;
}

/** Least common multiple of 1..n: the copies that let any 1..n senses share one weight evenly. */
function sharedWeight(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let w = 1;
  for (let k = 2; k <= n; k++) w = (w * k) / gcd(w, k);
  return w;
}

/**
 * Word-by-word translation with a bilingual dictionary: longest phrase first, up to `senses`
 * senses per entry; a word with no entry is kept (drug names, numbers), unless it is a stop word of
 * the source language. Senses are weighted: every source word or phrase carries the same weight in
 * the BM25 query, split evenly among its senses (as repeated terms), so a word with two senses
 * does not count twice as much as a word with one (`medir xling` shows what it does to nDCG@10).
 * A weak but transparent baseline for crossing languages with BM25.
 */
export class DictionaryTranslator implements Translator {
  readonly id: string;
  readonly config: Record<string, unknown>;
  private readonly weight: number;

  constructor(
    private readonly from: string,
    private readonly entries: Map<string, string[]>,
    private readonly options: DictionaryOptions,
    source: string,
  ) {
    this.id = `dictionary:${from}-en`;
    this.config = { translator: 'dictionary', from, to: 'en', source, ...options, weighting: 'senses share one weight per source word' };
    this.weight = sharedWeight(options.senses);
  }

  /** Appends a source word's terms, `weight` copies in all, split evenly among them. */
  private emit(out: string[], terms: readonly string[]): void {
    for (const term of terms) for (let r = 0; r < this.weight / terms.length; r++) out.push(term);
  }

  async translate(text: string, from: string, to: string): Promise<string> {
    if (from !== this.from || to !== 'en') throw new MedirError('BAD_OPTION', `${this.id} translates ${this.from} → en, not ${from} → ${to}`);
    const stop = new Set((stopwords as Record<string, string[]>)[from] ?? []);
    const words = [...text.toLowerCase().matchAll(WORD)].map((m) => m[0]);
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(this.options.maxPhrase, words.length - i); n >= 1 && !matched; n--) {
        const phrase = words.slice(i, i + n).join(' ');
        const senses = this.entries.get(phrase) ?? this.entries.get(fold(phrase));
        if (senses) {
          this.emit(out, senses.slice(0, this.options.senses));
          matched = n;
        }
      }
      if (!matched) {
        if (!stop.has(words[i])) this.emit(out, [words[i]]);
        matched = 1;
      }
      i += matched;
    }
    return out.join(' ');
  }
}

function hasCard(name: string): boolean {
  try {
    modelCard(name);
    return true;
  } catch {
    return false;
  }
}

/** Languages with a dictionary card (FreeDict in the mirror): es, fr, it. */
export function dictionaryLanguages(): string[] {
  return Object.keys(ISO3).filter((l) => hasCard(`dict-${ISO3[l]}-en`));
}

/** Loads the FreeDict dictionary `dict-<iso3>-en` for a source language through the mirror. */
export async function loadDictionaryTranslator(from: string, loc: Locations, options: Partial<DictionaryOptions> = {}): Promise<DictionaryTranslator> {
  if (!dictionaryLanguages().includes(from)) {
    throw new MedirError('UNKNOWN_NAME', `no dictionary for ${from} → en; dictionaries exist for: ${dictionaryLanguages().join(', ')}`);
  }
  const name = `dict-${ISO3[from]}-en`;
  const dir = await resolveArtifact('models', modelCard(name), loc);
  const file = join(dir, `${name}.tsv`);
  return new DictionaryTranslator(from, parseDictionary(readFileSync(file, 'utf8'), file), { ...DEFAULTS, ...options }, name);
}

export default defineTranslator({
  name: 'dictionary',
  description: 'word and phrase lookup in a FreeDict bilingual dictionary (es, fr, it → en in the mirror)',
  supports: (from) => (dictionaryLanguages().includes(from) ? true : `no ${from}→en dictionary`),
  create: (from, ctx) => loadDictionaryTranslator(from, ctx.loc),
});
