import { unknownName } from '../core/errors.js';
import { readParams, type ParamSpec, type ParamValues } from '../core/params.js';
import type { Locations } from '../mirror/locations.js';
import type { ChatMessage } from './messages.js';
import { GENERATORS } from './registry.js';

export type { ChatMessage } from './messages.js';

export interface GenerateOptions {
  maxTokens?: number;
  temperature?: number;
  stop?: string[];
  seed?: number;
}

/** A reply with, where the endpoint returns them, the log-probabilities of its first token's likeliest alternatives. */
export interface ScoredReply {
  text: string;
  /** token → natural-log probability, for the first generated token's top alternatives; absent when the server sends none. */
  firstTokenLogprobs?: Record<string, number>;
}

/** Turns a prompt into text. `config` identifies the output (model, sampling); it never holds secrets. */
export interface Generator {
  id: string;
  config: Record<string, unknown>;
  /** How many calls the generator serves at once; callers may keep that many in flight. */
  concurrency?: number;
  /** Counts a prompt's tokens with the model's own tokenizer, where the generator has one. */
  countTokens?(text: string): number;
  /** Facts worth reporting (truncated prompts, cache hits…), not part of identity. */
  stats?(): Record<string, number>;
  generate(prompt: string | ChatMessage[], opts?: GenerateOptions): Promise<string>;
  /** `generate` asking for the first token's top `topLogprobs` alternatives, where the generator can ask. */
  generateWithLogprobs?(prompt: string | ChatMessage[], opts: GenerateOptions & { topLogprobs: number }): Promise<ScoredReply>;
}

/** A text generator plug-in: an LLM behind an API or in process. */
export interface TextGeneratorDefinition {
  kind: 'text';
  name: string;
  description: string;
  params: readonly ParamSpec[];
  create(params: ParamValues, loc: Locations): Promise<Generator>;
}

export type GeneratorDefinition = TextGeneratorDefinition;

export function generatorDefinition(name: string): GeneratorDefinition {
  const def = (GENERATORS as Record<string, GeneratorDefinition>)[name];
  if (!def) throw unknownName('generator', name, Object.keys(GENERATORS), 'readers that answer without a model are in `medir rag --generator`');
  return def;
}

/** A text generator by registry name, its params validated against its specs (errors name the flag). */
export async function createGenerator(name: string, params: Record<string, unknown>, loc: Locations): Promise<Generator> {
  const def = generatorDefinition(name);
  return def.create(readParams(def.params, params), loc);
}
