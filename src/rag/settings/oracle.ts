import type { SettingDefinition } from './setting.js';

export const oracle: SettingDefinition = {
  name: 'oracle',
  description: "the question's gold context from the data (its own abstract, the doctors' explanation): an upper bound",
  passages: 'oracle',
  allows: (item, id) => item.oracle.some((p) => p.id === id),
};
