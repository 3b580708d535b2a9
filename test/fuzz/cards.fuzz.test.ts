import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MedirError } from '../../src/core/errors.js';
import { folderProfile } from '../../src/embed/profile.js';
import { resolveArtifact } from '../../src/mirror/resolve.js';
import { outcome, params, scratch } from './fuzz.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('dataset and model cards', () => {
  const root = scratch();
  const CONTENT = 'the file\n';

  it('a card resolves exactly when its paths are plain and its sha256 is the file\'s; otherwise a MedirError naming the card or file', async () => {
    const shaArb = fc.oneof(fc.constant(sha256(CONTENT)), fc.constant('0'.repeat(64)), fc.stringMatching(/^[0-9a-f]{64}$/), fc.string({ maxLength: 70 }));
    const pathArb = fc.oneof(fc.constant('corpus.jsonl'), fc.constant('qrels/test.tsv'), fc.constantFrom('../x', '/abs', 'a//b', '.hidden', 'a/../b'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(shaArb, pathArb, async (sha, path) => {
        const name = `toy${n++}`;
        const mirror = join(root, 'mirror');
        const dir = join(mirror, 'data', name);
        rmSync(dir, { recursive: true, force: true });
        const plain = !path.split('/').some((p) => p === '' || p === '..' || p.startsWith('.'));
        if (plain) {
          mkdirSync(join(dir, path, '..'), { recursive: true });
          writeFileSync(join(dir, path), CONTENT);
        }
        const loc = { mirrors: [mirror], cache: join(root, 'cache'), indexes: join(root, 'indexes'), offline: true };
        const result = await outcome(() => resolveArtifact('data', { name, source: 's', files: [{ path, bytes: CONTENT.length, sha256: sha }] }, loc));
        if (plain && sha === sha256(CONTENT)) {
          expect(result).toEqual({ value: dir });
          return;
        }
        expect('error' in result).toBe(true);
        const error = (result as { error: unknown }).error;
        if (!(error instanceof MedirError)) throw error;
        expect(error.message).toMatch(new RegExp(`card '${name}'|^${join(dir, path)}: sha256`));
      }),
      params(),
    );
  });

  it('a model folder\'s sentence-transformers files: a profile, or a MedirError naming the file', async () => {
    const dir = join(root, 'model');
    mkdirSync(join(dir, '1_Pooling'), { recursive: true });
    const files = ['1_Pooling/config.json', 'sentence_bert_config.json', 'tokenizer_config.json', 'config.json'];
    const contentArb = fc.oneof(fc.string({ maxLength: 40 }), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), fc.record({ max_seq_length: fc.oneof(fc.integer(), fc.double(), fc.string()), pooling_mode_cls_token: fc.oneof(fc.boolean(), fc.string()) }).map((v) => JSON.stringify(v)));
    await fc.assert(
      fc.asyncProperty(fc.tuple(...files.map(() => contentArb)), async (contents) => {
        files.forEach((f, i) => writeFileSync(join(dir, f), contents[i]));
        const result = await outcome(async () => folderProfile(dir));
        if ('value' in result) {
          expect(['mean', 'cls']).toContain(result.value.pooling);
          expect(Number.isInteger(result.value.maxLength) && result.value.maxLength > 0).toBe(true);
          return;
        }
        if (!(result.error instanceof MedirError)) throw result.error;
        expect(files.some((f) => (result.error as Error).message.startsWith(`${join(dir, f)}: `))).toBe(true);
      }),
      params(),
    );
  });
});
