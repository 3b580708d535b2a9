import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import winkBm25 from 'wink-bm25-text-search';
import { flagName } from '../../../core/params.js';
import { MedirError } from '../../../core/errors.js';
import type { Bm25Engine } from '../engine.js';

const FILE = 'wink.json';
/** wink rounds each stored score to this many decimals (its maximum): 1e-9, far below ranking noise. */
const PRECISION = 9;

/** wink's engine over one field, analyzed by medir's analyzer. */
function createWink(analyze: (text: string) => string[], k1: number, b: number) {
  const engine = winkBm25();
  engine.defineConfig({ fldWeights: { body: 1 }, bm25Params: { k1, b, k: 1 } });
  engine.definePrepTasks([analyze]);
  return engine;
}

/**
 * `wink-bm25-text-search`, the reference engine. It implements one formula: Lucene's idf times
 * (k1 + 1)·tf / (tf + k1·L); scores are divided by (k1 + 1) so they equal the fast engine's Lucene
 * scores. Slow (it sorts every matching document per query): for checking the fast engine.
 */
export const wink: Bm25Engine = {
  libraries: ['wink-bm25-text-search'],
  check({ variant }) {
    if (variant !== 'lucene') throw new MedirError('BAD_OPTION', `${flagName('variant')} ${variant}: the wink engine implements only 'lucene'`, 'use --engine fast for other variants');
  },
  async build(docs, { analyzer, params }, dir) {
    const engine = createWink(analyzer.analyze, params.k1, params.b);
    let documents = 0;
    for await (const doc of docs) {
      engine.addDoc({ body: doc.text }, doc.id);
      documents++;
    }
    if (documents < 3) throw new MedirError('INDEX', `the wink engine needs at least 3 documents, the corpus has ${documents}`, 'use --engine fast');
    engine.consolidate(PRECISION);
    writeFileSync(join(dir, FILE), engine.exportJSON());
    return { documents };
  },
  open(dir, { analyzer, params }) {
    const engine = createWink(analyzer.analyze, params.k1, params.b);
    // Stryker disable next-line StringLiteral: wink parses a Buffer as well as the string
    engine.importJSON(readFileSync(join(dir, FILE), 'utf8'));
    engine.definePrepTasks([analyzer.analyze]);
    const scale = 1 / (params.k1 + 1);
    return {
      search(text, k) {
        return engine.search(text, k).map(([docId, score]) => ({ docId, score: score * scale }));
      },
    };
  },
};
