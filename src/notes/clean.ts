import { pythonStripWidths } from './python-text.js';

/** Text after cleaning, and for each of its characters the offset of the character it came from. */
export interface CleanText {
  text: string;
  origin: Int32Array;
}

/** Maps a [start, end) span of cleaned text back to the original note's offsets. */
export function originalSpan(clean: CleanText, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start: clean.origin[start] ?? 0, end: clean.origin[start] ?? 0 };
  return { start: clean.origin[start], end: clean.origin[end - 1] + 1 };
}

/** No cleaning: the identity map, so every chunker reports offsets the same way. */
export function uncleaned(text: string): CleanText {
  return { text, origin: Int32Array.from({ length: text.length }, (_, i) => i) };
}

// Python's `.` stops at '\n' only (JavaScript's also at '\r', '\u2028', '\u2029'): spelled out to match.
const DEID_TAG = /\[[^\n]*?\]/g;

/**
 * CliniQ's `clean_text`, step for step: bracketed spans on one line removed (MIMIC's `[** … **]`
 * de-identification tags), '\n' → ' ', runs of ' ' collapsed to one, then Python's `strip()`.
 * Tabs and '\r' are left alone, as there. Keeps where each character came from.
 */
export function cliniqClean(raw: string): CleanText {
  const keep = new Uint8Array(raw.length).fill(1);
  for (const m of raw.matchAll(DEID_TAG)) keep.fill(0, m.index, m.index + m[0].length);
  const chars: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (!keep[i]) continue;
    const c = raw[i] === '\n' ? ' ' : raw[i];
    if (c === ' ' && chars[chars.length - 1] === ' ') continue;
    chars.push(c);
    origin.push(i);
  }
  const joined = chars.join('');
  const { left, right } = pythonStripWidths(joined);
  const end = joined.length - right;
  return { text: joined.slice(left, end), origin: Int32Array.from(origin.slice(left, end)) };
}
