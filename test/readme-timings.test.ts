import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/mirror/locations.js';

// Every timing the README quotes names what measured it: a bench script, a medir command, a test or .ci/run.
// A table counts as named when the paragraph before it (its caption) does.
const TIMING = /(?<![\w%.-])\d[\d,.]*\s?(?:s|ms|µs|min|h)\b|\d\s?(?:q|docs|pairs|documents)\/s\b|CPU[- ]s\b|queries\/s|\bQPS\b/;
const SOURCE = /npx tsx bench\/|`(?:npx )?medir \w|\.ci\/run|npx vitest|test\/[\w/.-]+\.test\.ts|bench\/[\w-]+/;

/** The README's prose paragraphs and tables, code blocks left out (they are commands, not figures). */
function unsourcedTimings(text: string): string[] {
  const paragraphs = text.replace(/^```[\s\S]*?^```/gm, '').split(/\n\s*\n/).filter((p) => p.trim());
  return paragraphs.filter((p, i) => TIMING.test(p) && !SOURCE.test(p) && !(i > 0 && SOURCE.test(paragraphs[i - 1])));
}

describe('README timings', () => {
  it('each names the command that produced it', () => {
    expect(unsourcedTimings(readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8'))).toEqual([]);
  });

  it('a timing with no command is caught, one with its bench script is not', () => {
    expect(unsourcedTimings('Indexing takes 12.5 s on NFCorpus.\n')).toHaveLength(1);
    expect(unsourcedTimings('HNSW answers 3,088 q/s.\n')).toHaveLength(1);
    expect(unsourcedTimings('Indexing takes 12.5 s (`npx tsx bench/bm25/run.ts`).\n')).toEqual([]);
    expect(unsourcedTimings('`npx tsx bench/eval/run.ts`:\n\n| case | s |\n|---|---|\n| all | 37.2 s |\n')).toEqual([]);
    // not timings: a stemmer package's name, a printf format
    expect(unsourcedTimings('as bm25s does, with `%-22s`\n')).toEqual([]);
  });
});
