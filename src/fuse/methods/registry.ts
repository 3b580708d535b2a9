import { lookup } from '../../core/registry.js';
import combmnz from './combmnz.js';
import combsum from './combsum.js';
import type { FusionMethod } from './method.js';
import rrf from './rrf.js';
import rrfMedrag from './rrf-medrag.js';
import weighted from './weighted.js';

/** Every fusion method, by the name `--method` takes. Adding one = its file + one line here. */
export const FUSION_METHODS = {
  rrf,
  'rrf-medrag': rrfMedrag,
  combsum,
  combmnz,
  weighted,
} as const satisfies Record<string, FusionMethod>;

export function fusionMethod(name: string): FusionMethod {
  return lookup(FUSION_METHODS, 'fusion method', name);
}
