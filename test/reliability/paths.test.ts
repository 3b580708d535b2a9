import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathComponent } from '../../src/core/paths.js';
import { loadDataset } from '../../src/data/datasets.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { loadQaSet } from '../../src/rag/load.js';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { medirErrorOf } from '../helpers/errors.js';

describe('names that become path components', () => {
  it('plain names pass; separators, dot names, NUL and leading dots or dashes do not', () => {
    for (const ok of ['test', 'dev', 'en', 'corpus.es.jsonl', 'pubmedqa-pqal', 'train_2']) expect(pathComponent(ok, '--split')).toBe(ok);
    for (const bad of ['', '.', '..', '../x', 'a/b', 'a\\b', 'x\0', '.hidden', '-rf']) expect(() => pathComponent(bad, '--split')).toThrow(/--split .*: not a plain name/);
  });

  it('a --split or --corpus-file that climbs out of the dataset is refused before any file is read', async () => {
    const loc = resolveLocations();
    expect((await medirErrorOf(() => loadDataset('nfcorpus', { split: '../../../../x/evil' }, loc))).message).toMatch(/^--split "\.\.\/\.\.\/\.\.\/\.\.\/x\/evil": not a plain name/);
    expect((await medirErrorOf(() => loadDataset('nfcorpus', { split: 'test', corpusFile: '../scifact/corpus.jsonl' }, loc))).message).toMatch(/^corpus file "\.\.\/scifact\/corpus\.jsonl": not a plain name/);
    expect((await medirErrorOf(() => loadQaSet('casimedicos-mcq', { split: '../../x' }, loc))).message).toMatch(/^--split/);
    expect((await medirErrorOf(() => loadQaSet('casimedicos-mcq', { split: 'test', langs: ['en/../../x'] }, loc))).message).toMatch(/^--lang/);
  });

  it('`medir rag --split ../../…` exits non-zero naming the option and writes nothing under --out', () => {
    const out = join(tempDir(), 'out');
    const r = medir(['rag', '--dataset', 'pubmedqa-pqal', '--split', '../../../../x/evil', '--generator', 'majority', '--out', out]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--split "\.\.\/\.\.\/\.\.\/\.\.\/x\/evil": not a plain name/);
  });
});
