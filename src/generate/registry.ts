import type { TextGeneratorDefinition } from './generator.js';
import { onnx } from './onnx.js';
import { openaiCompatible } from './openai-compatible.js';

/**
 * Every text generator, by name. Adding one = its file + one line here. Readers that answer without
 * a model (IR solver, majority, random) live in rag/readers/, with their own registry.
 */
export const GENERATORS = {
  'openai-compatible': openaiCompatible,
  onnx,
} as const satisfies Record<string, TextGeneratorDefinition>;
