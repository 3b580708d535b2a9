import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { datasetCard, modelCard } from '../../src/mirror/cards.js';
import { mirrorSearchPath, PACKAGE_ROOT, resolveLocations, type Locations } from '../../src/mirror/locations.js';
import { resolveArtifact } from '../../src/mirror/resolve.js';
import { loadDataset } from '../../src/data/datasets.js';
import { MedirError } from '../../src/core/errors.js';
import { tempDir } from '../helpers/tmp.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('mirror search path', () => {
  it('finds ../shared beside the repository with nothing set', () => {
    const saved = process.env.MEDIR_MIRROR;
    delete process.env.MEDIR_MIRROR;
    try {
      expect(mirrorSearchPath()).toContain(join(PACKAGE_ROOT, '..', 'shared'));
    } finally {
      if (saved !== undefined) process.env.MEDIR_MIRROR = saved;
    }
  });

  it('prefers --mirror over MEDIR_MIRROR and accepts several dirs', () => {
    vi.stubEnv('MEDIR_MIRROR', '/a:/b');
    expect(mirrorSearchPath()).toEqual(['/a', '/b']);
    expect(mirrorSearchPath('/c')).toEqual(['/c']);
    vi.unstubAllEnvs();
  });
});

describe('resolving datasets and models from the mirror', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('never touches the network when the mirror holds the files', async () => {
    const fetchSpy = vi.fn(() => {
      throw new Error('network used');
    });
    vi.stubGlobal('fetch', fetchSpy);
    const loc = resolveLocations();
    const dataset = await loadDataset('scifact', { split: 'test' }, loc);
    expect(dataset.queries.queries.length).toBe(300);
    expect(dataset.qrels.size).toBe(300);
    const model = await resolveArtifact('models', modelCard('glove-sg100-en-static'), loc);
    expect(existsSync(join(model, 'onnx', 'model.onnx'))).toBe(true);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('loads a local BEIR folder and an R2MED folder given by path', async () => {
    const loc = resolveLocations();
    const r2med = await loadDataset(join(loc.mirrors[0], 'data', 'r2med-biology-demo'), {}, loc);
    expect(r2med.layout).toBe('r2med');
    // R2MED's demo judges one of its two queries; only judged queries are kept.
    expect(r2med.queries.queries.map((q) => q.id)).toEqual(['0']);
    expect(r2med.qrels.get('0')!.size).toBe(2);
  });

  it('names the valid datasets for an unknown name', () => {
    expect(() => datasetCard('nfcorpsu')).toThrowError(/unknown dataset 'nfcorpsu'; valid: .*nfcorpus.*scifact/);
  });

  it('says where to put the files when offline and the mirror lacks them', async () => {
    const cache = tempDir();
    const loc: Locations = { mirrors: [], cache, indexes: cache, offline: true };
    const err = await resolveArtifact('data', datasetCard('nfcorpus'), loc).catch((e: MedirError) => e);
    expect(err).toBeInstanceOf(MedirError);
    expect((err as MedirError).code).toBe('OFFLINE');
    expect((err as MedirError).hint).toContain(join(cache, 'data', 'nfcorpus'));
  });
});

describe('downloading into the cache', () => {
  let server: Server;
  let base: string;
  const served: Record<string, string> = { '/a.txt': 'alpha\n', '/b.txt': 'beta\n' };
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url!);
      const body = served[req.url!];
      if (body === undefined) {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.setHeader('content-length', Buffer.byteLength(body));
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads, checks sha256, and serves the cached copy afterwards', async () => {
    const cache = tempDir();
    const loc: Locations = { mirrors: [], cache, indexes: cache, offline: false };
    const card = { name: 'toy', source: 'test', files: [{ path: 'x/a.txt', sha256: sha256('alpha\n'), url: `${base}/a.txt` }] };
    const dir = await resolveArtifact('data', card, loc);
    expect(readFileSync(join(dir, 'x', 'a.txt'), 'utf8')).toBe('alpha\n');
    const before = hits.length;
    expect(await resolveArtifact('data', card, { ...loc, offline: true })).toBe(dir);
    expect(hits.length).toBe(before);
  });

  it('rejects a download whose checksum differs and leaves nothing behind', async () => {
    const cache = tempDir();
    const loc: Locations = { mirrors: [], cache, indexes: cache, offline: false };
    const card = { name: 'toy', source: 'test', files: [{ path: 'a.txt', sha256: sha256('something else'), url: `${base}/a.txt` }] };
    const err = await resolveArtifact('data', card, loc).catch((e: MedirError) => e);
    expect((err as MedirError).code).toBe('CHECKSUM');
    expect(existsSync(join(cache, 'data', 'toy', 'a.txt'))).toBe(false);
  });

  it('pins the checksum of a file that has none on first download', async () => {
    const cache = tempDir();
    const loc: Locations = { mirrors: [], cache, indexes: cache, offline: false };
    const card = { name: 'hub', source: 'test', files: [{ path: 'b.txt', url: `${base}/b.txt` }] };
    await resolveArtifact('models', card, loc);
    const pins = JSON.parse(readFileSync(join(cache, 'models', 'hub', '.pins.json'), 'utf8'));
    expect(pins['b.txt']).toBe(sha256('beta\n'));
  });

  it('reports an HTTP error with the URL', async () => {
    const cache = tempDir();
    const loc: Locations = { mirrors: [], cache, indexes: cache, offline: false };
    const card = { name: 'gone', source: 'test', files: [{ path: 'z.txt', url: `${base}/missing.txt` }] };
    await expect(resolveArtifact('data', card, loc)).rejects.toThrow(/missing\.txt: HTTP 404/);
  });
});

describe('cards', () => {
  it('every dataset card lists files that exist in the mirror with the pinned size', () => {
    const loc = resolveLocations();
    for (const name of ['nfcorpus', 'scifact', 'mirage', 'mtsamples']) {
      const card = datasetCard(name);
      for (const f of card.files) {
        const content = readFileSync(join(loc.mirrors[0], 'data', name, f.path));
        expect(content.length, `${name}/${f.path}`).toBe(f.bytes);
      }
    }
  });

  it('a small mirror file matches its pinned sha256', () => {
    const loc = resolveLocations();
    const card = datasetCard('r2med-biology-demo');
    for (const f of card.files) {
      const content = readFileSync(join(loc.mirrors[0], 'data', card.name, f.path));
      expect(createHash('sha256').update(content).digest('hex')).toBe(f.sha256);
    }
  });
});
