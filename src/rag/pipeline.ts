import { join } from 'node:path';
import { readParams } from '../core/params.js';
import type { Query } from '../core/types.js';
import { compareCanonical, writeRun } from '../formats/run.js';
import { cachedGenerator, generationCacheDir } from '../generate/cache.js';
import type { Generator } from '../generate/generator.js';
import type { ChoiceReader, ReaderContext } from './readers/reader.js';
import { answererDefinition } from './readers/registry.js';
import { configHash, provenanceStamp } from '../provenance/provenance.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { Locations } from '../mirror/locations.js';
import { generate } from '../pipeline/generate.js';
import { sharedPool } from '../pipeline/retrievers.js';
import type { Retriever } from '../retrieve/retriever.js';
import { answerRow, readReply, type CitedAnswerRow } from './answer.js';
import { citedAnswer } from './citations.js';
import { conditionLabel, type Condition } from './condition.js';
import { packPassages, shufflePassages, whitespaceTokens } from './context.js';
import { oracleCorpus, ragCorpus, type RagCorpus } from './corpora.js';
import type { ExtractorDefinition } from './extractors/extractor.js';
import { extractorDefinition } from './extractors/registry.js';
import type { Passage, QaItem } from './item.js';
import { selectionName, type QaSet } from './load.js';
import { optionScorer } from './option-scores.js';
import type { PromptDefinition } from './prompts/prompt.js';
import { promptDefinition, type PromptName } from './prompts/registry.js';
import { settingDefinition } from './settings/registry.js';

/** Who answers: a generator (with prompt and extractor) or a baseline reader, chosen by registry name. */
export interface ReaderChoice {
  generator: string;
  /** Raw flag values; each plug-in reads its own through its param specs. */
  params: Record<string, unknown>;
  prompt?: string;
  extractor?: string;
}

export interface RagRun {
  set: QaSet;
  loc: Locations;
  reader: ReaderChoice;
  /** `--corpus`: overrides the data set's own retrieval corpus. */
  corpus?: string;
  /** Where condition folders go: `<out>/<dataset>/<selection>/<reader>/<condition>/`. */
  out: string;
}

export interface ConditionResult {
  label: string;
  condition: Condition;
  dir: string;
  rows: CitedAnswerRow[];
  manifest: Record<string, unknown>;
}

/** CasiMedicos-style data (numbered options, four languages) gets MedExpQA's prompt; the rest MedRAG's. */
export function defaultPrompt(set: QaSet): PromptName {
  return set.layout === 'mcq' ? 'medexpqa' : 'medrag';
}

/** Opens each retriever once per corpus for the whole experiment, through the shared pool. */
function openRetriever(run: RagRun, name: string, corpus: RagCorpus): Promise<Retriever> {
  return sharedPool.open(name, corpus.dataset, run.loc, run.reader.params).then((r) => r.retriever);
}

/** Passages by id from a corpus, reading it once and keeping only the ids asked for. */
async function passagesById(corpus: RagCorpus, ids: ReadonlySet<string>): Promise<Map<string, Passage>> {
  const found = new Map<string, Passage>();
  for await (const d of corpus.dataset.corpus.docs()) if (ids.has(d.id)) found.set(d.id, { id: d.id, title: d.title, text: d.text });
  return found;
}

function asQueries(items: readonly QaItem[]): Query[] {
  return items.map((i) => ({ id: i.id, text: i.question, meta: {} }));
}

/** Runs the experiment's conditions in order, sharing corpora and retrievers between them. */
export class RagExperiment {
  private corpus?: Promise<RagCorpus>;
  /** What a text generator is asked and how its replies are read (unused by baseline readers). */
  private readonly prompt: PromptDefinition;
  private readonly extractor: ExtractorDefinition;

  constructor(private readonly run: RagRun) {
    this.prompt = promptDefinition(run.reader.prompt ?? defaultPrompt(run.set));
    this.extractor = extractorDefinition(run.reader.extractor ?? this.prompt.extractor);
  }

  private ragCorpus(): Promise<RagCorpus> {
    return (this.corpus ??= ragCorpus(this.run.set, this.run.corpus, this.run.loc));
  }

  /** The passages each item's setting offers (before packing), and the retrieval behind them. */
  private async passagesOffered(condition: Condition) {
    const setting = settingDefinition(condition.setting);
    const items = this.run.set.items;
    const shown = new Map<string, Passage[]>();
    if (setting.passages === 'oracle') for (const i of items) shown.set(i.id, i.oracle);
    if (setting.passages !== 'retrieved') return { shown };
    const corpus = await this.ragCorpus();
    const retriever = await openRetriever(this.run, condition.retriever!, corpus);
    // Deep enough that distractors still has k passages once the gold ones are dropped.
    const depth = condition.passages + Math.max(0, ...items.map((i) => i.gold.length));
    const run = await retriever.retrieve(asQueries(items), depth);
    const chosen = new Map(items.map((i) => [i.id, [...(run.get(i.id) ?? [])].sort(compareCanonical).filter((d) => setting.allows(i, d.docId)).slice(0, condition.passages)]));
    const texts = await passagesById(corpus, new Set([...chosen.values()].flat().map((d) => d.docId)));
    for (const [id, docs] of chosen) shown.set(id, docs.map((d) => texts.get(d.docId)!));
    return { shown, corpus, run, retriever: { name: retriever.name, config: retriever.config, depth } };
  }

