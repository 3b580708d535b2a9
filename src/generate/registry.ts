import type { GeneratorDefinition } from './generator.js';
import { irSolver } from './ir-solver.js';
import { majority } from './majority.js';
import { onnx } from './onnx.js';
import { openaiCompatible } from './openai-compatible.js';
import { random } from './random.js';

/** Every generator and baseline reader, by name. Adding one = its file + one line here. */
export const GENERATORS = {
  'openai-compatible': openaiCompatible,
  onnx,
  'ir-solver': irSolver,
  majority,
  random,
} as const satisfies Record<string, GeneratorDefinition>;
