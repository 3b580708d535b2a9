import { createHash } from 'node:crypto';

/** A uniform number in [0, 1) from its parts: reproducible per item, whatever the order or subset run. */
export function seededUniform(...parts: readonly (string | number)[]): number {
  return createHash('sha256').update(parts.join('\0')).digest().readUInt32BE(0) / 2 ** 32;
}
