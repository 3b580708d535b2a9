import { unknownName } from './errors.js';

/** A registry entry by name, or "unknown <kind> 'x'; valid: a, b, c" built from the registry's keys. */
export function lookup<T>(registry: Readonly<Record<string, T>>, kind: string, name: string, hint?: string): T {
  const entry = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (entry === undefined) throw unknownName(kind, name, Object.keys(registry), hint);
  return entry;
}
