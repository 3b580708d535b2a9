import { lookup } from '../../core/registry.js';
import { closedBook } from './closed-book.js';
import { distractors } from './distractors.js';
import { oracle } from './oracle.js';
import { rag } from './rag.js';
import type { SettingDefinition } from './setting.js';

/** Every context setting, by name. Adding one = its file + one line here. */
export const SETTINGS = {
  'closed-book': closedBook,
  rag,
  oracle,
  distractors,
} as const satisfies Record<string, SettingDefinition>;

export type SettingName = keyof typeof SETTINGS;

export function settingDefinition(name: string): SettingDefinition {
  return lookup(SETTINGS, 'setting', name);
}
