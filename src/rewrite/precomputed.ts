import { inputError } from '../core/errors.js';
import { readJsonl } from '../io/lines.js';

/**
 * Generated texts published with a benchmark instead of generated here: R2MED's
 * `<task>/<method>/<model>/query_with_hydoc.jsonl`, one `{"id", "text", "hy_doc"}` per query.
 * Returns query id → generated text.
 */
export async function readPrecomputedRewrites(file: string, field = 'hy_doc'): Promise<Map<string, string>> {
  const rewrites = new Map<string, string>();
  for await (const { value, line } of readJsonl(file)) {
    const id = value.id ?? value._id ?? value.q_id;
    if (typeof id !== 'string' && typeof id !== 'number') throw inputError(file, line, "missing 'id'");
    const text = value[field];
    if (typeof text !== 'string') throw inputError(file, line, `missing '${field}' (the generated text, a string)`);
    if (rewrites.has(String(id))) throw inputError(file, line, `duplicate id '${id}'`);
    rewrites.set(String(id), text);
  }
  return rewrites;
}
