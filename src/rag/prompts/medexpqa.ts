import { MEDEXPQA_CUES } from '../extractors/medexpqa.js';
import type { PromptDefinition } from './prompt.js';
import { fill, promptValues, template } from './template.js';

const VERSION = 'medexpqa/v1';
const LANGS = Object.keys(MEDEXPQA_CUES);
const forLang = (lang: string) => template(`${VERSION}/${LANGS.includes(lang) ? lang : 'en'}.txt`);

export const medexpqa: PromptDefinition = {
  name: 'medexpqa',
  description: 'MedExpQA: the instruction in the question\'s language (en/es/fr/it), ending with its "correct answer" cue',
  version: VERSION,
  extractor: 'medexpqa',
  templates: () => LANGS.map(forLang),
  render: (item, passages) => fill(forLang(item.lang), promptValues(item, passages)),
};
