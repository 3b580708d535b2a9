import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { inputError, MedirError } from '../core/errors.js';
import type { ChatMessage } from '../generate/messages.js';
import { PACKAGE_ROOT } from '../mirror/locations.js';

/** Where the shipped prompt files live; `--prompt FILE` points elsewhere. */
export const PROMPT_DIR = join(PACKAGE_ROOT, 'prompts', 'rewrite');

/**
 * A prompt file: `### system` and `### user` sections, `{{name}}` slots filled per query. Its
 * sha256 identifies it in run manifests and cache keys, so an edited prompt never reuses old text.
 */
export interface PromptTemplate {
  /** File name (`hyde.v1.txt`): name and version. */
  name: string;
  file: string;
  sha256: string;
  system?: string;
  user: string;
  /** The slots the user section uses. */
  slots: string[];
}

const SECTION = /^### (system|user)\s*$/;
const SLOT = /\{\{(\w+)\}\}/g;

/** Reads a prompt by shipped name (`hyde.v1.txt`) or path; slots it must have are checked. */
export function loadPrompt(nameOrPath: string, required: readonly string[] = []): PromptTemplate {
  const file = isAbsolute(nameOrPath) || nameOrPath.includes('/') ? resolve(nameOrPath) : join(PROMPT_DIR, nameOrPath);
  if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${file}: no such prompt file`, `shipped prompts are in ${PROMPT_DIR}`);
  const text = readFileSync(file, 'utf8');
  const sections: Record<string, string[]> = {};
  let current: string | undefined;
  text.split('\n').forEach((line, i) => {
    const header = SECTION.exec(line);
    if (header) {
      current = header[1];
      if (sections[current]) throw inputError(file, i + 1, `second '### ${current}' section`);
      sections[current] = [];
    } else if (current) {
      sections[current].push(line);
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      throw inputError(file, i + 1, "text before the first '### system' or '### user' section");
    }
  });
  if (!sections.user) throw inputError(file, 1, "no '### user' section");
  const user = sections.user.join('\n').trim();
  const slots = [...new Set([...user.matchAll(SLOT)].map((m) => m[1]))];
  const missing = required.filter((s) => !slots.includes(s));
  if (missing.length) throw inputError(file, 1, `the user section lacks the slot(s) ${missing.map((s) => `{{${s}}}`).join(', ')}`);
  return {
    name: basename(file),
    file,
    sha256: createHash('sha256').update(text).digest('hex'),
    ...(sections.system ? { system: sections.system.join('\n').trim() } : {}),
    user,
    slots,
  };
}

/** The chat messages for one query; every slot must be given. */
export function fillPrompt(prompt: PromptTemplate, values: Record<string, string>): ChatMessage[] {
  const user = prompt.user.replace(SLOT, (_, slot: string) => {
    const value = values[slot];
    if (value === undefined) throw new MedirError('BAD_INPUT', `${prompt.file}: no value for slot {{${slot}}}`);
    return value;
  });
  return [...(prompt.system ? [{ role: 'system' as const, content: prompt.system }] : []), { role: 'user', content: user }];
}

/** What a manifest records about a prompt. */
export function promptIdentity(prompt: PromptTemplate): { name: string; sha256: string } {
  return { name: prompt.name, sha256: prompt.sha256 };
}
