import { unknownName } from '../../core/errors.js';
import type { TextGeneratorDefinition } from '../../generate/generator.js';
import { GENERATORS } from '../../generate/registry.js';
import { irSolver } from './ir-solver.js';
import { majority } from './majority.js';
import { random } from './random.js';
import type { ReaderDefinition } from './reader.js';

/** Readers that answer multiple-choice items without a language model, by name. Adding one = its file + one line here. */
export const READERS = {
  'ir-solver': irSolver,
  majority,
  random,
} as const satisfies Record<string, ReaderDefinition>;

/** Who answers in `medir rag`: a text generator (through a prompt) or a reader. */
export type AnswererDefinition = TextGeneratorDefinition | ReaderDefinition;

/** Every answerer `medir rag --generator` takes: the generators, then the readers. */
export const ANSWERERS: Readonly<Record<string, AnswererDefinition>> = { ...GENERATORS, ...READERS };

export function answererDefinition(name: string): AnswererDefinition {
  const def = ANSWERERS[name];
  if (!def) throw unknownName('generator', name, Object.keys(ANSWERERS));
  return def;
}
