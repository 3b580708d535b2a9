import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { MedirError } from '../core/errors.js';
import type { ChatMessage } from '../generate/messages.js';
import { fill, PROMPTS_DIR, template, type Template } from '../rag/prompts/template.js';

/**
 * A versioned prompt folder in the house layout (`prompts/rewrite/hyde/v1/`): `user.txt` and an
 * optional `system.txt`, `{{slot}}` placeholders. The files' sha256 go into run manifests, and
 * the filled prompt is the generator cache's key, so an edited prompt never reuses old replies.
 */
export interface RewritePrompt {
  /** The folder relative to prompts/ (`rewrite/hyde/v1`), or an absolute path for a user's own. */
  version: string;
  system?: Template;
  user: Template;
}

/** Reads a prompt folder by version (`rewrite/hyde/v1`) or path, checking the slots it must use. */
export function loadPrompt(versionOrPath: string, required: readonly string[] = []): RewritePrompt {
  const dir = isAbsolute(versionOrPath) || versionOrPath.startsWith('.') ? resolve(versionOrPath) : join(PROMPTS_DIR, versionOrPath);
  const userFile = join(dir, 'user.txt');
  if (!existsSync(userFile)) throw new MedirError('MISSING_FILE', `${userFile}: no such prompt file`, `a prompt is a folder with user.txt (and optionally system.txt), like ${join(PROMPTS_DIR, 'rewrite', 'hyde', 'v1')}`);
  const rel = relative(PROMPTS_DIR, dir);
  const user = template(join(rel, 'user.txt'));
  const missing = required.filter((slot) => !user.text.includes(`{{${slot}}}`));
  if (missing.length) throw new MedirError('BAD_INPUT', `${userFile}: the prompt lacks ${missing.map((s) => `{{${s}}}`).join(', ')}`);
  return {
    version: rel.startsWith('..') ? dir : rel,
    ...(existsSync(join(dir, 'system.txt')) ? { system: template(join(rel, 'system.txt')) } : {}),
    user,
  };
}

/** The chat messages for one input. */
export function fillPrompt(prompt: RewritePrompt, values: Record<string, string>): ChatMessage[] {
  return [...(prompt.system ? [{ role: 'system' as const, content: fill(prompt.system, values) }] : []), { role: 'user', content: fill(prompt.user, values) }];
}

/** What a manifest records about a prompt: its version and each file's sha256. */
export function promptIdentity(prompt: RewritePrompt): Record<string, string> {
  return { version: prompt.version, user: prompt.user.sha256, ...(prompt.system ? { system: prompt.system.sha256 } : {}) };
}
