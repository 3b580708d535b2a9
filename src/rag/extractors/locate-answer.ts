/**
 * MIRAGE's `locate_answer` cascade (src/utils.py), rule for rule: the first pattern that matches
 * wins and its first match is the answer; null where MIRAGE would fall back to "A". Python's `$`
 * also matches before one final newline, hence `\n?$`.
 */
const CASCADE: readonly RegExp[] = [
  /^\s*(A|B|C|D)\n?$/,
  /^\s*(A|B|C|D) or/,
  /^\s*(A|B|C|D) and/,
  /^\s*(A|B|C|D)\//,
  /^\s*(A|B|C|D),/,
  /[Oo]ption (A|B|C|D)/,
  /:\s*(A|B|C|D)/,
  /^\s*(A|B|C|D)\./,
  /^\s*(A|B|C|D)"/,
  /^\s*(A|B|C|D):/,
];

export function locateAnswer(sentence: string): string | null {
  for (const pattern of CASCADE) {
    const m = pattern.exec(sentence);
    if (m) return m[1];
  }
  return null;
}

/** MIRAGE reads the text after the last `"answer_choice": "` (the whole reply when absent), stripped. */
export function answerChoiceTail(reply: string): string {
  const parts = reply.split('"answer_choice": "');
  return parts[parts.length - 1].trim();
}
