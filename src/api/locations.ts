import { resolve } from 'node:path';
import { resolveLocations, type Locations } from '../mirror/locations.js';

/**
 * Where medir reads data and models and writes what it builds. Every field is optional and
 * defaults to the environment, as the CLI does: `MEDIR_MIRROR` (else `../shared` beside the
 * package or the working directory), `MEDIR_CACHE` (else `~/.cache/medir`), `MEDIR_INDEXES`
 * (else `./indexes`), `MEDIR_OFFLINE=1`. Nothing is kept between calls: pass the same options
 * to each function that needs them.
 */
export interface LocationOptions {
  /** Read-only mirror folders holding `data/<dataset>/` and `models/<model>/`, searched in order. */
  mirror?: string | readonly string[];
  /** Where downloads and embedding caches go. */
  cache?: string;
  /** Where indexes are built (`<indexes>/<dataset>/<component>-<hash>/`). */
  indexes?: string;
  /** True: never download; a dataset or model missing from the mirrors and cache is an error. */
  offline?: boolean;
}

/** The locations these options name, the environment filling what they leave out. */
export function locationsFrom(opts: LocationOptions = {}): Locations {
  const mirror = typeof opts.mirror === 'string' ? opts.mirror : opts.mirror?.join(':');
  const env = resolveLocations({ mirror, offline: opts.offline });
  return {
    mirrors: env.mirrors,
    cache: opts.cache === undefined ? env.cache : resolve(opts.cache),
    indexes: opts.indexes === undefined ? env.indexes : resolve(opts.indexes),
    offline: opts.offline ?? env.offline,
  };
}
