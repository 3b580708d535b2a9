import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MedirError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../../mirror/locations.js';
import type { Passage, QaItem } from '../item.js';

export const PROMPTS_DIR = join(PACKAGE_ROOT, 'prompts');

/** A template file under prompts/, read once, with the sha256 that goes into manifests. */
export interface Template {
  path: string;
  text: string;
  sha256: string;
}

const templates = new Map<string, Template>();

export function template(path: string): Template {
  let t = templates.get(path);
  if (!t) {
    const text = readFileSync(join(PROMPTS_DIR, path), 'utf8');
    t = { path, text, sha256: createHash('sha256').update(text).digest('hex') };
    templates.set(path, t);
  }
  return t;
}

/**
 * Fills `{{name}}` placeholders; `{{#name}}…{{/name}}` keeps its text only when `name` is non-empty.
 * A placeholder without a value is an error naming the file: a typo must not reach a model silently.
 */
export function fill(t: Template, values: Record<string, string>): string {
  const sections = t.text.replace(/\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g, (_, name: string, body: string) => (values[name] ? body : ''));
  const out = sections.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new MedirError('BAD_INPUT', `${join(PROMPTS_DIR, t.path)}: unknown placeholder {{${name}}}`);
    return values[name];
  });
  return out.replace(/\n$/, '');
}

/** Passages numbered from 1 as `Document [i] (Title: …) text`, the numbers citations refer to. */
export function contextText(passages: readonly Passage[]): string {
  return passages.map((p, i) => `Document [${i + 1}]${p.title ? ` (Title: ${p.title})` : ''} ${p.text}`).join('\n');
}

/** The values every template may use: question, options as `KEY. text` lines, numbered passages. */
export function promptValues(item: QaItem, passages: readonly Passage[]): Record<string, string> {
  return {
    question: item.question,
    options: Object.entries(item.options).map(([k, v]) => `${k}. ${v}`).join('\n'),
    context: contextText(passages),
  };
}
