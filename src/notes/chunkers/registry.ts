import { lookup } from '../../core/registry.js';
import type { ChunkerDefinition } from './chunker.js';
import sections from './sections.js';
import sentences from './sentences.js';
import whole from './whole.js';
import words from './words.js';

/** Every chunker, by name. Adding one = its file + one line here. */
export const CHUNKERS = {
  words,
  sentences,
  sections,
  whole,
} as const satisfies Record<string, ChunkerDefinition>;

export type ChunkerName = keyof typeof CHUNKERS;

export function chunkerDefinition(name: string): ChunkerDefinition {
  return lookup(CHUNKERS, 'chunker', name);
}
