import type { PromptDefinition } from './prompt.js';
import { fill, promptValues, template } from './template.js';

const VERSION = 'generic/v1';
const user = () => template(`${VERSION}/user.txt`);

export const generic: PromptDefinition = {
  name: 'generic',
  description: 'a short completion-style prompt asking for the option key only (suits small or base models)',
  version: VERSION,
  extractor: 'generic',
  templates: () => [user()],
  render: (item, passages) => fill(user(), promptValues(item, passages)),
};