  async runCondition(condition: Condition): Promise<ConditionResult> {
    const { set, loc, reader } = this.run;
    const setting = settingDefinition(condition.setting);
    const def = answererDefinition(reader.generator);
    const params = readParams(def.params, reader.params);
    const items = set.items;
    const { shown, corpus, run, retriever } = await this.passagesOffered(condition);

    const generator = def.kind === 'text' ? cachedGenerator(await def.create(params, loc), generationCacheDir(loc)) : undefined;
    const count = generator?.countTokens ?? whitespaceTokens;
    const contexts = new Map(items.map((i) => {
      let passages = shown.get(i.id) ?? [];
      if (condition.contextTokens !== undefined) passages = packPassages(passages, condition.contextTokens, count);
      if (condition.shuffleSeed !== undefined) passages = shufflePassages(passages, condition.shuffleSeed, i.id);
      return [i.id, passages];
    }));

    const label = conditionLabel(condition);
    const replies = def.kind === 'text'
      ? await this.generate(generator!, items, contexts, label)
      : await this.choose(await def.create(params, { loc, train: set.train, scoreOptions: this.optionScorer(condition, corpus) }), items);

    const rows = items.map((item) => {
      const { reply, extraction } = replies.get(item.id)!;
      const context = contexts.get(item.id)!.map((p) => p.id);
      const goldIds = new Set([...item.gold, ...item.oracle.map((p) => p.id)]);
      const row = answerRow(item, reply, extraction, context, setting.passages === 'none' ? null : context.some((id) => goldIds.has(id)));
      return generator && this.prompt.citations ? { ...row, ...citedAnswer(item.question, reply, contexts.get(item.id)!) } : row;
    });

    const readerConfig = generator
      ? {
          generator: def.name,
          config: generator.config,
          prompt: this.prompt.name,
          version: this.prompt.version,
          templates: this.prompt.templates().map((t) => ({ path: t.path, sha256: t.sha256 })),
          extractor: this.extractor.name,
        }
      : { generator: def.name, params };
    const dir = join(this.run.out, set.name, selectionName(set), `${def.name}-${configHash(readerConfig)}`, label);
    const manifest = {
      ...provenanceStamp(),
      dataset: { name: set.name, dir: set.dir, split: set.split, items: items.length, ...(set.limit ? { sample: `first ${set.limit}` } : {}), langs: [...new Set(items.map((i) => i.lang))] },
      condition,
      reader: readerConfig,
      ...(corpus ? { corpus: { source: corpus.dataset.corpus.source, note: corpus.note } } : {}),
      ...(retriever ? { retriever, run: 'run.trec' } : {}),
      // cachedGenerator always defines stats.
      stats: { ...generator?.stats!(), unparsed: rows.filter((r) => !r.parsed).length },
    };
    if (run) await writeRun(join(dir, 'run.trec'), run, label);
    writeFileAtomic(join(dir, 'predictions.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    return { label, condition, dir, rows, manifest };
  }

  /** Every reply goes through the disk cache as it arrives: a killed run resumes without repeating a call. */
  private async generate(generator: Generator, items: readonly QaItem[], contexts: Map<string, Passage[]>, label: string) {
    const replies = await generate(generator, items.map((item) => this.prompt.render(item, contexts.get(item.id)!)), `rag ${label}`);
    return new Map(items.map((item, i) => [item.id, { reply: replies[i], extraction: readReply(this.extractor, replies[i], item) }] as const));
  }

  private async choose(reader: ChoiceReader, items: readonly QaItem[]) {
    const choices = await reader.choose(items);
    return new Map(items.map((i) => {
      const choice = choices.get(i.id) ?? null;
      return [i.id, { reply: choice ?? '', extraction: { choice, parsed: choice !== null } }];
    }));
  }

  /** The IR solver's option scoring for this condition (over the corpus, or the oracle passages), set up on first use. */
  private optionScorer(condition: Condition, corpus: RagCorpus | undefined): ReaderContext['scoreOptions'] {
    const setting = settingDefinition(condition.setting);
    const name = condition.retriever;
    if (setting.passages === 'none' || !name) return undefined;
    const items = this.run.set.items;
    return async (asked) => {
      const pool = setting.passages === 'oracle' ? { dataset: await oracleCorpus(this.run.set, this.run.loc) } : corpus!;
      const retriever = await openRetriever(this.run, name, pool);
      const depth = setting.passages === 'oracle' ? items.reduce((n, i) => n + i.oracle.length, 0) : condition.passages + Math.max(0, ...items.map((i) => i.gold.length));
      return optionScorer(retriever, setting, condition.passages, depth)(asked);
    };
  }
}
