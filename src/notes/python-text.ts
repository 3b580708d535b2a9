/**
 * Python's notion of whitespace (`str.isspace`), which CliniQ's `strip()` and `split()` use. It differs
 * from JavaScript's `\s` (Python counts \x1c–\x1f and \x85, not \ufeff): chunk boundaries, and so
 * CliniQ's chunk ids, depend on it.
 */
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WORD = new RegExp(`[^${PY_SPACE}]+`, 'g');
const LEADING = new RegExp(`^[${PY_SPACE}]+`);
const TRAILING = new RegExp(`[${PY_SPACE}]+$`);

/** `len(s.split())` in Python. */
export function pythonWordCount(s: string): number {
  return s.match(WORD)?.length ?? 0;
}

/** How many characters Python's `s.strip()` removes at each end. */
export function pythonStripWidths(s: string): { left: number; right: number } {
  const left = LEADING.exec(s)?.[0].length ?? 0;
  if (left === s.length) return { left, right: 0 };
  return { left, right: TRAILING.exec(s)?.[0].length ?? 0 };
}

/** The maximal runs of non-whitespace in `s`, with their offsets. */
export function pythonWords(s: string): { text: string; start: number; end: number }[] {
  return [...s.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}
