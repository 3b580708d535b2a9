import { MedirError } from './errors.js';

/**
 * A typed parameter of a plug-in (retriever, vector store, measure…). Registries gather these to
 * build CLI flags, `--help` text and validation, so no hand-written list can go stale.
 */
export interface ParamSpec {
  /** camelCase key; the CLI flag is its kebab-case form (`efSearch` → `--ef-search`). */
  key: string;
  type: 'number' | 'integer' | 'string' | 'boolean';
  default?: number | string | boolean;
  choices?: readonly string[];
  /** Smallest accepted value of a number (`efSearch` ≥ 1). */
  min?: number;
  help: string;
}

export type ParamValues = Record<string, number | string | boolean | undefined>;

export function flagName(key: string): string {
  return '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** Validates raw option values against specs and fills defaults; errors name the flag. */
export function readParams(specs: readonly ParamSpec[], raw: Record<string, unknown>): ParamValues {
  const out: ParamValues = {};
  for (const spec of specs) {
    const value = raw[spec.key];
    if (value === undefined || value === null) {
      out[spec.key] = spec.default;
      continue;
    }
    if (spec.type === 'number' || spec.type === 'integer') {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) {
        throw new MedirError('BAD_OPTION', `${flagName(spec.key)}: expected ${spec.type === 'integer' ? 'an integer' : 'a number'}, got '${String(value)}'`);
      }
      if (spec.min !== undefined && n < spec.min) throw new MedirError('BAD_OPTION', `${flagName(spec.key)}: must be at least ${spec.min}, got ${n}`);
      out[spec.key] = n;
    } else if (spec.type === 'boolean') {
      out[spec.key] = value === true || value === 'true';
    } else {
      const s = String(value);
      if (spec.choices && !spec.choices.includes(s)) {
        throw new MedirError('BAD_OPTION', `${flagName(spec.key)}: unknown value '${s}'; valid: ${spec.choices.join(', ')}`);
      }
      out[spec.key] = s;
    }
  }
  return out;
}
