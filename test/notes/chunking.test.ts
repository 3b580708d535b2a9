import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/core/params.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { cliniqClean } from '../../src/notes/clean.js';
import { CHUNKERS, chunkerDefinition } from '../../src/notes/chunkers/registry.js';

function chunk(name: string, text: string, raw: Record<string, unknown> = {}) {
  const def = chunkerDefinition(name);
  return def.chunk(text, readParams(def.params, raw));
}

describe("CliniQ's cleaning (preprocess.py clean_text)", () => {
  it.each([
    ['de-identification tags removed, newlines to spaces, space runs collapsed, stripped', 'Admission Date:  [**2101-10-20**]     Discharge Date:  [**2101-10-31**]\n\nService: MEDICINE\n', 'Admission Date: Discharge Date: Service: MEDICINE'],
    ['a bracket closed on a later line is kept (Python . stops at newline)', 'a [b\nc] d', 'a [b c] d'],
    ['the match is lazy: up to the first closing bracket', '[a [b] c]', 'c]'],
    ['carriage returns and tabs are left alone', 'x\r\ny\tz', 'x\r y\tz'],
    ["strip() is Python's: NEL goes, a byte-order mark stays", '\u0085\ufeffword\u0085', '\ufeffword'],
  ])('%s', (_, raw, cleaned) => {
    expect(cliniqClean(raw).text).toBe(cleaned);
  });

  it('keeps where each cleaned character came from', () => {
    const c = cliniqClean('ab [**x**]\ncd');
    expect(c.text).toBe('ab cd');
    expect([...c.origin]).toEqual([0, 1, 2, 11, 12]);
  });
});

describe('words chunker', () => {
  const words = Array.from({ length: 12 }, (_, i) => `w${i}`).join(' ');

  it('windows of n words overlapping by k: stride n - k, the last window short', () => {
    expect(chunk('words', words, { passageWords: 5, passageOverlap: 2 }).map((c) => c.text)).toEqual(['w0 w1 w2 w3 w4', 'w3 w4 w5 w6 w7', 'w6 w7 w8 w9 w10', 'w9 w10 w11']);
  });

  it('with CliniQ cleaning, tags are not words and offsets point into the original note', () => {
    const raw = 'w0 [**Name**] w1\nw2  w3 [**Hospital 1**]\nw4 w5';
    const chunks = chunk('words', raw, { passageWords: 3, passageOverlap: 1, clean: 'cliniq' });
    expect(chunks.map((c) => c.text)).toEqual(['w0 w1 w2', 'w2 w3 w4', 'w4 w5']);
    expect(chunks.map((c) => raw.slice(c.start, c.end))).toEqual(['w0 [**Name**] w1\nw2', 'w2  w3 [**Hospital 1**]\nw4', 'w4 w5']);
  });

  it("keeps LangChain's split rule: a tab-joined pair is one split of two words, so windows differ from plain word windows", () => {
    const chunks = chunk('words', 'a b c\td e', { passageWords: 3, passageOverlap: 1, clean: 'cliniq' });
    expect(chunks.map((c) => c.text)).toEqual(['a b', 'b c\td', 'e']);
    expect(chunks.map((c) => [c.start, c.end])).toEqual([[0, 3], [2, 7], [8, 9]]);
    expect(chunk('words', 'a b c\td e', { passageWords: 3, passageOverlap: 1 }).map((c) => c.text)).toEqual(['a b c', 'c d e']);
  });

  it('a whitespace-only split weighs nothing and is stripped from the chunk edge', () => {
    expect(chunk('words', 'a b \r\nc d e', { passageWords: 3, passageOverlap: 1, clean: 'cliniq' }).map((c) => c.text)).toEqual(['a b \r c', 'c d e']);
  });

  it('an overlap as large as the window names its flag', () => {
    expect(() => chunk('words', words, { passageWords: 5, passageOverlap: 5 })).toThrow(/--passage-overlap: expected 0 ≤ overlap < --passage-words \(5\), got 5/);
  });
});

describe('sentences chunker', () => {
  it('packs whole sentences (line breaks end one) up to the word budget; overlap keeps whole sentences only', () => {
    const text = 'First sentence here. Second one is longer than that.\nLIST ITEM\nThird.';
    const chunks = chunk('sentences', text, { passageWords: 6, passageOverlap: 3 });
    expect(chunks.map((c) => c.text)).toEqual(['First sentence here.', 'Second one is longer than that.', 'LIST ITEM Third.']);
    expect(text.slice(chunks[2].start, chunks[2].end)).toBe('LIST ITEM\nThird.');
  });

  it('cuts a sentence longer than the window into word windows', () => {
    expect(chunk('sentences', 'a b c d e f g.', { passageWords: 4, passageOverlap: 1 }).map((c) => c.text)).toEqual(['a b c d', 'd e f g.']);
  });
});

describe('sections chunker', () => {
  it("splits at clinical headers (MTSamples' comma-flattened lines too) and labels each passage", () => {
    const text = 'SUBJECTIVE:,  This 23-year-old white female presents.,MEDICATIONS: , Ortho Tri-Cyclen.,ALLERGIES: , None.';
    expect(chunk('sections', text).map((c) => [c.section, c.text])).toEqual([
      ['SUBJECTIVE', 'SUBJECTIVE:, This 23-year-old white female presents.,'],
      ['MEDICATIONS', 'MEDICATIONS: , Ortho Tri-Cyclen.,'],
      ['ALLERGIES', 'ALLERGIES: , None.'],
    ]);
  });

  it('MIMIC-style title-case headers on their own line; text before the first header has no section', () => {
    const text = 'Admitted.\nHistory of Present Illness:\nShort of breath.\nDischarge Medications:\n1. Aspirin';
    expect(chunk('sections', text).map((c) => [c.section, c.text])).toEqual([
      [undefined, 'Admitted.'],
      ['HISTORY OF PRESENT ILLNESS', 'History of Present Illness: Short of breath.'],
      ['DISCHARGE MEDICATIONS', 'Discharge Medications: 1. Aspirin'],
    ]);
  });
});

describe('whole chunker', () => {
  it('one passage, stripped, with its offsets', () => {
    expect(chunk('whole', '  the note \n')).toEqual([{ text: 'the note', start: 2, end: 10 }]);
  });
});

describe('chunker registry', () => {
  it('lists exactly the chunker files of its folder, each under its own name', () => {
    const files = readdirSync(join(PACKAGE_ROOT, 'src', 'notes', 'chunkers'))
      .filter((f) => f.endsWith('.ts') && f !== 'registry.ts' && f !== 'chunker.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(CHUNKERS).sort()).toEqual(files);
    for (const [key, def] of Object.entries(CHUNKERS)) expect(def.name).toBe(key);
  });

  it('an unknown chunker lists the valid ones', () => {
    expect(() => chunkerDefinition('paragraphs')).toThrow("unknown chunker 'paragraphs'; valid: words, sentences, sections, whole");
  });
});
