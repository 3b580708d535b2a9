import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/types.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { CliniqScorer, type CliniqReport, type Mean } from '../../src/notes/cliniq/scorer.js';
import { prepareCliniq, type CliniqSetup } from '../../src/notes/cliniq/protocol.js';
import { cliniqNdcgAt } from '../../src/notes/cliniq/ndcg-variant.js';
import { medir } from '../helpers/cli.js';
import { chunkId, writeCliniqFixture } from './cliniq-fixture.js';

const l = (x: number) => Math.log2(x);
/** Σ 1/log2(r + 1) over the given ranks: the DCG of binary hits at those ranks. */
const dcg = (ranks: number[]) => ranks.reduce((s, r) => s + 1 / l(r + 1), 0);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

let dir: string;
let files: { noteevents: string; benchmark: string };
let setup: CliniqSetup;
const locations = () => ({ ...resolveLocations(), cache: join(dir, 'cache'), indexes: join(dir, 'indexes') });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'medir-cliniq-'));
  files = writeCliniqFixture(dir);
  setup = await prepareCliniq(files.noteevents, files.benchmark, locations());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CliniQ's corpus from NOTEEVENTS.csv", () => {
  it('keeps the first discharge summary of each test admission and counts the rest', () => {
    expect(setup.corpus.stats).toMatchObject({ records: 7, otherCategory: 1, otherEncounter: 1, duplicates: 1, kept: 4, passages: 19 });
    expect(setup.missingAdmissions).toBe(1);
  });

  it('chunk ids HADM_ID_i line up with 100-word windows of stride 90 over the cleaned text', () => {
    const lines = readFileSync(join(setup.corpus.dataset.dir, 'corpus.jsonl'), 'utf8').trim().split('\n').map((s) => JSON.parse(s));
    expect(lines.map((d) => d._id)).toEqual([0, 1, 2, 3, 4].map((i) => `100_${i}`).concat([0, 1, 2, 3, 4, 5].map((i) => `200_${i}`), [0, 1, 2, 3, 4].map((i) => `400_${i}`), [0, 1, 2].map((i) => `300_${i}`)));
    const a = lines.filter((d) => d.record === '100');
    expect(a.map((d) => [d.text.split(' ')[0], d.text.split(' ').length, d.text.split(' ').at(-1)])).toEqual([
      ['a0', 100, 'a99'],
      ['a90', 100, 'a189'],
      ['a180', 100, 'a279'],
      ['a270', 100, 'a369'],
      ['a360', 40, 'a399'],
    ]);
    expect(a[0].text).not.toMatch(/\[\*\*|\n/);
    expect(a[1]).toMatchObject({ note: '2', patient: '11', encounter: '100', category: 'Discharge summary' });
  });

  it('rebuilding with nothing changed reuses the corpus folder', async () => {
    const again = await prepareCliniq(files.noteevents, files.benchmark, locations());
    expect(again.corpus.reused).toBe(true);
    expect(again.corpus.dataset.dir).toBe(setup.corpus.dataset.dir);
  });
});

/** Each query's full ranking, best first (scores 19 … 1): chosen so every metric is computable by hand. */
const RANKINGS: Record<string, string[]> = {
  '0': ['C_1', 'A_2', 'B_0', 'D_0', 'A_0', 'A_1', 'B_1', 'D_1', 'B_2', 'C_2', 'A_3', 'C_0', 'B_3', 'D_2', 'A_4', 'B_4', 'D_3', 'B_5', 'D_4'],
  '1': ['A_0', 'D_3', 'B_2', 'A_1', 'B_0', 'C_0', 'B_1', 'D_0', 'B_3', 'B_4', 'C_1', 'B_5', 'D_1', 'A_2', 'D_2', 'C_2', 'A_3', 'D_4', 'A_4'],
  '2': ['A_0', 'A_1', 'A_2', 'A_3', 'A_4', 'B_0', 'B_1', 'B_2', 'B_3', 'B_4', 'B_5', 'C_0', 'C_1', 'C_2', 'D_4', 'D_2', 'D_0', 'D_3', 'D_1'],
  '3': ['A_0'],
};

function handRun(): Run {
  return new Map(Object.entries(RANKINGS).map(([qid, ids]) => [qid, ids.map((id, i) => ({ docId: chunkId(id), score: 19 - i }))]));
}

