import type { ParamSpec } from '../core/params.js';

/** Flags that mean the same for every LLM generator, declared once so their help cannot drift apart. */
export const LLM_MODEL: ParamSpec = { key: 'llmModel', type: 'string', help: 'model: the name the server serves (openai-compatible) or a mirror model name / ONNX folder (onnx)' };
export const MAX_TOKENS: ParamSpec = { key: 'maxTokens', type: 'integer', default: 512, help: 'most tokens to generate per reply' };
export const SEED: ParamSpec = { key: 'seed', type: 'integer', help: 'seed: sent to the server (openai-compatible), draws the answer (random)' };
