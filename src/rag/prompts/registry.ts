import { lookup } from '../../core/registry.js';
import { cited } from './cited.js';
import { generic } from './generic.js';
import { longhealth } from './longhealth.js';
import { medexpqa } from './medexpqa.js';
import { medrag } from './medrag.js';
import type { PromptDefinition } from './prompt.js';

/** Every prompt, by name. Adding one = its file + its template folder under prompts/ + one line here. */
export const PROMPTS = {
  medrag,
  medexpqa,
  longhealth,
  generic,
  cited,
} as const satisfies Record<string, PromptDefinition>;

export type PromptName = keyof typeof PROMPTS;

export function promptDefinition(name: string): PromptDefinition {
  return lookup(PROMPTS, 'prompt', name);
}
