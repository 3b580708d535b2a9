import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { pathComponent } from '../core/paths.js';
import { MedirError } from '../core/errors.js';
import type { Query } from '../core/types.js';
import { loadDataset, resolveDatasetDir } from '../data/datasets.js';
import { BEIR_FILES, readQueriesJsonl } from '../formats/beir.js';
import type { DatasetLayout } from '../mirror/cards.js';
import type { Locations } from '../mirror/locations.js';
import type { Passage, QaItem } from './item.js';

/** The questions of one data set and split, ready for RAG conditions. */
export interface QaSet {
  name: string;
  dir: string;
  layout: DatasetLayout;
  split: string;
  items: QaItem[];
  /** The train split's items (for the majority baseline); empty when there is none. */
  train: QaItem[];
  /** The languages kept, when not all. */
  langs?: readonly string[];
  /** Set when only the first `limit` items are answered (a quick check): manifests say so. */
  limit?: number;
}

/** The folder name of a selection: `test`, `test-es+fr`, `test-first20`; runs of different selections never overwrite each other. */
export function selectionName(set: QaSet): string {
  return `${set.split}${set.langs ? `-${set.langs.join('+')}` : ''}${set.limit ? `-first${set.limit}` : ''}`;
}

export interface QaOptions {
  split: string;
  /** Keep only these languages (`lang` field); all when absent. */
  langs?: readonly string[];
}

function stringField(q: Query, key: string, file: string): string {
  const v = q.meta[key];
  if (typeof v !== 'string' || v === '') throw new MedirError('BAD_INPUT', `${file}: query '${q.id}': '${key}' must be a non-empty string`);
  return v;
}

/** A query with `answer` (an option key, or the reference text when there are no `options`) as a QA item. */
function toItem(q: Query, file: string, group: string, oracle: Passage[], gold: string[]): QaItem {
  const options = q.meta.options ?? {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new MedirError('BAD_INPUT', `${file}: query '${q.id}': 'options' must be an object of key → text`);
  const answer = stringField(q, 'answer', file);
  if (Object.keys(options).length && !(answer in options)) throw new MedirError('BAD_INPUT', `${file}: query '${q.id}': answer '${answer}' is not one of its options (${Object.keys(options).join(', ')})`);
  return { id: q.id, question: q.text, options: options as Record<string, string>, answer, lang: typeof q.meta.lang === 'string' ? q.meta.lang : 'en', group, gold, oracle };
}

/** PubMedQA-style BEIR folder: gold = the qrels' relevant docs, oracle = their text from the corpus. */
async function beirItems(name: string, split: string, loc: Locations): Promise<QaItem[]> {
  const ds = await loadDataset(name, { split }, loc);
  // Every query kept has qrels (loadDataset keeps only judged queries).
  const goldOf = (qid: string) => [...ds.qrels.get(qid)!].filter(([, rel]) => rel > 0).map(([id]) => id);
  const wanted = new Set(ds.queries.queries.flatMap((q) => goldOf(q.id)));
  const docs = new Map<string, Passage>();
  for await (const d of ds.corpus.docs()) if (wanted.has(d.id)) docs.set(d.id, { id: d.id, title: d.title, text: d.text });
  const file = join(ds.dir, BEIR_FILES.queries);
  return ds.queries.queries.map((q) => {
    const gold = goldOf(q.id);
    return toItem(q, file, ds.name, gold.flatMap((id) => docs.get(id) ?? []), gold);
  });
}

/** CasiMedicos-style `queries.jsonl` with `split`, `lang` and the doctors' `explanation` as oracle. */
async function mcqItems(dir: string, name: string, split: string): Promise<QaItem[]> {
  const file = join(dir, BEIR_FILES.queries);
  return (await readQueriesJsonl(file))
    .filter((q) => q.meta.split === split)
    .map((q) => {
      const explanation = typeof q.meta.explanation === 'string' ? q.meta.explanation : '';
      return toItem(q, file, name, explanation ? [{ id: `${q.id}#explanation`, title: '', text: explanation }] : [], []);
    });
}

/** MIRAGE: one queries.jsonl over five sub-datasets (`dataset` field), no splits, no corpus. */
async function mirageItems(dir: string): Promise<QaItem[]> {
  const file = join(dir, BEIR_FILES.queries);
  return (await readQueriesJsonl(file)).map((q) => toItem(q, file, stringField(q, 'dataset', file), [], []));
}

async function itemsOf(layout: DatasetLayout, name: string, dir: string, split: string, loc: Locations): Promise<QaItem[]> {
  if (layout === 'mirage') return mirageItems(dir);
  if (layout === 'mcq') return mcqItems(dir, name, split);
  if (layout === 'beir') {
    if (!existsSync(join(dir, BEIR_FILES.qrels(split)))) return [];
    return beirItems(dir, split, loc);
  }
  throw new MedirError('BAD_INPUT', `dataset '${name}' has layout '${layout}': not a question-answering set`, 'RAG needs questions with options and answers (pubmedqa-pqal, casimedicos-mcq, mirage)');
}

export async function loadQaSet(nameOrPath: string, opts: QaOptions, loc: Locations): Promise<QaSet> {
  // Both become folder names under --out (see selectionName).
  pathComponent(opts.split, '--split');
  opts.langs?.forEach((lang) => pathComponent(lang, '--lang'));
  const { name, dir, layout } = await resolveDatasetDir(nameOrPath, loc);
  const keep = (items: QaItem[]) => (opts.langs ? items.filter((i) => opts.langs!.includes(i.lang)) : items);
  const items = keep(await itemsOf(layout, name, dir, opts.split, loc));
  if (items.length === 0) {
    throw new MedirError('BAD_OPTION', `--split ${opts.split}${opts.langs ? ` --lang ${opts.langs.join(',')}` : ''}: dataset '${name}' has no questions there`);
  }
  const train = layout === 'mirage' || opts.split === 'train' ? [] : keep(await itemsOf(layout, name, dir, 'train', loc));
  return { name, dir, layout, split: layout === 'mirage' ? 'all' : opts.split, items, train, ...(opts.langs ? { langs: opts.langs } : {}) };
}
