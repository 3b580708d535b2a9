import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import type { Locations } from '../mirror/locations.js';
import { stageKey, cachedStage } from '../pipeline/stage-cache.js';
import { configHash, MEDIR_VERSION, provenanceStamp } from '../provenance/provenance.js';
import type { QaSet } from '../rag/load.js';
import { RagExperiment } from '../rag/pipeline.js';
import { settingDefinition } from '../rag/settings/registry.js';
import type { GenerateSpec } from './grid.js';

/** What the answer stage keeps: 1/0 per question (correct or not), and where `medir rag`'s files went. */
export interface Answers {
  correct: Record<string, number>;
  dir: string;
}

const ANSWERS_IO = {
  async read(dir: string): Promise<Answers> {
    return JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8')) as Answers;
  },
  async write(dir: string, a: Answers): Promise<void> {
    writeFileAtomic(join(dir, 'answers.json'), JSON.stringify(a) + '\n');
    writeFileAtomic(join(dir, 'manifest.json'), JSON.stringify(provenanceStamp(), null, 2) + '\n');
  },
};

/** The stage key of answering `set` with a generate spec: the questions and gold answers, the reader, its condition and parameters. */
export function answerKey(set: QaSet, spec: GenerateSpec): string {
  const items = configHash(set.items.map((i) => [i.id, i.question, i.options, i.answer, i.oracle.map((p) => p.id)]));
  const train = configHash(set.train.map((i) => [i.id, i.answer]));
  return stageKey('generate', [items, train], { dataset: set.name, split: set.split, ...spec, medir: MEDIR_VERSION });
}

/** The `config_json.generate` a report reads: passages k (0 without retrieval) and whether the variant is a reference line. */
export function generateConfig(spec: GenerateSpec): { reader: string; setting: string; passages: number; mode: 'closed-book' | 'oracle' | 'retrieved' } {
  const { passages } = settingDefinition(spec.condition.setting);
  const mode = passages === 'none' ? 'closed-book' : passages === 'oracle' ? 'oracle' : 'retrieved';
  return { reader: spec.reader, setting: spec.condition.setting, passages: mode === 'retrieved' ? spec.condition.passages : 0, mode };
}

/** Answers the set as `medir rag` does (its files under `<out>/rag/`), stored in the stage cache under `key`. */
export function answer(set: QaSet, spec: GenerateSpec, key: string, out: string, loc: Locations): Promise<Answers> {
  return cachedStage(loc, 'generate', key, ANSWERS_IO, async () => {
    const rag = new RagExperiment({ set, loc, reader: { generator: spec.reader, params: spec.params }, out: join(out, 'rag') });
    const result = await rag.runCondition(spec.condition);
    return { correct: Object.fromEntries(result.rows.map((r) => [r.id, r.correct ? 1 : 0])), dir: result.dir };
  });
}
