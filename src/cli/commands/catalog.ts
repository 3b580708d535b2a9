import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { datasetCards, modelCards, type CardFile, type DatasetCard } from '../../mirror/cards.js';
import type { ArtifactKind } from '../../mirror/cards.js';
import type { Locations } from '../../mirror/locations.js';
import { addLocationOptions, locationsFrom, type LocationFlags } from '../common.js';
import { formatTable } from '../../core/table.js';
import { renderRows } from '../../evaluate/format/render.js';
import { emit, formatOption, toJson, withJsonAlias, type OutputFormat } from '../output.js';

/** Judged queries and judgment lines of one qrels split. */
interface SplitCounts {
  queries: number;
  judgments: number;
}

/** What `medir datasets --format json` prints per dataset (schemas/datasets.schema.json); counts null where not found or not a BEIR file. */
interface DatasetEntry {
  name: string;
  layout: string;
  bytes: number | null;
  where: string | null;
  documents: number | null;
  queries: number | null;
  splits: Record<string, SplitCounts>;
  license: string;
  source: string;
  title: string;
}

interface ModelEntry {
  name: string;
  kind: string;
  bytes: number | null;
  where: string | null;
  license: string;
  source: string;
  title: string;
}

function mb(bytes: number | null): string {
  return bytes === null ? '?' : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The folder holding all of a card's files: the first complete mirror, else the cache, else none. */
function folderOf(kind: ArtifactKind, name: string, files: CardFile[], loc: Locations): string | undefined {
  const complete = (dir: string) => files.every((f) => existsSync(join(dir, f.path)) && (f.bytes === undefined || statSync(join(dir, f.path)).size === f.bytes));
  return [...loc.mirrors.map((m) => join(m, kind, name)), join(loc.cache, kind, name)].find(complete);
}

function whereText(folder: string | undefined, files: CardFile[], loc: Locations): string {
  if (folder) return `${folder.startsWith(loc.cache) ? 'cache' : 'mirror'} ${folder}`;
  return files.some((f) => f.url) ? 'not here (downloadable)' : 'not here (mirror only)';
}

/** Non-empty lines of a JSONL file, or null when the file is not there. */
function jsonlLines(file: string): number | null {
  if (!existsSync(file)) return null;
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).length;
}

/** Per split, from BEIR's qrels/<split>.tsv (header line skipped): distinct judged queries and judgment lines. */
function splitCounts(folder: string, splits: readonly string[]): Record<string, SplitCounts> {
  const out: Record<string, SplitCounts> = {};
  for (const split of splits) {
    const file = join(folder, 'qrels', `${split}.tsv`);
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('query-id\t'));
    out[split] = { queries: new Set(lines.map((l) => l.split('\t')[0])).size, judgments: lines.length };
  }
  return out;
}

function datasetEntry(card: DatasetCard, loc: Locations): DatasetEntry {
  const folder = folderOf('data', card.name, card.files, loc);
  const bytes = card.files.reduce((s, f) => s + (f.bytes ?? 0), 0) || null;
  return {
    name: card.name,
    layout: card.layout,
    bytes,
    where: folder ?? null,
    documents: folder ? jsonlLines(join(folder, 'corpus.jsonl')) : null,
    queries: folder ? (jsonlLines(join(folder, 'queries.jsonl')) ?? jsonlLines(join(folder, 'query.jsonl'))) : null,
    splits: folder ? splitCounts(folder, card.splits) : {},
    license: card.license,
    source: card.source,
    title: card.title,
  };
}

const count = (n: number | null) => (n === null ? '' : String(n));

function listDatasets(flags: LocationFlags & { format: OutputFormat }): void {
  const loc = locationsFrom(flags);
  const entries = [...datasetCards().values()].map((c) => datasetEntry(c, loc));
  if (flags.format === 'json') return emit(toJson(entries));
  const cards = datasetCards();
  const rows = entries.map((e) => [
    e.name,
    e.layout,
    count(e.documents),
    count(e.queries),
    Object.entries(e.splits).map(([s, c]) => `${s} ${c.queries}/${c.judgments}`).join(', '),
    mb(e.bytes),
    flags.format === 'table' ? whereText(e.where ?? undefined, cards.get(e.name)!.files, loc) : (e.where ?? ''),
  ]);
  const header = ['name', 'layout', 'documents', 'queries', 'judged queries/judgments', 'size', 'where'];
  if (flags.format !== 'table') return emit(renderRows(flags.format, header, rows));
  emit(`${formatTable(header, rows)}\nmirrors searched: ${loc.mirrors.join(', ') || '(none found)'}; cache: ${loc.cache}\n`);
}

function listModels(flags: LocationFlags & { format: OutputFormat }): void {
  const loc = locationsFrom(flags);
  const cards = [...modelCards().values()];
  const entries: ModelEntry[] = cards.map((c) => {
    const folder = folderOf('models', c.name, c.files, loc);
    return { name: c.name, kind: c.kind, bytes: c.files.reduce((s, f) => s + (f.bytes ?? 0), 0) || null, where: folder ?? null, license: c.license, source: c.source, title: c.title };
  });
  if (flags.format === 'json') return emit(toJson(entries));
  const rows = entries.map((e, i) => [e.name, e.kind, mb(e.bytes), flags.format === 'table' ? whereText(e.where ?? undefined, cards[i].files, loc) : (e.where ?? ''), e.source]);
  const header = ['name', 'kind', 'size', 'where', 'source'];
  if (flags.format !== 'table') return emit(renderRows(flags.format, header, rows));
  emit(`${formatTable(header, rows)}\nmirrors searched: ${loc.mirrors.join(', ') || '(none found)'}; cache: ${loc.cache}\n`);
}

export function registerCatalog(program: Command): void {
  addLocationOptions(
    program
      .command('datasets')
      .description('list the datasets medir knows: documents, queries, judged queries/judgments per split, where each is found (mirror, cache)')
      .addOption(formatOption())
      .option('--json', 'same as --format json')
      .addHelpText('after', '\nExamples:\n  medir datasets --mirror ../shared\n  medir datasets --format json | jq \'.[] | {name, documents}\''),
  ).action((flags) => listDatasets(withJsonAlias(flags)));
  addLocationOptions(
    program
      .command('models')
      .description('list the models medir knows (embedding, cross-encoder, generator, dictionary), where each is found and its source')
      .addOption(formatOption())
      .option('--json', 'same as --format json')
      .addHelpText('after', '\nExample:\n  medir models'),
  ).action((flags) => listModels(withJsonAlias(flags)));
}
