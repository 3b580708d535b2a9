import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locations } from '../../src/mirror/locations.js';
import { resolveArtifact } from '../../src/mirror/resolve.js';
import { retrieve } from '../../src/pipeline/retrieve.js';
import { jsonlCorpus } from '../../src/formats/beir.js';
import type { Dataset } from '../../src/data/datasets.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { medirErrorOf } from '../helpers/errors.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const CORPUS = '{"_id":"d1","text":"fish oil lowers triglycerides"}\n';

function setup() {
  const root = tempDir();
  const mirror = join(root, 'mirror');
  writeTree(mirror, { 'data/toy/corpus.jsonl': CORPUS });
  const loc: Locations = { mirrors: [mirror], cache: join(root, 'cache'), indexes: join(root, 'indexes'), offline: true };
  const card = (sha: string) => ({ name: 'toy', source: 'test', files: [{ path: 'corpus.jsonl', bytes: CORPUS.length, sha256: sha }] });
  return { file: join(mirror, 'data/toy/corpus.jsonl'), loc, card, mirror };
}

describe('mirror integrity: sha256 against the card', () => {
  it('a word changed at the same size fails with both hashes, though the size matches', async () => {
    const { file, loc, card } = setup();
    expect(await resolveArtifact('data', card(sha256(CORPUS)), loc)).toBe(join(loc.mirrors[0], 'data/toy'));
    const changed = CORPUS.replace('lowers', 'raises');
    expect(changed.length).toBe(CORPUS.length);
    writeFileSync(file, changed);
    const later = statSync(file).mtimeMs / 1000 + 5;
    utimesSync(file, later, later);
    const err = await medirErrorOf(() => resolveArtifact('data', card(sha256(CORPUS)), loc));
    expect(err.code).toBe('CHECKSUM');
    expect(err.message).toBe(`${file}: sha256 ${sha256(changed)} does not match ${sha256(CORPUS)} in the card of dataset 'toy'`);
  });

  it('the verdict is kept under the cache, so a read-only mirror is hashed once per size and mtime', async () => {
    const { file, loc, card, mirror } = setup();
    chmodSync(join(mirror, 'data/toy'), 0o555);
    try {
      await resolveArtifact('data', card(sha256(CORPUS)), loc);
      const records = readdirSync(join(loc.cache, 'hashes'));
      expect(records).toHaveLength(1);
      expect(JSON.parse(readFileSync(join(loc.cache, 'hashes', records[0]), 'utf8'))).toMatchObject({ path: file, sha256: sha256(CORPUS) });
    } finally {
      chmodSync(join(mirror, 'data/toy'), 0o755);
    }
  });

  it('a zeroed or malformed sha256 in a card is an error, not a file left unchecked', async () => {
    const { loc, card } = setup();
    for (const bad of ['0'.repeat(64), 'abc', sha256(CORPUS).toUpperCase()]) {
      const err = await medirErrorOf(() => resolveArtifact('data', card(bad), loc));
      expect(err.message).toBe(`dataset card 'toy': corpus.jsonl has an invalid sha256 '${bad}' (expected 64 lowercase hex digits, not all zeros)`);
    }
  });
});

describe('run manifests', () => {
  it('record the sha256 of the corpus the run was retrieved from', async () => {
    const { file, loc } = setup();
    const queries = [{ id: 'q1', text: 'fish oil', meta: {} }];
    const dataset = { name: 'toy', dir: join(file, '..'), split: 'test', layout: 'beir', corpus: jsonlCorpus('toy', file), queries: { name: 'toy', queries }, qrels: new Map() } as unknown as Dataset;
    const { manifest } = await retrieve({ retriever: 'bm25' }, { dataset, loc, topK: 10 });
    expect(manifest.dataset.corpusSha256).toBe(sha256(CORPUS));
  });
});
