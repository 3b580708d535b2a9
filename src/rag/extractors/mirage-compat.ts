import type { ExtractorDefinition } from './extractor.js';
import { answerChoiceTail, locateAnswer } from './locate-answer.js';

export const mirageCompat: ExtractorDefinition = {
  name: 'mirage-compat',
  description: 'MIRAGE/MedRAG exactly: JSON answer_choice + locate_answer cascade; an unparsable reply silently becomes "A" (counted as unparsed)',
  extract(reply) {
    const choice = locateAnswer(answerChoiceTail(reply));
    return choice ? { choice, parsed: true } : { choice: 'A', parsed: false };
  },
};
