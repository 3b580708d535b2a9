import type { PromptDefinition } from './prompt.js';
import { fill, promptValues, template } from './template.js';

const VERSION = 'medrag/v1';
const system = () => template(`${VERSION}/system.txt`);
const user = () => template(`${VERSION}/user.txt`);

export const medrag: PromptDefinition = {
  name: 'medrag',
  description: 'MIRAGE/MedRAG: system + user messages, chain of thought, JSON with "answer_choice"',
  version: VERSION,
  extractor: 'strict',
  templates: () => [system(), user()],
  render(item, passages) {
    const values = promptValues(item, passages);
    return [
      { role: 'system', content: fill(system(), values) },
      { role: 'user', content: fill(user(), values) },
    ];
  },
};
