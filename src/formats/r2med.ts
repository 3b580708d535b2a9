import { inputError } from '../core/errors.js';
import type { Qrels } from '../core/types.js';
import { readJsonl } from '../io/lines.js';
import { parseRelevance, RELEVANCE_RULE } from './numbers.js';

/** R2MED's qrels.jsonl: `{"q_id", "p_id", "score"}` per line. */
export async function readR2medQrels(file: string): Promise<Qrels> {
  const qrels: Qrels = new Map();
  for await (const { value, line } of readJsonl(file)) {
    const { q_id, p_id, score } = value;
    if (typeof q_id !== 'string' && typeof q_id !== 'number') throw inputError(file, line, "missing 'q_id'");
    if (typeof p_id !== 'string' && typeof p_id !== 'number') throw inputError(file, line, "missing 'p_id'");
    const rel = typeof score === 'number' ? score : typeof score === 'string' ? parseRelevance(score) : undefined;
    if (rel === undefined || !Number.isSafeInteger(rel)) throw inputError(file, line, `'score' must be ${RELEVANCE_RULE}, got ${JSON.stringify(score)}`);
    let judged = qrels.get(String(q_id));
    if (!judged) qrels.set(String(q_id), (judged = new Map()));
    judged.set(String(p_id), rel);
  }
  return qrels;
}
