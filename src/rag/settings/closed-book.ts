import type { SettingDefinition } from './setting.js';

export const closedBook: SettingDefinition = {
  name: 'closed-book',
  description: 'no context: the question and options only',
  passages: 'none',
  allows: () => false,
};
