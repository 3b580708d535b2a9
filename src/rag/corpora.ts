import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MedirError } from '../core/errors.js';
import type { Dataset } from '../data/datasets.js';
import { resolveDatasetDir } from '../data/datasets.js';
import { BEIR_FILES, jsonlCorpus, readQueriesJsonl } from '../formats/beir.js';
import { configHash, fileSha256 } from '../provenance/provenance.js';
import { buildDirAtomic, writeFileAtomic } from '../io/atomic.js';
import type { Locations } from '../mirror/locations.js';
import type { Passage } from './item.js';
import type { QaSet } from './load.js';

/** A retrieval corpus for RAG, and what was done to make it (shown in reports and manifests). */
export interface RagCorpus {
  dataset: Dataset;
  note?: string;
}

/** A folder's corpus.jsonl as the `Dataset` retrievers open; no queries or qrels needed. */
export function corpusDataset(dir: string, name = basename(dir)): Dataset {
  const file = join(dir, BEIR_FILES.corpus);
  if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${file}: no corpus.jsonl in ${dir}`);
  return { name, dir, layout: 'beir', split: 'test', corpus: jsonlCorpus(name, file), queries: { name, queries: [] }, qrels: new Map() };
}

/** Writes passages as a BEIR corpus folder under `<cache>/derived/<name>`, once (the name carries a content hash). */
async function derivedCorpus(loc: Locations, name: string, passages: readonly Passage[]): Promise<Dataset> {
  const dir = join(loc.cache, 'derived', name);
  if (!existsSync(join(dir, BEIR_FILES.corpus))) {
    await buildDirAtomic(dir, async (tmp) => {
      writeFileAtomic(join(tmp, BEIR_FILES.corpus), passages.map((p) => JSON.stringify({ _id: p.id, title: p.title, text: p.text })).join('\n') + '\n');
    });
  }
  return corpusDataset(dir);
}

function sameText(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * CasiMedicos' retrieval corpus: the English doctors' explanations of the train split, minus train
 * cases whose English case text repeats a case being evaluated (the source has such pairs; keeping
 * them would hand the reader the answer).
 */
async function trainExplanations(set: QaSet, loc: Locations): Promise<RagCorpus> {
  const file = join(set.dir, BEIR_FILES.queries);
  const all = await readQueriesJsonl(file);
  const english = all.filter((q) => q.meta.lang === 'en');
  const groupOf = (q: { meta: Record<string, unknown> }) => String(q.meta.group);
  const evaluatedTexts = new Set(english.filter((q) => q.meta.split === set.split).map((q) => sameText(q.text)));
  const train = english.filter((q) => q.meta.split === 'train');
  const kept = train.filter((q) => !evaluatedTexts.has(sameText(q.text)));
  const removed = train.filter((q) => evaluatedTexts.has(sameText(q.text))).map(groupOf);
  if (kept.length === 0) throw new MedirError('BAD_OPTION', `--split ${set.split}: no train explanation is left once the evaluated cases are removed`, 'evaluate test or dev, or pass --corpus');
  const passages = kept.map((q) => ({ id: groupOf(q), title: '', text: String(q.meta.explanation ?? '') }));
  const name = `${set.name}-train-explanations-en-${configHash({ source: await fileSha256(file), removed })}`;
  return {
    dataset: await derivedCorpus(loc, name, passages),
    note: `${kept.length} English train explanations; removed ${removed.length} train case(s) whose text repeats an evaluated ${set.split} case${removed.length ? ` (${removed.join(', ')})` : ''}`,
  };
}

/** The corpus RAG retrieves from: `--corpus` if given, else the data set's own (or derived) corpus. */
export async function ragCorpus(set: QaSet, corpusFlag: string | undefined, loc: Locations): Promise<RagCorpus> {
  if (corpusFlag) {
    const { name, dir } = await resolveDatasetDir(corpusFlag, loc);
    return { dataset: corpusDataset(dir, name) };
  }
  if (set.layout === 'beir') return { dataset: corpusDataset(set.dir, set.name) };
  if (set.layout === 'mcq') return trainExplanations(set, loc);
  throw new MedirError(
    'BAD_OPTION',
    `dataset '${set.name}' comes without a retrieval corpus: pass --corpus NAME|PATH`,
    "MedRAG's corpora (PubMed, StatPearls, textbooks, Wikipedia) are far too large for the mirror: run MIRAGE with --setting closed-book",
  );
}

/** The oracle passages of all items as one corpus, so a retriever can score options against them. */
export function oracleCorpus(set: QaSet, loc: Locations): Promise<Dataset> {
  const passages = [...new Map(set.items.flatMap((i) => i.oracle).map((p) => [p.id, p])).values()];
  return derivedCorpus(loc, `${set.name}-${set.split}-oracle-${configHash(passages.map((p) => [p.id, p.text]))}`, passages);
}
