import { lookup } from '../../core/registry.js';
import type { ExtractorDefinition } from './extractor.js';
import { generic } from './generic.js';
import { longhealth } from './longhealth.js';
import { medexpqa } from './medexpqa.js';
import { mirageCompat } from './mirage-compat.js';
import { strict } from './strict.js';

/** Every answer extractor, by name. Adding one = its file + one line here. */
export const EXTRACTORS = {
  'mirage-compat': mirageCompat,
  strict,
  medexpqa,
  longhealth,
  generic,
} as const satisfies Record<string, ExtractorDefinition>;

export type ExtractorName = keyof typeof EXTRACTORS;

export function extractorDefinition(name: string): ExtractorDefinition {
  return lookup(EXTRACTORS, 'extractor', name);
}
