import type { SettingDefinition } from './setting.js';

export const distractors: SettingDefinition = {
  name: 'distractors',
  description: 'the top retrieved passages with every gold passage removed: how much a near miss misleads',
  passages: 'retrieved',
  allows: (item, id) => !item.gold.includes(id),
};
