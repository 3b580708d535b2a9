import type { Query } from '../core/types.js';
import { compareCanonical } from '../formats/run.js';
import type { OptionScores } from './readers/reader.js';
import type { Retriever } from '../retrieve/retriever.js';
import type { QaItem } from './item.js';
import type { SettingDefinition } from './settings/setting.js';

const SEP = '\u001f';

/**
 * Scores "question + option" for every option of every item: the sum of the retriever's scores over
 * the top `k` passages the setting allows that item (all of its oracle passages in the oracle setting).
 * `depth` must reach past the passages the setting filters out.
 */
export function optionScorer(retriever: Retriever, setting: SettingDefinition, k: number, depth: number) {
  return async (items: readonly QaItem[]): Promise<OptionScores> => {
    const queries: Query[] = items.flatMap((item) =>
      Object.entries(item.options).map(([key, text]) => ({ id: `${item.id}${SEP}${key}`, text: `${item.question} ${text}`, meta: {} })),
    );
    const run = await retriever.retrieve(queries, depth);
    const scores: OptionScores = new Map(items.map((i) => [i.id, new Map()]));
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const [qid, ranking] of run) {
      const cut = qid.lastIndexOf(SEP);
      const item = byId.get(qid.slice(0, cut))!;
      const take = setting.passages === 'oracle' ? item.oracle.length : k;
      const allowed = [...ranking].sort(compareCanonical).filter((d) => setting.allows(item, d.docId)).slice(0, take);
      scores.get(item.id)!.set(qid.slice(cut + 1), allowed.reduce((s, d) => s + d.score, 0));
    }
    return scores;
  };
}
