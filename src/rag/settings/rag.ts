import type { SettingDefinition } from './setting.js';

export const rag: SettingDefinition = {
  name: 'rag',
  description: 'the top --passages passages the retriever returns for the question',
  passages: 'retrieved',
  allows: () => true,
};