function score(mode: 'standard' | 'cliniq'): CliniqReport {
  const scorer = new CliniqScorer(setup.bench, setup.groups, mode);
  const queries = setup.bench.queries;
  scorer.add(queries.slice(0, 2), handRun());
  scorer.add(queries.slice(2), handRun());
  return scorer.report();
}

function values(table: Map<string, Map<string, Mean>>): Record<string, Record<string, number>> {
  return Object.fromEntries([...table].map(([scope, row]) => [scope, Object.fromEntries([...row].map(([m, v]) => [m, v.mean]).concat([['n', [...row.values()][0].n]]))]));
}

function expectClose(actual: Record<string, Record<string, number>>, expected: Record<string, Record<string, number>>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [scope, row] of Object.entries(expected)) {
    expect(Object.keys(actual[scope]).sort(), scope).toEqual(Object.keys(row).sort());
    for (const [m, v] of Object.entries(row)) expect(actual[scope][m], `${scope} ${m}`).toBeCloseTo(v, 10);
  }
}

// Hand-computed from RANKINGS and the fixture's qrels.
const q0Ndcg = dcg([2, 5, 7]) / dcg(range(4));
const q1Ndcg = dcg([2, 3, 5, 7, 9, 10]) / dcg(range(7));
const q0Variant = dcg([2, 5, 7]) / dcg(range(3));
const q1Variant = dcg([2, 3, 5, 7, 9, 10]) / dcg(range(6));
const q2Single = { MRR: 0.5, 'nDCG@n': dcg([2, 5]) / dcg(range(2)), MAP: (1 / 2 + 2 / 5) / 2 };
const q0B = { MRR: 0.5, 'nDCG@n': 1 / l(3), MAP: 0.5 };
const mean = (...xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('CliniQ metrics on hand-made rankings', () => {
  it('multi-patient: MRR without cutoff, standard nDCG@10, Recall@100, per query type and pooled', () => {
    const r = score('standard');
    expectClose(values(r.multi), {
      disease: { MRR: 0.5, 'nDCG@10': q0Ndcg, 'R@100': 1, n: 1 },
      procedure: { MRR: 0.5, 'nDCG@10': q1Ndcg, 'R@100': 1, n: 1 },
      drug: { MRR: 1 / 16, 'nDCG@10': 0, 'R@100': 1, n: 1 },
      all: { MRR: mean(0.5, 0.5, 1 / 16), 'nDCG@10': mean(q0Ndcg, q1Ndcg, 0), 'R@100': 1, n: 3 },
    });
    expect(r.skipped.unjudgedQueries).toBe(1);
  });

  it("single-patient: one note's chunks, skipping notes under 5 chunks and notes all relevant", () => {
    const r = score('standard');
    expectClose(values(r.single), {
      disease: { MRR: mean(1, q0B.MRR), 'nDCG@n': mean(1, q0B['nDCG@n']), MAP: mean(1, q0B.MAP), n: 2 },
      procedure: { MRR: 1, 'nDCG@n': 1, MAP: 1, n: 1 },
      drug: { ...q2Single, n: 1 },
      all: { MRR: mean(1, q0B.MRR, 1, q2Single.MRR), 'nDCG@n': mean(1, q0B['nDCG@n'], 1, q2Single['nDCG@n']), MAP: mean(1, q0B.MAP, 1, q2Single.MAP), n: 4 },
    });
    expect(r.skipped).toMatchObject({ fewPassages: 1, allRelevant: 1 });
  });

  it("single-patient by match type: the note's relevant chunks of other types removed before scoring", () => {
    expectClose(values(score('standard').byMatch), {
      string: { MRR: 1, 'nDCG@n': 1, MAP: 1, n: 2 },
      synonym: { MRR: mean(1, 0.25), 'nDCG@n': mean(1, 1 / l(5)), MAP: mean(1, 0.25), n: 2 },
      abbreviation: { ...q0B, n: 1 },
      implication: { MRR: 0.5, 'nDCG@n': 1 / l(3), MAP: 0.5, n: 1 },
    });
  });

  it("CliniQ's nDCG variant takes the ideal from the retrieved top k: multi-patient values rise, single-note ones (complete rankings) do not change", () => {
    const r = score('cliniq');
    expect(r.multi.get('disease')!.get('nDCG@10')!.mean).toBeCloseTo(q0Variant, 10);
    expect(r.multi.get('procedure')!.get('nDCG@10')!.mean).toBeCloseTo(q1Variant, 10);
    expectClose(values(r.single), values(score('standard').single));
  });

  it('the variant alone: 0 without a hit in the top k, the order of the hits otherwise', () => {
    expect(cliniqNdcgAt(['x', 'y'], new Set(['z']), 10)).toBe(0);
    expect(cliniqNdcgAt(['x', 'r1', 'r2'], new Set(['r1', 'r2', 'r3']), 2)).toBeCloseTo((1 / l(3)) / 1, 12);
  });
});

describe('medir ehr cliniq (BM25 end to end)', () => {
  it('prints the three tables, and a query term found in one relevant chunk only gives MRR 1', () => {
    const r = medir(['ehr', 'cliniq', '--noteevents', files.noteevents, '--cliniq', files.benchmark, '--retrievers', 'bm25', '--examples', '1', '--out-dir', join(dir, 'out')], {
      env: { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') },
    });
    expect(r.stderr).toMatch(/notes: 7 read, 4 kept \(dropped: 1 duplicates, 1 of other categories, 1 of other encounters\); 19 passages/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/CliniQ: 4 of 5 admissions found \(1 missing\), 19 chunks, 4 queries \(1 without judgments skipped\)/);
    expect(r.stdout).toMatch(/nDCG: standard/);
    // "pneumonia" is only in chunk 100_0: rank 1; the 3 other relevant chunks are not retrieved.
    const disease = r.stdout.split('\n').find((line) => /^bm25\s+disease\s+1\s/.test(line))!;
    expect(disease.trim().split(/\s+/)).toEqual(['bm25', 'disease', '1', '1.0000', (1 / dcg(range(4))).toFixed(4), '0.2500']);
    expect(r.stdout).toMatch(/Single-patient retrieval/);
    expect(r.stdout).toMatch(/by match type/);
    // The values behind the means, one per line: query 0's MRR, and its note 200 (B_1 ranked 5th of 6, none retrieved).
    const long = readFileSync(join(dir, 'out', 'cliniq.per-query.tsv'), 'utf8').split('\n');
    expect(long[0]).toBe('retriever\tsetting\tquery_type\tmatch_type\tqid\tnote\tmetric\tvalue');
    expect(long).toContain('bm25\tmulti\tdisease\t\t0\t\tMRR\t1');
    expect(long).toContain('bm25\tsingle\tdisease\t\t0\t200\tMRR\t0.2');
    // Privacy by default: the example names passages, never their text.
    expect(r.stdout).toMatch(/query 0: pneumonia\n  100_0 \(record 100, score [\d.]+\)\n/);
    expect(r.stdout).toMatch(/passage text hidden; pass --show-text/);
    expect(r.stdout + r.stderr).not.toMatch(/a1 a2 a3/);
  });

  it('--show-text prints the passage text in examples', () => {
    const r = medir(['ehr', 'cliniq', '--noteevents', files.noteevents, '--cliniq', files.benchmark, '--retrievers', 'bm25', '--examples', '1', '--show-text', '--out-dir', join(dir, 'out')], {
      env: { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/100_0 \(record 100, score [\d.]+\): a0 a1 a2 a3 a4 pneumonia a6/);
  });

  it('`medir ehr aggregate` turns a passage run into a patient-level run', () => {
    writeFileSync(join(dir, 'passages.trec'), 'q 0 100_0 1 3 t\nq 0 200_1 2 5 t\nq 0 100_2 3 4 t\n');
    const r = medir(['ehr', 'aggregate', '--run', join(dir, 'passages.trec'), '--corpus', setup.corpus.dataset.dir, '--level', 'patient', '--out', join(dir, 'patients.trec')]);
    expect(r.status).toBe(0);
    // Admission 100 is patient 11 (best passage 4), admission 200 is patient 12 (5).
    expect(readFileSync(join(dir, 'patients.trec'), 'utf8')).toBe('q Q0 12 1 5 t-patient-max\nq Q0 11 2 4 t-patient-max\n');
  });

  it('a missing benchmark file names it and says what --cliniq wants', () => {
    const r = medir(['ehr', 'cliniq', '--noteevents', files.noteevents, '--cliniq', dir, '--retrievers', 'bm25'], { env: { MEDIR_CACHE: join(dir, 'cache') } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/queries_disease\.jsonl: not found/);
    expect(r.stderr).toMatch(/hint: pass --cliniq the benchmark\/ folder/);
  });
});
