import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json, corpora/ and models/ live), found from this file. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Locations {
  /** Read-only mirrors in search order: `data/<dataset>/…`, `models/<model>/…`. */
  mirrors: string[];
  /** Where downloads (and later embeddings, translations, generations) are kept. */
  cache: string;
  /** Where indexes are built: `indexes/<dataset>/<component>-<hash>/`. */
  indexes: string;
  /** True when nothing may be downloaded. */
  offline: boolean;
}

export interface LocationOptions {
  mirror?: string;
  offline?: boolean;
}

/**
 * The mirror search path: `--mirror`, else `MEDIR_MIRROR` (several joined with ':'), else the
 * documented defaults — `../shared` beside the repository, then `../shared` beside the working
 * directory — so a fresh clone next to `shared/` finds it with nothing set.
 */
export function mirrorSearchPath(explicit?: string): string[] {
  const given = explicit ?? process.env.MEDIR_MIRROR;
  if (given) return given.split(':').filter(Boolean).map((p) => resolve(p));
  const defaults = [join(PACKAGE_ROOT, '..', 'shared'), resolve('..', 'shared')];
  return [...new Set(defaults)].filter((p) => existsSync(p));
}

export function cacheDir(): string {
  if (process.env.MEDIR_CACHE) return resolve(process.env.MEDIR_CACHE);
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'medir');
}

export function resolveLocations(opts: LocationOptions = {}): Locations {
  return {
    mirrors: mirrorSearchPath(opts.mirror),
    cache: cacheDir(),
    indexes: resolve(process.env.MEDIR_INDEXES ?? 'indexes'),
    offline: Boolean(opts.offline) || process.env.MEDIR_OFFLINE === '1',
  };
}
