import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../provenance/provenance.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { Locations } from '../mirror/locations.js';
import { createGenerator, type Generator } from './generator.js';
import type { ChatMessage } from './messages.js';

export function generationCacheDir(loc: Locations): string {
  return join(loc.cache, 'generations');
}

/**
 * Every reply kept on disk by (generator id, config, options, prompt), one file per reply written
 * atomically as soon as it arrives: a rerun makes no calls and a killed batch resumes where it stopped.
 * Identical prompts in flight at once share one call.
 */
export function cachedGenerator(inner: Generator, dir: string): Generator {
  const inFlight = new Map<string, Promise<unknown>>();
  let hits = 0;
  let calls = 0;
  /** One reply by its key: from disk, from a call already in flight, or from a new call written to disk. */
  const cached = <T>(keyed: Record<string, unknown>, prompt: string | ChatMessage[], call: () => Promise<T>): Promise<T> => {
    const promptSha256 = createHash('sha256').update(canonicalJson(prompt)).digest('hex');
    const key = createHash('sha256').update(canonicalJson({ id: inner.id, config: inner.config, ...keyed, promptSha256 })).digest('hex');
    const file = join(dir, inner.id, key.slice(0, 2), `${key}.json`);
    if (existsSync(file)) {
      hits++;
      return Promise.resolve((JSON.parse(readFileSync(file, 'utf8')) as { reply: T }).reply);
    }
    let pending = inFlight.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = (async () => {
        calls++;
        const reply = await call();
        writeFileAtomic(file, JSON.stringify({ id: inner.id, config: inner.config, ...keyed, promptSha256, reply }) + '\n');
        return reply;
      })().finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };
  const withLogprobs = inner.generateWithLogprobs?.bind(inner);
  return {
    ...inner,
    stats: () => ({ ...inner.stats?.(), cacheHits: hits, calls }),
    generate: (prompt, opts = {}) => cached({ opts }, prompt, () => inner.generate(prompt, opts)),
    // Kept apart from plain replies (`logprobs` in the key): a reply cached without logprobs never answers a request for them.
    ...(withLogprobs ? { generateWithLogprobs: (prompt, opts) => cached({ opts, logprobs: true }, prompt, () => withLogprobs(prompt, opts)) } : {}),
  };
}

/** `createGenerator` behind the disk cache under `<cache>/generations/`: what other stages should call. */
export async function createCachedGenerator(name: string, params: Record<string, unknown>, loc: Locations): Promise<Generator> {
  return cachedGenerator(await createGenerator(name, params, loc), generationCacheDir(loc));
}
