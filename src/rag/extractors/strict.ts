import type { ExtractorDefinition } from './extractor.js';
import { answerChoiceTail, locateAnswer } from './locate-answer.js';

export const strict: ExtractorDefinition = {
  name: 'strict',
  description: 'the MIRAGE/MedRAG cascade without its default: an unparsable reply is no answer, hence wrong',
  extract(reply) {
    const choice = locateAnswer(answerChoiceTail(reply));
    return { choice, parsed: choice !== null };
  },
};
