import { join } from 'node:path';
import { writeTree } from '../helpers/tmp.js';

/**
 * A synthetic NOTEEVENTS.csv and a CliniQ-format benchmark folder. Admission 100 has 400 words
 * (5 chunks of 100 words, stride 90), 200 has 500 (6 chunks), 300 has 250 (3), 400 has 450 (5).
 * Words are `<letter><index>`; de-identification tags and line breaks are sprinkled in, which
 * CliniQ's cleaning removes, so chunk k of a note starts at word 90k only if cleaning is exact.
 */
export function noteText(letter: string, words: number, special: Record<number, string> = {}): string {
  let text = '';
  for (let i = 0; i < words; i++) {
    if (i > 0) text += i % 10 === 0 ? '\n' : ' ';
    text += special[i] ?? `${letter}${i}`;
    if (i % 37 === 36) text += ' [**Known lastname 12**]';
  }
  return text;
}

const HEADER = ['ROW_ID', 'SUBJECT_ID', 'HADM_ID', 'CHARTDATE', 'CHARTTIME', 'STORETIME', 'CATEGORY', 'DESCRIPTION', 'CGID', 'ISERROR', 'TEXT'];

function row(rowId: number, subject: number, hadm: number, category: string, text: string): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [rowId, subject, hadm, '2101-01-01', '', '', q(category), q('Report'), '', '', q(text)].join(',');
}

export const NOTES = {
  A: { hadm: '100', chunks: 5 },
  B: { hadm: '200', chunks: 6 },
  C: { hadm: '300', chunks: 3 },
  D: { hadm: '400', chunks: 5 },
};

/** `A_2` → `100_2`: the chunk ids of the fixture's notes. */
export function chunkId(short: string): string {
  const [note, i] = short.split('_');
  return `${NOTES[note as keyof typeof NOTES].hadm}_${i}`;
}

/** Writes the fixture under `dir`: NOTEEVENTS.csv and benchmark/. */
export function writeCliniqFixture(dir: string): { noteevents: string; benchmark: string } {
  const csv = [
    HEADER.map((h) => `"${h}"`).join(','),
    row(1, 11, 100, 'Nursing', 'a nursing note about pneumonia'),
    row(2, 11, 100, 'Discharge summary', noteText('a', 400, { 5: 'pneumonia' })),
    row(3, 12, 200, 'Discharge summary', noteText('b', 500)),
    row(4, 13, 400, 'Discharge summary', noteText('d', 450)),
    row(5, 14, 300, 'Discharge summary', noteText('c', 250)),
    row(6, 13, 400, 'Discharge summary', 'an addendum: dropped, the first summary of an admission is kept'),
    row(7, 15, 999, 'Discharge summary', 'an admission outside the test set'),
  ].join('\n') + '\n';
  const qrels = (lines: [string, string, string][]) => lines.map(([q, c, t]) => `${q}\t${chunkId(c)}\t${t}`).join('\n') + '\n';
  writeTree(dir, {
    'NOTEEVENTS.csv': csv,
    'benchmark/queries_disease.jsonl': '{"_id": "0", "text": "pneumonia"}\n',
    'benchmark/queries_procedure.jsonl': '{"_id": "1", "text": "colectomy"}\n',
    'benchmark/queries_drug.jsonl': '{"_id": "2", "text": "aspirin"}\n{"_id": "3", "text": "heparin"}\n',
    'benchmark/qrels_disease.tsv': qrels([['0', 'A_0', 'string'], ['0', 'A_2', 'synonym'], ['0', 'B_1', 'abbreviation'], ['0', 'C_0', 'hyponym']]),
    'benchmark/qrels_procedure.tsv': qrels([...[0, 1, 2, 3, 4, 5].map((i): [string, string, string] => ['1', `B_${i}`, 'implication']), ['1', 'D_3', 'string']]),
    'benchmark/qrels_drug.tsv': qrels([['2', 'D_1', 'synonym'], ['2', 'D_2', 'implication']]),
    'benchmark/test_hadm_ids.txt': '100\n200\n300\n400\n500\n',
  });
  return { noteevents: join(dir, 'NOTEEVENTS.csv'), benchmark: join(dir, 'benchmark') };
}
