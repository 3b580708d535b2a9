import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MedirError } from '../core/errors.js';
import { buildDirAtomic, writeFileAtomic } from '../io/atomic.js';
import { canonicalJson, MEDIR_VERSION } from '../provenance/provenance.js';

/** Bumped when an index's on-disk format changes: old indexes are then rebuilt, never misread. */
export const INDEX_FORMAT_VERSION = 1;

export interface IndexManifest {
  formatVersion: number;
  /** What built it: `bm25-wink`, `dense-exact`… */
  component: string;
  /** Every parameter that changes the index's contents (analyzer, k1, model, profile…). */
  config: Record<string, unknown>;
  corpus: { source: string; sha256: string; documents?: number };
  libraries: Record<string, string>;
  medirVersion: string;
  createdAt: string;
  /** Facts learned while building (counts, timings, truncation), not part of identity. */
  stats?: Record<string, unknown>;
}

export function readManifest(dir: string): IndexManifest | undefined {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as IndexManifest;
  } catch {
    return undefined;
  }
}

/** What must match for an index to be reused: everything but timestamps and stats. */
function identity(m: Omit<IndexManifest, 'createdAt' | 'stats' | 'medirVersion'>): string {
  return canonicalJson({ f: m.formatVersion, c: m.component, k: m.config, s: m.corpus.sha256, l: m.libraries });
}

export type IndexIdentity = Omit<IndexManifest, 'createdAt' | 'stats' | 'medirVersion' | 'formatVersion'>;

export interface IndexResult {
  dir: string;
  reused: boolean;
  manifest: IndexManifest;
  /** Why an existing index was not reused ('absent', 'config/corpus/library changed'). */
  reason?: string;
}

/**
 * Reuses `dir` when its manifest matches `wanted` exactly; otherwise builds it into a temp
 * directory and renames it into place (a half-built index is never visible). `build` returns stats.
 */
export async function reuseOrBuild(
  dir: string,
  wanted: IndexIdentity,
  build: (tmpDir: string) => Promise<Record<string, unknown> | void>,
): Promise<IndexResult> {
  const full = { ...wanted, formatVersion: INDEX_FORMAT_VERSION };
  const existing = readManifest(dir);
  if (existing && identity(existing) === identity(full)) return { dir, reused: true, manifest: existing };
  const reason = existing ? 'inputs changed (config, corpus or library versions)' : 'no index yet';
  let manifest!: IndexManifest;
  await buildDirAtomic(dir, async (tmp) => {
    const stats = (await build(tmp)) ?? undefined;
    // An index of nothing would answer every query with an empty ranking: a mistake, not a result.
    if (stats?.documents === 0) throw new MedirError('BAD_INPUT', `${wanted.corpus.source}: the corpus has no documents`);
    manifest = { ...full, medirVersion: MEDIR_VERSION, createdAt: new Date().toISOString(), ...(stats ? { stats } : {}) };
    writeFileAtomic(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  });
  return { dir, reused: false, manifest, reason };
}
