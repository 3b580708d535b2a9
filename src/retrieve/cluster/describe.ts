import { MedirError } from '../../core/errors.js';
import { malformed } from './errors.js';
import type { Cluster } from './transport.js';

/** One field of an index's mapping, as far as ranking depends on it. */
export interface FieldDescription {
  type: string;
  /** The analyzer that indexed it (`standard` when the mapping names none: the engines' default). */
  analyzer?: string;
  searchAnalyzer?: string;
  /** The similarity's name (`BM25` when the mapping names none) and, from the settings, its parameters. */
  similarity?: { name: string; settings: unknown };
  /** A vector field's dimension. */
  dimension?: number;
}

/** What the run manifest records of the cluster and the index a run came from. */
export interface IndexDescription {
  cluster: { distribution: string; version: string; lucene?: string };
  /** Each concrete index behind the name (an alias may cover several): its shard count and analysis settings. */
  indices: Record<string, { shards: number; similarity?: unknown; analysis?: unknown }>;
  fields: Record<string, FieldDescription>;
  /** What `medir index` stored in the mapping's `_meta` when it loaded the index (absent for others' indexes). */
  loadedBy?: LoadMeta;
}

/** `_meta.medir` of an index medir loaded: which corpus is in it. */
export interface LoadMeta {
  corpus: string;
  corpusSha256: string;
  documents: number;
  medirVersion: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lucene's BM25 defaults: what a field without a configured similarity is scored with. */
export const ENGINE_DEFAULT_BM25 = { type: 'BM25', k1: 1.2, b: 0.75 } as const;

/** Looks up a dotted field path in a mapping's `properties` (and multi-fields' `fields`). */
function fieldMapping(mappings: Json, path: string): Json | undefined {
  let node: Json | undefined = mappings;
  for (const part of path.split('.')) {
    const children: unknown = node?.properties ?? node?.fields;
    node = isObject(children) && isObject(children[part]) ? children[part] : undefined;
    if (!node) return undefined;
  }
  return node;
}

/**
 * GET /, GET index/_settings and GET index/_mapping: the cluster's version, each concrete index's
 * shards and similarity, and the named fields' analyzers and types. A field absent from the
 * mapping is an error naming the fields there are.
 */
export async function describeIndex(cluster: Cluster, fields: readonly string[]): Promise<IndexDescription> {
  const { endpoint } = cluster;
  const index = endpoint.index;
  const info = await cluster.request({ method: 'GET', path: '/' }, 'reading the cluster version (GET /)');
  const version = isObject(info) && isObject(info.version) ? info.version : undefined;
  if (!version || typeof version.number !== 'string') throw malformed(endpoint, 'reading the cluster version (GET /)', 'no version.number');
  const cluster_ = {
    distribution: typeof version.distribution === 'string' ? version.distribution : 'elasticsearch',
    version: version.number,
    ...(typeof version.lucene_version === 'string' ? { lucene: version.lucene_version } : {}),
  };

  const settingsWhat = `reading the settings (GET /${index}/_settings)`;
  const settings = await cluster.request({ method: 'GET', path: `/${index}/_settings` }, settingsWhat);
  if (!isObject(settings) || Object.keys(settings).length === 0) throw malformed(endpoint, settingsWhat, 'no index in the answer');
  const indices: IndexDescription['indices'] = {};
  const similarities: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(settings)) {
    const s = isObject(entry) && isObject(entry.settings) && isObject(entry.settings.index) ? entry.settings.index : undefined;
    const shards = Number(s?.number_of_shards);
    if (!s || !Number.isInteger(shards) || shards < 1) throw malformed(endpoint, settingsWhat, `no index.number_of_shards for '${name}'`);
    indices[name] = { shards, ...(s.similarity !== undefined ? { similarity: s.similarity } : {}), ...(s.analysis !== undefined ? { analysis: s.analysis } : {}) };
    if (isObject(s.similarity)) Object.assign(similarities, s.similarity);
  }

  const mappingWhat = `reading the mapping (GET /${index}/_mapping)`;
  const mapping = await cluster.request({ method: 'GET', path: `/${index}/_mapping` }, mappingWhat);
  const mappingsOf = (entry: unknown) => (isObject(entry) && isObject(entry.mappings) ? entry.mappings : undefined);
  const all = isObject(mapping) ? Object.values(mapping).map(mappingsOf) : [];
  if (all.length === 0 || all.some((m) => m === undefined)) throw malformed(endpoint, mappingWhat, 'no mappings in the answer');
  const described: Record<string, FieldDescription> = {};
  for (const path of fields) {
    const found = all.map((m) => fieldMapping(m!, path));
    if (found.some((f) => f === undefined)) {
      const names = Object.keys(isObject(all[0]!.properties) ? all[0]!.properties : {});
      throw new MedirError('BAD_OPTION', `${endpoint.url} (index '${index}'): no field '${path}' in the mapping; fields: ${names.join(', ') || '(none)'}`, 'name an existing field with --field / --knn-field');
    }
    const f = found[0]!;
    const simName = typeof f.similarity === 'string' ? f.similarity : 'BM25';
    const simSettings = similarities[f.similarity as string] ?? similarities.default ?? (simName === 'BM25' ? ENGINE_DEFAULT_BM25 : 'engine default');
    const dimension = Number(f.dimension ?? f.dims);
    described[path] = {
      type: String(f.type ?? 'object'),
      ...(f.type === 'text' ? { analyzer: typeof f.analyzer === 'string' ? f.analyzer : 'standard' } : {}),
      ...(typeof f.search_analyzer === 'string' ? { searchAnalyzer: f.search_analyzer } : {}),
      ...(f.type === 'text' ? { similarity: { name: simName, settings: simSettings } } : {}),
      ...(Number.isInteger(dimension) ? { dimension } : {}),
    };
  }
  const meta = all[0]!._meta;
  const loadedBy = isObject(meta) && isObject(meta.medir) ? (meta.medir as unknown as LoadMeta) : undefined;
  return { cluster: cluster_, indices, fields: described, ...(loadedBy ? { loadedBy } : {}) };
}
