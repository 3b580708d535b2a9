import { inputError } from '../core/errors.js';
import { readJsonl } from '../io/lines.js';

/** A judge's verdict on one pair, by position: `A` (model_A's answer is better), `B`, or `Tie`. */
export const VERDICTS = ['A', 'B', 'Tie'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * One pairwise judgment in MIRAGE-Bench's schema (`query_id, judge, model_A, model_B, verdict`), so
 * its published judgments load unchanged. `model_A` is the answer shown first, unless `order` says
 * both orders were asked: then `positionVerdicts` holds the verdict of each order by position
 * (`[model_A first, model_B first]`) and `verdict` their reconciliation.
 */
export interface Judgment {
  queryId: string;
  judge: string;
  modelA: string;
  modelB: string;
  verdict: Verdict;
  order?: 'AB' | 'BA' | 'both';
  positionVerdicts?: [Verdict | null, Verdict | null];
  /** The judge's reply (both replies, by position, for an `order: both` line). */
  rawVerdict?: string | string[];
  promptSha256?: string;
  /** Every field of the line, for slicing (`--by lang`). */
  fields: Record<string, unknown>;
  /** Where it came from, for errors. */
  file: string;
  line: number;
}

function isVerdict(v: unknown): v is Verdict {
  return typeof v === 'string' && (VERDICTS as readonly string[]).includes(v);
}

function text(value: Record<string, unknown>, key: string, file: string, line: number): string {
  const v = value[key];
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number') return String(v);
  throw inputError(file, line, `expected a non-empty "${key}"`);
}

/** Validates one judgment line: an unknown verdict or a model judged against itself is a `file:line` error. */
export function parseJudgment(value: Record<string, unknown>, file: string, line: number): Judgment {
  const modelA = text(value, 'model_A', file, line);
  const modelB = text(value, 'model_B', file, line);
  if (modelA === modelB) throw inputError(file, line, `model '${modelA}' judged against itself`);
  const verdict = value.verdict;
  if (!isVerdict(verdict)) throw inputError(file, line, `unknown verdict ${JSON.stringify(verdict)}; valid: ${VERDICTS.join(', ')}`);
  const order = value.order;
  if (order !== undefined && order !== 'AB' && order !== 'BA' && order !== 'both') throw inputError(file, line, `unknown order ${JSON.stringify(order)}; valid: AB, BA, both`);
  const pv = value.position_verdicts;
  if (pv !== undefined && !(Array.isArray(pv) && pv.length === 2 && pv.every((v) => v === null || isVerdict(v)))) {
    throw inputError(file, line, 'position_verdicts: expected [verdict|null, verdict|null]');
  }
  return {
    queryId: text(value, 'query_id', file, line),
    judge: typeof value.judge === 'string' ? value.judge : '',
    modelA,
    modelB,
    verdict,
    ...(order !== undefined ? { order } : {}),
    ...(pv !== undefined ? { positionVerdicts: pv as [Verdict | null, Verdict | null] } : {}),
    ...(typeof value.raw_verdict === 'string' || Array.isArray(value.raw_verdict) ? { rawVerdict: value.raw_verdict as string | string[] } : {}),
    ...(typeof value.prompt_sha256 === 'string' ? { promptSha256: value.prompt_sha256 } : {}),
    fields: value,
    file,
    line,
  };
}

export async function readJudgments(file: string): Promise<Judgment[]> {
  const out: Judgment[] = [];
  for await (const { value, line } of readJsonl(file)) out.push(parseJudgment(value, file, line));
  if (out.length === 0) throw inputError(file, 1, 'no judgments');
  return out;
}

/** A judgment as a JSONL line in MIRAGE-Bench's schema plus the optional fields that are set. */
export function judgmentLine(j: Omit<Judgment, 'fields' | 'file' | 'line'> & { extra?: Record<string, unknown> }): string {
  return JSON.stringify({
    query_id: j.queryId,
    judge: j.judge,
    model_A: j.modelA,
    model_B: j.modelB,
    verdict: j.verdict,
    ...(j.order ? { order: j.order } : {}),
    ...(j.positionVerdicts ? { position_verdicts: j.positionVerdicts } : {}),
    ...(j.rawVerdict !== undefined ? { raw_verdict: j.rawVerdict } : {}),
    ...(j.promptSha256 ? { prompt_sha256: j.promptSha256 } : {}),
    ...j.extra,
  });
}
