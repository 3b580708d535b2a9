import type { Command } from 'commander';
import { readParams, type ParamSpec } from '../../core/params.js';
import type { Locations } from '../../mirror/locations.js';
import { saveRerankedRun } from '../../rerank/run-file.js';
import type { RerankedRunManifest } from '../../pipeline/rerank.js';
import type { StageRun } from '../../pipeline/stage-cache.js';
import { createReranker, rerankerDefinition, RERANKERS } from '../../rerank/registry.js';
import type { Reranker, RerankerDefinition } from '../../rerank/reranker.js';
import { addParamOptions, positiveInt } from '../common.js';

/** `--rerank X`, `--rerank-depth N`, then `--rerank-<param>` for every reranker's params (the model is `--rerank` itself). */
export interface RerankFlags {
  rerank?: string;
  rerankDepth: number;
  [param: string]: unknown;
}

const prefixed = (key: string) => `rerank${key[0].toUpperCase()}${key.slice(1)}`;

/** One spec per flag; a param several rerankers share names them all, its default shown only when they agree. */
function specs(): ParamSpec[] {
  const byKey = new Map<string, { spec: ParamSpec; owners: string[]; defaults: Set<unknown> }>();
  for (const def of Object.values(RERANKERS) as RerankerDefinition[]) {
    for (const spec of def.params.filter((p) => p.key !== 'model')) {
      const entry = byKey.get(spec.key) ?? { spec, owners: [], defaults: new Set() };
      entry.owners.push(def.name);
      entry.defaults.add(spec.default);
      byKey.set(spec.key, entry);
    }
  }
  return [...byKey.values()].map(({ spec, owners, defaults }) => ({
    ...spec,
    key: prefixed(spec.key),
    help: `${owners.join(', ')}: ${spec.help}`,
    default: defaults.size === 1 ? spec.default : undefined,
  }));
}

const METHODS = Object.keys(RERANKERS).filter((name) => name !== 'cross-encoder');

export function addRerankOptions(cmd: Command): Command {
  cmd
    .option('--rerank <model|method>', `rerank the run: a cross-encoder (model name or ONNX folder) or an LLM reranker (${METHODS.join(', ')})`)
    .option('--rerank-depth <n>', 'documents of each ranking to rerank (the rest follow in first-stage order)', positiveInt('--rerank-depth'), 100);
  return addParamOptions(cmd, specs());
}

/** The reranker the flags ask for, or undefined without `--rerank`. */
export async function rerankerFrom(flags: RerankFlags, loc: Locations): Promise<Reranker | undefined> {
  if (!flags.rerank) return undefined;
  const name = METHODS.includes(flags.rerank) ? flags.rerank : 'cross-encoder';
  const own = rerankerDefinition(name).params.filter((p) => p.key !== 'model');
  // Checked under their flag names first, so an error says --rerank-batch-size, not --batch-size.
  const values = readParams(own.map((p) => ({ ...p, key: prefixed(p.key) })), flags);
  const params: Record<string, unknown> = Object.fromEntries(own.map((p) => [p.key, values[prefixed(p.key)]]));
  return createReranker(name, name === 'cross-encoder' ? { ...params, model: flags.rerank } : params, loc);
}

/**
 * `medir run --rerank`: writes the reranked run at `out` and the first stage's beside it, and
 * prints where, and what the rerank stage did (or that it came from the stage cache).
 */
export async function saveReranked(first: StageRun, reranked: StageRun & { reused: boolean }, out: string, tag: string): Promise<void> {
  const firstFile = await saveRerankedRun(out, first, reranked, tag);
  const m = (reranked.manifest as RerankedRunManifest).stages[1];
  const cut = m.stats.truncated !== undefined ? `, ${m.stats.truncated} cut at ${m.stats.maxLength} tokens` : '';
  const calls = m.stats.calls !== undefined ? `, ${m.stats.calls} generator calls, ${m.stats.cacheHits} from cache` : '';
  const how = reranked.reused ? `reused from the stage cache (made in ${m.seconds.toFixed(2)}s${calls})` : `(${m.pairs} pairs${cut}${calls}) in ${m.seconds.toFixed(2)}s (${(m.pairs / Math.max(m.seconds, 1e-9)).toFixed(0)} pairs/s)`;
  process.stdout.write(
    `${m.queries} queries, top ${m.depth} reranked by ${m.reranker.name} ${how} → ${out} (+ ${out}.json; first stage: ${firstFile})\n`,
  );
}
