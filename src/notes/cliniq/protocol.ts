import type { Query } from '../../core/types.js';
import { Progress } from '../../core/progress.js';
import type { Locations } from '../../mirror/locations.js';
import type { Retriever } from '../../retrieve/retriever.js';
import type { NoteColumns } from '../note.js';
import { buildNotesCorpus, type NotesCorpus } from '../notes-corpus.js';
import { passageGroups, type PassageGroups } from '../passage-groups.js';
import { cliniqQrels, readCliniqBenchmark, type CliniqBenchmark } from './benchmark.js';
import type { CliniqNdcgMode } from './ndcg-variant.js';
import { CliniqScorer, type CliniqReport } from './scorer.js';

/** The MIMIC-III category CliniQ keeps. */
const CLINIQ_CATEGORY = 'Discharge summary';

/** CliniQ's chunking: its cleaning, 100-word windows overlapping by 10. */
const CLINIQ_CHUNKING = { chunker: 'words', chunkerParams: { passageWords: 100, passageOverlap: 10, clean: 'cliniq' } } as const;

export interface CliniqSetup {
  bench: CliniqBenchmark;
  corpus: NotesCorpus;
  groups: PassageGroups;
  /** Admissions of test_hadm_ids.txt with no discharge summary in the notes file. */
  missingAdmissions: number;
}

/**
 * Builds CliniQ's corpus from NOTEEVENTS.csv as its preprocess.py does: discharge summaries only, the
 * first per HADM_ID in file order, only the 1,000 test admissions, cleaned and chunked into
 * `HADM_ID_i` passages; its queries and (binary) judgments are written beside it.
 */
export async function prepareCliniq(noteevents: string, benchmarkDir: string, loc: Locations, columns?: Partial<NoteColumns>): Promise<CliniqSetup> {
  const bench = await readCliniqBenchmark(benchmarkDir);
  const corpus = await buildNotesCorpus(
    {
      name: 'cliniq',
      source: { file: noteevents, columns, categories: [CLINIQ_CATEGORY], encounters: bench.hadmIds, dedupe: 'encounter' },
      ...CLINIQ_CHUNKING,
      idFrom: 'encounter',
      task: { queries: bench.queries, qrels: cliniqQrels(bench) },
    },
    loc,
  );
  const groups = await passageGroups(corpus.dataset.corpus, 'note');
  return { bench, corpus, groups, missingAdmissions: bench.hadmIds.size - groups.members.size };
}

/**
 * Runs CliniQ's two settings for one retriever: each batch of queries is ranked against every chunk
 * (CliniQ ranks the whole corpus: MRR has no cutoff and single-note rankings need every chunk) and
 * scored at once, so memory holds one batch of full rankings.
 */
export async function scoreCliniq(setup: CliniqSetup, retriever: Retriever, ndcg: CliniqNdcgMode, batchSize = 32): Promise<CliniqReport> {
  const scorer = new CliniqScorer(setup.bench, setup.groups, ndcg);
  const depth = setup.groups.of.size;
  const queries: readonly Query[] = setup.bench.queries;
  const progress = new Progress(`cliniq ${retriever.name}: queries`, queries.length);
  for (let i = 0; i < queries.length; i += batchSize) {
    const batch = queries.slice(i, i + batchSize);
    scorer.add(batch, await retriever.retrieve(batch, depth));
    progress.tick(batch.length);
  }
  progress.finish();
  return scorer.report();
}
