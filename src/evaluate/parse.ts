import { MedirError } from '../core/errors.js';
import { listParams, type MeasureFamily, type MeasureParams } from './measures/measure.js';
import { MEASURES, TREC_FAMILIES, familyByAlias, findFamily, measureFamily } from './measures/registry.js';

/** One requested measure: a family, its parameters, and the output names they give. */
export interface MeasureRequest {
  family: MeasureFamily;
  params: MeasureParams;
  outputs: string[];
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)$/;
/** One `name=value` of a pairs group, which also continues one; a name has no dot, so `rbp.p=0.8` after `P.5` starts a new group. */
const PAIR = /^\w+=-?(\d+\.?\d*|\.\d+)$/;
const ALL = new Set(['all_trec', 'all']);

function request(family: MeasureFamily, params: MeasureParams, token: string): MeasureRequest {
  const problem = family.check?.(params);
  if (problem) throw new MedirError('BAD_OPTION', `--measures: '${token}': ${problem}`);
  return { family, params, outputs: family.outputs(params) };
}

/** `P.5,10` / `rbp.p=0.8`: trec_eval's family-with-parameters form. */
function withParams(family: MeasureFamily, text: string, token: string): MeasureRequest {
  const parts = text.split(',').filter(Boolean);
  if (family.params === 'none' || parts.length === 0) throw new MedirError('BAD_OPTION', `--measures: '${token}': ${family.name} takes no parameters`);
  if (family.params === 'pairs') {
    const pairs: Record<string, number> = { ...family.defaults.pairs };
    for (const part of parts) {
      if (!PAIR.test(part)) throw new MedirError('BAD_OPTION', `--measures: '${token}': expected name=number, got '${part}'`);
      const [key, value] = part.split('=');
      pairs[key] = Number(value);
    }
    return request(family, { list: [], pairs }, token);
  }
  if (!parts.every((x) => NUMBER.test(x))) throw new MedirError('BAD_OPTION', `--measures: '${token}': parameters must be numbers`);
  if (family.ordered) return request(family, listParams(...parts.map(Number)), token);
  const values = [...new Set(parts.map(Number))];
  // trec_eval sorts cutoff lists; fractional lists (recall levels, R multiples) are sorted too.
  return request(family, listParams(...values.sort((a, b) => a - b)), token);
}

function parseOne(token: string): MeasureRequest[] {
  if (ALL.has(token.toLowerCase())) return TREC_FAMILIES.map((f) => request(f, f.defaults, token));
  const at = /^(.+)@(\d+)$/.exec(token);
  if (at) {
    const family = familyByAlias(at[1], true) ?? findFamily(at[1]);
    if (family?.params === 'list') return [request(family, listParams(Number(at[2])), token)];
  }
  const exact = findFamily(token) ?? familyByAlias(token, false);
  if (exact) return [request(exact, exact.defaults, token)];
  const dot = token.indexOf('.');
  if (dot > 0) {
    const family = findFamily(token.slice(0, dot));
    if (family) return [withParams(family, token.slice(dot + 1), token)];
  }
  const output = /^(.+)_(\d+(?:\.\d+)?)$/.exec(token);
  if (output) {
    const family = findFamily(output[1]);
    if (family?.params === 'list') return [request(family, listParams(Number(output[2])), token)];
  }
  return [request(measureFamily(token), listParams(), token)];
}

/**
 * Parses a measure list: `ndcg@10,recall@100,map,mrr@10,p@10`, trec_eval names (`ndcg_cut_10`,
 * `ndcg_cut.10,100`, `P.5,10`, `rbp.p=0.8`), output names (`iprec_at_recall_0.10`, `RR@10`) and
 * `all_trec`/`all` (every trec_eval measure medir has, in trec_eval's order). Commas inside a
 * `family.params` group continue it. Duplicated outputs are dropped.
 */
export function parseMeasures(spec: string | readonly string[]): MeasureRequest[] {
  const tokens = (typeof spec === 'string' ? [spec] : spec).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean);
  const grouped: string[] = [];
  for (const token of tokens) {
    const last = grouped.length - 1;
    const continues = last >= 0 && grouped[last].includes('.') && !grouped[last].includes('@') && (NUMBER.test(token) || PAIR.test(token));
    if (continues) grouped[last] += `,${token}`;
    else grouped.push(token);
  }
  if (grouped.length === 0) throw new MedirError('BAD_OPTION', '--measures: no measure given', `e.g. --measures ndcg@10,recall@100,map; families: ${Object.keys(MEASURES).join(', ')}`);
  const seen = new Set<string>();
  const requests: MeasureRequest[] = [];
  for (const token of grouped) {
    for (const req of parseOne(token)) {
      const fresh = req.outputs.filter((o) => !seen.has(o));
      if (fresh.length === 0) continue;
      fresh.forEach((o) => seen.add(o));
      requests.push(req);
    }
  }
  return requests;
}
