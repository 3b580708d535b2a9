import type { Verdict } from './judgments.js';

const TOKEN = /\[\[\s*(A|B|C|Tie)\s*\]\]/gi;
const LINE = /^\s*(?:final\s+)?verdict\s*[:：]\s*\**\s*(A|B|C|Tie)\b/gim;

/**
 * The verdict in a judge's reply, by position: the last `[[A]]`, `[[B]]`, `[[C]]`/`[[Tie]]` token
 * (MIRAGE-Bench's and MT-Bench's format; the last, because a judge may quote the options before
 * deciding), else a last `Verdict: X` line; null when there is none (counted as unparsable).
 */
export function parseVerdict(reply: string): Verdict | null {
  const found = [...reply.matchAll(TOKEN)].at(-1) ?? [...reply.matchAll(LINE)].at(-1);
  if (!found) return null;
  const v = found[1].toUpperCase();
  return v === 'A' ? 'A' : v === 'B' ? 'B' : 'Tie';
}

/** A positional verdict seen from the other side (the answers swapped places). */
export function swapVerdict(v: Verdict): Verdict {
  return v === 'A' ? 'B' : v === 'B' ? 'A' : 'Tie';
}
