import type { PromptDefinition } from './prompt.js';
import { fill, promptValues, template } from './template.js';

const VERSION = 'cited/v1';
const user = () => template(`${VERSION}/user.txt`);

/** Free-text answers citing the passages as `[i]`: the answers an arena judges (and option questions still end with "Answer: X"). */
export const cited: PromptDefinition = {
  name: 'cited',
  description: 'a free-text answer in the question\'s language, citing passages as [i]; rows keep the passages shown and the cited ids',
  version: VERSION,
  extractor: 'generic',
  citations: true,
  templates: () => [user()],
  render: (item, passages) => fill(user(), promptValues(item, passages)),
};
