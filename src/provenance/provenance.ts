import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Run } from '../core/types.js';
import type { Dataset } from '../data/datasets.js';
import { writeRun } from '../formats/run.js';
import { writeFileAtomic } from '../io/atomic.js';
import { sha256OfFile } from '../io/file-hash.js';
import { PACKAGE_ROOT, type Locations } from '../mirror/locations.js';

// Provenance: what every artefact medir writes records about how it was made — versions, content
// hashes and, for runs, the manifest beside the file. One module, below the retrievers that use it.

/** JSON with sorted keys, so equal configs hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A short content address of a config: 12 hex digits of the sha256 of its canonical JSON. */
export function configHash(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 12);
}

/**
 * sha256 of a file, hashed once per (path, size, mtime): in this process, and across processes
 * through a store under the cache when `loc` is given (a corpus is then read once, not per command).
 */
export function fileSha256(file: string, loc?: Pick<Locations, 'cache'>): Promise<string> {
  return sha256OfFile(file, loc ? join(loc.cache, 'file-hashes') : undefined);
}

const packageJson = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

export const MEDIR_VERSION = packageJson.version;

/** The installed version of a dependency, for manifests (a library upgrade can change an index). */
export function libraryVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return packageJson.dependencies[name] ?? 'unknown';
  }
}

/** The fields every manifest medir writes starts with: which medir made it, and when. */
export function provenanceStamp(): { medirVersion: string; createdAt: string } {
  return { medirVersion: MEDIR_VERSION, createdAt: new Date().toISOString() };
}

/** What a reader needs to reproduce a run, written beside it as `<run>.json`. */
export interface RunManifest {
  medirVersion: string;
  /** `corpusSha256`: the bytes the run was retrieved from, when a retrieve stage made it. */
  dataset: { name: string; dir: string; split: string; corpus: string; corpusSha256?: string; queries: number };
  /** What ranked the documents: a retriever, or a stage around retrievers (fusion, rewriting, one retriever per language). */
  retriever: { name: string; config: Record<string, unknown> };
  topK: number;
  index?: { dir: string; reused: boolean };
  seconds: { index?: number; retrieve: number };
  /** The stage-cache key the run is stored under, when a stage made it. */
  key?: string;
  createdAt: string;
}

/** The dataset as a run manifest records it (what was ranked, not the corpus itself). */
export type ManifestDataset = Pick<Dataset, 'name' | 'dir' | 'split'> & { corpus: { source: string }; queries: { queries: readonly unknown[] } };

export function runManifest(
  dataset: ManifestDataset,
  producer: RunManifest['retriever'],
  topK: number,
  seconds: RunManifest['seconds'],
  extra: Pick<RunManifest, 'index' | 'key'> & { corpusSha256?: string } = {},
): RunManifest {
  const { medirVersion, createdAt } = provenanceStamp();
  const { corpusSha256, ...rest } = extra;
  return {
    medirVersion,
    dataset: { name: dataset.name, dir: dataset.dir, split: dataset.split, corpus: dataset.corpus.source, corpusSha256, queries: dataset.queries.queries.length },
    retriever: { name: producer.name, config: producer.config },
    topK,
    ...rest,
    seconds,
    createdAt,
  };
}

/** Writes the TREC run and its `<file>.json` manifest, each atomically: no run file without its manifest. */
export async function saveRun(file: string, run: Run, tag: string, manifest: RunManifest | Record<string, unknown>): Promise<void> {
  await writeRun(file, run, tag);
  writeFileAtomic(`${file}.json`, JSON.stringify(manifest, null, 2) + '\n');
}
