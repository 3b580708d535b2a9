import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../src/embed/embedder.js';
import { mirrorSearchPath, resolveLocations } from '../../src/mirror/locations.js';
import { tempDir } from '../helpers/tmp.js';
import { medirErrorOf } from '../helpers/errors.js';

/** A copy of the mirror's tiny BERT, broken by `breakIt`. */
function brokenModel(breakIt: (dir: string) => void): string {
  const dir = join(tempDir(), 'model');
  cpSync(join(mirrorSearchPath()[0], 'models', 'tiny-random-bert-embed'), dir, { recursive: true });
  breakIt(dir);
  return dir;
}

const editConfig = (dir: string, edit: (c: Record<string, unknown>) => void) => {
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  edit(config);
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
};

describe('a model that fails to load is a MedirError naming its folder and what was wrong', () => {
  it('config.json asks for external data that is not there (an uncaught rejection inside transformers.js)', async () => {
    const dir = brokenModel((d) => editConfig(d, (c) => (c['transformers.js_config'] = { use_external_data_format: true })));
    const err = await medirErrorOf(() => loadEmbedder(dir, resolveLocations()));
    expect(err.code).toBe('MODEL');
    expect(err.message).toMatch(new RegExp(`^${dir}: cannot load model 'model' \\(.*${join(dir, 'onnx', 'model.onnx_data')}`));
  });

  it('a config.json that is not JSON, and a missing tokenizer', async () => {
    const garbled = brokenModel((d) => writeFileSync(join(d, 'config.json'), '{"model_type": "bert",'));
    expect((await medirErrorOf(() => loadEmbedder(garbled, resolveLocations()))).message).toMatch(new RegExp(`^${garbled}`));
    const untokenized = brokenModel((d) => rmSync(join(d, 'tokenizer.json')));
    expect((await medirErrorOf(() => loadEmbedder(untokenized, resolveLocations()))).message).toMatch(new RegExp(`^${untokenized}: cannot load model`));
  });
});
