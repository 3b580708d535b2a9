import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Qrels } from '../../src/core/types.js';
import { Evaluator } from '../../src/evaluate/evaluator.js';
import { evaluateRunBytes } from '../../src/evaluate/run-file.js';
import { tempDir } from '../helpers/tmp.js';

/** `content` as a run file in a fresh folder. */
export function write(content: string | Buffer): string {
  const path = join(tempDir('medir-run-growth-'), 'x.run');
  writeFileSync(path, content);
  return path;
}

export async function read(path: string, qrels: Qrels, measures: string, holdLines?: number) {
  const evaluator = new Evaluator(qrels, measures);
  const outcome = await evaluateRunBytes(path, evaluator, undefined, holdLines);
  return { outcome, result: evaluator.finish(outcome.tag) };
}

