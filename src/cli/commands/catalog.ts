import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { datasetCards, modelCards, type CardFile } from '../../mirror/cards.js';
import type { ArtifactKind } from '../../mirror/cards.js';
import type { Locations } from '../../mirror/locations.js';
import { addLocationOptions, locationsFrom, type LocationFlags } from '../common.js';
import { formatTable } from '../../core/table.js';

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Where a card's files are now: the first mirror holding them all, the cache, or nowhere. */
function whereIs(kind: ArtifactKind, name: string, files: CardFile[], loc: Locations): string {
  const complete = (dir: string) => files.every((f) => existsSync(join(dir, f.path)) && (f.bytes === undefined || statSync(join(dir, f.path)).size === f.bytes));
  for (const m of loc.mirrors) if (complete(join(m, kind, name))) return `mirror ${join(m, kind, name)}`;
  if (complete(join(loc.cache, kind, name))) return `cache ${join(loc.cache, kind, name)}`;
  return files.some((f) => f.url) ? 'not here (downloadable)' : 'not here (mirror only)';
}

function listCards(kind: ArtifactKind, flags: LocationFlags & { json?: boolean }): void {
  const loc = locationsFrom(flags);
  const cards = kind === 'data' ? [...datasetCards().values()] : [...modelCards().values()];
  const rows = cards.map((c) => {
    const bytes = c.files.reduce((s, f) => s + (f.bytes ?? 0), 0);
    const kindCol = 'layout' in c ? (c as { layout: string }).layout : (c as { kind: string }).kind;
    return { name: c.name, kind: kindCol, size: bytes ? mb(bytes) : '?', where: whereIs(kind, c.name, c.files, loc), license: c.license, source: c.source, title: c.title };
  });
  if (flags.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  process.stdout.write(formatTable(['name', kind === 'data' ? 'layout' : 'kind', 'size', 'where', 'source'], rows.map((r) => [r.name, r.kind, r.size, r.where, r.source])) + '\n');
  process.stdout.write(`mirrors searched: ${loc.mirrors.join(', ') || '(none found)'}; cache: ${loc.cache}\n`);
}

export function registerCatalog(program: Command): void {
  addLocationOptions(
    program
      .command('datasets')
      .description('list the datasets medir knows, where each is found (mirror, cache) and its source')
      .option('--json', 'print JSON')
      .addHelpText('after', '\nExample:\n  medir datasets --mirror ../shared'),
  ).action((flags) => listCards('data', flags));
  addLocationOptions(
    program
      .command('models')
      .description('list the models medir knows (embedding, cross-encoder, generator, dictionary), where each is found and its source')
      .option('--json', 'print JSON')
      .addHelpText('after', '\nExample:\n  medir models'),
  ).action((flags) => listCards('models', flags));
}
