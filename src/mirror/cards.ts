import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MedirError, unknownName } from '../core/errors.js';
import { pathComponent } from '../core/paths.js';
import { PACKAGE_ROOT } from './locations.js';

/** One file of a dataset or model, as its card pins it. */
export interface CardFile {
  path: string;
  bytes?: number;
  /** Absent only for public models whose hub publishes no checksums: pinned in the cache on first download. */
  sha256?: string;
  /** A public location with byte-identical content; absent where the mirror's copy was converted. */
  url?: string;
}

interface CardBase {
  name: string;
  title: string;
  license: string;
  source: string;
  homepage?: string;
  files: CardFile[];
}

export type DatasetLayout = 'beir' | 'r2med' | 'mcq' | 'mirage' | 'notes';

export interface DatasetCard extends CardBase {
  layout: DatasetLayout;
  splits: string[];
  task?: string;
}

export type Pooling = 'mean' | 'cls';

/** How a sentence model turns text into a vector. Stated per model: no silent defaults. */
export interface EmbeddingProfile {
  pooling: Pooling;
  normalize: boolean;
  queryPrefix: string;
  passagePrefix: string;
  maxLength: number;
  dtype: 'fp32' | 'q8';
}

/** How a cross-encoder turns a (query, passage) pair into a score: raw logit of `label`, its sigmoid, or its softmax probability. */
export interface CrossEncoderProfile {
  maxLength: number;
  activation: 'raw' | 'sigmoid' | 'softmax';
  /** The index of the "relevant" logit (0 for one-logit models). */
  label: number;
  queryPrefix: string;
  passagePrefix: string;
  dtype: 'fp32' | 'q8';
}

export interface ModelCard extends CardBase {
  kind: 'embedding' | 'cross-encoder' | 'generator' | 'dictionary';
  profile?: EmbeddingProfile;
  crossEncoder?: CrossEncoderProfile;
}

export type ArtifactKind = 'data' | 'models';

const CARD_DIRS: Record<ArtifactKind, string> = { data: 'corpora', models: 'models' };

function readCards<T extends CardBase>(kind: ArtifactKind): Map<string, T> {
  const dir = join(PACKAGE_ROOT, CARD_DIRS[kind]);
  const cards = new Map<string, T>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const card = JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
    pathComponent(card.name, `${join(dir, file)}: name`);
    cards.set(card.name, card);
  }
  return cards;
}

let datasets: Map<string, DatasetCard> | undefined;
let models: Map<string, ModelCard> | undefined;

export function datasetCards(): Map<string, DatasetCard> {
  return (datasets ??= readCards<DatasetCard>('data'));
}

export function modelCards(): Map<string, ModelCard> {
  return (models ??= readCards<ModelCard>('models'));
}

export function datasetCard(name: string): DatasetCard {
  const card = datasetCards().get(name);
  if (!card) throw unknownName('dataset', name, [...datasetCards().keys()], 'run `medir datasets` to list them, or pass a folder path');
  return card;
}

export function modelCard(name: string): ModelCard {
  const card = modelCards().get(name);
  if (!card) throw unknownName('model', name, [...modelCards().keys()], 'run `medir models` to list them, or pass a model folder path');
  return card;
}

/** A name that is a path to an existing folder is used as is, without a card. */
export function isLocalFolder(nameOrPath: string): boolean {
  return (nameOrPath.includes('/') || nameOrPath.startsWith('.')) && existsSync(nameOrPath);
}

export function requireFolder(path: string, what: string): string {
  if (!existsSync(path)) throw new MedirError('MISSING_FILE', `${path}: no such ${what} folder`);
  return path;
}
