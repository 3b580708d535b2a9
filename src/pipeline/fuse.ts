import { fuseRuns, type FuseOptions } from '../fuse/fuse.js';
import type { Locations } from '../mirror/locations.js';
import { MEDIR_VERSION, runManifest } from '../provenance/provenance.js';
import { timed } from '../core/timed.js';
import { cachedStage, RUN_IO, stageKey, type StageRun } from './stage-cache.js';

/**
 * The fuse stage: runs → one fused run. The key is the inputs' keys (in order) and the fusion
 * options; the manifest names the method and every input run (its key and what made it).
 */
function fuseParams(opts: FuseOptions) {
  return { method: opts.method, norm: opts.norm ?? 'minmax', rrfK: opts.rrfK, weights: opts.weights, topK: opts.topK ?? 1000, medir: MEDIR_VERSION };
}

/** The stage key of fusing runs with these keys, computed without fusing (`medir experiment plan`). */
export function fuseKey(inputKeys: readonly string[], opts: FuseOptions): string {
  return stageKey('fuse', inputKeys, fuseParams(opts));
}

export async function fuse(inputs: readonly StageRun[], opts: FuseOptions, loc: Pick<Locations, 'cache'>): Promise<StageRun> {
  const params = fuseParams(opts);
  const key = fuseKey(inputs.map((i) => i.key), opts);
  return cachedStage(loc, 'fuse', key, RUN_IO, async () => {
    const { value: run, seconds } = await timed(async () => fuseRuns(inputs.map((i) => i.run), opts));
    const config = { ...params, inputs: inputs.map((i) => ({ key: i.key, retriever: i.manifest.retriever, dataset: i.manifest.dataset })) };
    const first = inputs[0].manifest.dataset;
    const dataset = { name: first.name, dir: first.dir, split: first.split, corpus: { source: first.corpus }, queries: { queries: [...run.keys()] } };
    return { run, manifest: runManifest(dataset, { name: `fuse-${opts.method}`, config }, params.topK, { retrieve: seconds }, { key }), key };
  });
}
