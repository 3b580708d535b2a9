import { MedirError } from '../../core/errors.js';
import { flagName, type ParamSpec, type ParamValues } from '../../core/params.js';
import type { Span } from '../merge-splits.js';

/** One passage of a note: its text and [start, end) offsets in the original note text. */
export interface Chunk extends Span {
  /** The clinical header the passage falls under (section-aware chunking only). */
  section?: string;
}

/** A way to cut a note into passages. One file per chunker, listed in `registry.ts`. */
export interface ChunkerDefinition {
  name: string;
  description: string;
  params: readonly ParamSpec[];
  chunk(text: string, params: ParamValues): Chunk[];
}

export function defineChunker(def: ChunkerDefinition): ChunkerDefinition {
  return def;
}

export const PASSAGE_WORDS: ParamSpec = { key: 'passageWords', type: 'integer', default: 100, help: 'words per passage (CliniQ: 100)' };
export const PASSAGE_OVERLAP: ParamSpec = { key: 'passageOverlap', type: 'integer', default: 10, help: 'words shared by consecutive passages (CliniQ: 10)' };

/** The window a chunker packs words into, checked once so a bad pair names its flags. */
export function windowOf(params: ParamValues): { size: number; overlap: number } {
  const size = Number(params.passageWords);
  const overlap = Number(params.passageOverlap);
  if (!(size > 0)) throw new MedirError('BAD_OPTION', `${flagName('passageWords')}: expected a positive integer, got ${size}`);
  if (!(overlap >= 0 && overlap < size)) {
    throw new MedirError('BAD_OPTION', `${flagName('passageOverlap')}: expected 0 ≤ overlap < ${flagName('passageWords')} (${size}), got ${overlap}`);
  }
  return { size, overlap };
}
