import type { PromptDefinition } from './prompt.js';
import { fill, promptValues, template } from './template.js';

const VERSION = 'longhealth/v1';
const user = () => template(`${VERSION}/user.txt`);

export const longhealth: PromptDefinition = {
  name: 'longhealth',
  description: 'LongHealth: documents + question + options with F = "cannot be answered"; reply "The correct answer is X"',
  version: VERSION,
  extractor: 'longhealth',
  templates: () => [user()],
  render: (item, passages) => fill(user(), promptValues(item, passages)),
};
