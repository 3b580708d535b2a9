import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { MedirError } from '../core/errors.js';
import { pathComponent } from '../core/paths.js';
import { Progress } from '../core/progress.js';
import { writeFileAtomic, tempPath } from '../io/atomic.js';
import { sha256OfFile } from '../io/file-hash.js';
import type { ArtifactKind, CardFile } from './cards.js';
import type { Locations } from './locations.js';

interface Card {
  name: string;
  source: string;
  homepage?: string;
  files: CardFile[];
}

function hasAll(dir: string, files: CardFile[]): boolean {
  return files.every((f) => {
    const p = join(dir, f.path);
    return existsSync(p) && (f.bytes === undefined || statSync(p).size === f.bytes);
  });
}

/**
 * Finds a dataset or model folder: the first mirror that holds every file of the card (sizes
 * checked, then sha256 on first use), else the cache, downloading what it lacks from the card's public locations (sha256
 * checked) unless offline. Returns the folder; no network is touched when a mirror has the files.
 */
export async function resolveArtifact(kind: ArtifactKind, card: Card, loc: Locations): Promise<string> {
  for (const f of card.files) {
    // A card's paths stay inside the artifact's folder.
    f.path.split('/').forEach((part) => pathComponent(part, `${kind === 'data' ? 'dataset' : 'model'} card '${card.name}': file`));
    cardSha256(kind, card, f);
  }
  for (const mirror of loc.mirrors) {
    const dir = join(mirror, kind, card.name);
    if (hasAll(dir, card.files)) return verified(kind, card, dir, loc);
  }
  const cached = join(loc.cache, kind, card.name);
  const missing = card.files.filter((f) => !hasAll(cached, [f]));
  if (missing.length === 0) return verified(kind, card, cached, loc);
  const where = loc.mirrors.length ? loc.mirrors.map((m) => join(m, kind, card.name)).join(' or ') : '(no mirror found)';
  if (loc.offline) {
    throw new MedirError(
      'OFFLINE',
      `${kind === 'data' ? 'dataset' : 'model'} '${card.name}' is not in the mirror and downloads are off (MEDIR_OFFLINE=1 / --offline); missing: ${missing.map((f) => f.path).join(', ')}`,
      `put the files under ${where}, or under ${cached}, or pass --mirror DIR (source: ${card.source})`,
    );
  }
  const unreachable = missing.filter((f) => !f.url);
  if (unreachable.length) {
    throw new MedirError(
      'MISSING_FILE',
      `${kind === 'data' ? 'dataset' : 'model'} '${card.name}' is not in the mirror (looked in ${where}), and ${unreachable.map((f) => f.path).join(', ')} has no public byte-identical copy to download`,
      `get it from ${card.homepage ?? card.source} and put it under ${cached}, or pass --mirror DIR`,
    );
  }
  for (const file of missing) await download(file, join(cached, file.path), join(cached, '.pins.json'));
  return cached;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The card's sha256 of a file; a malformed or zeroed one is an error (it would pin nothing). */
function cardSha256(kind: ArtifactKind, card: Card, file: CardFile): string | undefined {
  const sha = file.sha256;
  if (sha === undefined) return undefined;
  if (!SHA256.test(sha) || /^0+$/.test(sha)) {
    throw new MedirError('CHECKSUM', `${kind === 'data' ? 'dataset' : 'model'} card '${card.name}': ${file.path} has an invalid sha256 '${sha}' (expected 64 lowercase hex digits, not all zeros)`, 'fix the card in corpora/ or models/');
  }
  return sha;
}

/**
 * Checks every file the card pins against its sha256, so a changed word (same size) is noticed.
 * Hashes are remembered under the cache per (path, size, mtime) — the mirror may be read-only —
 * so a file is read in full on first use and again only when its size or mtime changes.
 */
async function verified(kind: ArtifactKind, card: Card, dir: string, loc: Locations): Promise<string> {
  for (const f of card.files) {
    const expected = cardSha256(kind, card, f);
    if (!expected) continue;
    const file = join(dir, f.path);
    const actual = await sha256OfFile(file, join(loc.cache, 'hashes'));
    if (actual !== expected) {
      throw new MedirError('CHECKSUM', `${file}: sha256 ${actual} does not match ${expected} in the card of ${kind === 'data' ? 'dataset' : 'model'} '${card.name}'`, 'the file changed since the card was written: restore it from its source');
    }
  }
  return dir;
}

/** Downloads one file into the cache: temp file, sha256 check (or pin on first use), then rename. */
async function download(file: CardFile, target: string, pinsFile: string): Promise<void> {
  const url = file.url!;
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPath(target);
  const hash = createHash('sha256');
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new MedirError('DOWNLOAD', `${url}: ${(err as Error).message}`, 'check the network, or set MEDIR_OFFLINE=1 and use a mirror');
  }
  if (!response.ok || !response.body) throw new MedirError('DOWNLOAD', `${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length') ?? 0);
  const progress = new Progress(`download ${file.path}`, total || file.bytes || 0);
  let body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  body.on('data', (chunk: Buffer) => progress.tick(chunk.length));
  if (url.endsWith('.gz') && !file.path.endsWith('.gz')) body = body.pipe(createGunzip());
  body.on('data', (chunk: Buffer) => hash.update(chunk));
  try {
    await pipeline(body, createWriteStream(tmp));
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new MedirError('DOWNLOAD', `${url}: ${(err as Error).message}`);
  }
  progress.finish();
  const sha256 = hash.digest('hex');
  const pins: Record<string, string> = existsSync(pinsFile) ? JSON.parse(readFileSync(pinsFile, 'utf8')) : {};
  const expected = file.sha256 ?? pins[file.path];
  if (expected && expected !== sha256) {
    rmSync(tmp, { force: true });
    throw new MedirError('CHECKSUM', `${url}: sha256 ${sha256} does not match the expected ${expected}`, 'the public copy changed; use a mirror with the pinned files');
  }
  renameSync(tmp, target);
  if (!expected) writeFileAtomic(pinsFile, JSON.stringify({ ...pins, [file.path]: sha256 }, null, 2));
}
