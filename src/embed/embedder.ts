import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { loadTransformers, type Transformers } from '../core/transformers.js';
import { MedirError } from '../core/errors.js';
import { isLocalFolder, modelCard, requireFolder } from '../mirror/cards.js';
import type { Locations } from '../mirror/locations.js';
import { resolveArtifact } from '../mirror/resolve.js';
import { memoAsync } from '../core/memo.js';
import { configHash, libraryVersion } from '../provenance/provenance.js';
import { modelFingerprint } from './fingerprint.js';
import { poolTokens } from './pooling.js';
import { folderProfile, withOverrides, type EmbeddingProfile } from './profile.js';

export type { EmbeddingProfile };

/**
 * How far one component of a text's vector may move when the text is batched with other texts
 * (padding changes the order of onnxruntime's float sums): builds that batch differently —
 * resumed, sharded, another batch size — agree within this.
 */
export const BATCH_TOLERANCE = 1e-5;

/** How many texts an embedder has seen and how many it cut at `profile.maxLength` tokens. */
export interface TruncationCount {
  texts: number;
  truncated: number;
}

/**
 * A sentence-embedding model with its profile stated (pooling, normalisation, prefixes, max
 * length, dtype). Vectors come back one Float32Array of length `dim` per text, in input order;
 * with `profile.normalize` they have unit length, except a text with no known token, which gives
 * the zero vector (cosine 0 with anything, never NaN).
 */
export interface Embedder {
  /** The model's name (card) or absolute folder path. */
  id: string;
  dim: number;
  profile: EmbeddingProfile;
  /** Everything that changes the vectors: model id, sha256 of its files, profile (for manifests and cache keys). */
  config: Record<string, unknown>;
  /** Counts over every text embedded so far (queries and documents). */
  truncation: TruncationCount;
  embedQueries(texts: readonly string[]): Promise<Float32Array[]>;
  /** Document vectors; `cut`, when given, is filled with whether each text was cut at max length. */
  embedDocuments(texts: readonly string[], cut?: boolean[]): Promise<Float32Array[]>;
  /** Tokens run through the model so far (padding excluded): the work, for throughput figures. */
  tokens: number;
  /** For each document text, whether embedding it cuts it at `profile.maxLength` (tokenizes only). */
  documentsCut(texts: readonly string[]): boolean[];
}

export interface EmbedderOptions {
  /** Texts per forward pass (default 32). */
  batchSize?: number;
  /** onnxruntime intra-op threads (default: onnxruntime's own choice, one per core). */
  threads?: number;
  /** onnxruntime graph optimisation (default 'all': fusions of attention, GELU, layer norm). */
  graphOptimization?: 'disabled' | 'basic' | 'extended' | 'all';
  /** onnxruntime's CPU memory arena, reusing buffers between batches (default on). */
  memoryArena?: boolean;
  /**
   * Whether idle intra-op threads spin waiting for work (default off): spinning buys a little
   * latency per operator with CPU time that does no work, which a batch job on a shared or
   * sharded machine pays for (bench/embed measures both).
   */
  spinning?: boolean;
}

/** onnxruntime session options from the embedder's (bench/embed measures the defaults). */
function sessionOptions(options: EmbedderOptions): Record<string, unknown> {
  return {
    ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: options.graphOptimization ?? 'all',
    enableCpuMemArena: options.memoryArena ?? true,
    enableMemPattern: true,
    extra: { session: { intra_op: { allow_spinning: options.spinning ? '1' : '0' } } },
  };
}

/** A model located and described, not yet loaded: enough to name an index or a cache entry. */
export interface EmbeddingModel {
  id: string;
  dir: string;
  profile: EmbeddingProfile;
  /** What `Embedder.config` will be: model id, sha256 of its files, profile, how texts are cut, library version. */
  config: Record<string, unknown>;
}

/** The files whose bytes shape the vectors, relative to the model folder. */
function fingerprintFiles(dtype: EmbeddingProfile['dtype']): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt', weightFile(dtype)];
}

function weightFile(dtype: EmbeddingProfile['dtype']): string {
  return dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
}

/**
 * Finds a sentence-embedding model (card name through the mirror/cache, or a folder path) and
 * states its profile (the card's, or the folder's sentence-transformers files), overrides applied.
 */
export async function resolveEmbeddingModel(nameOrPath: string, loc: Locations, overrides: Partial<EmbeddingProfile> = {}): Promise<EmbeddingModel> {
  let id: string, dir: string, base: EmbeddingProfile;
  // A path (even one that does not exist) is never looked up as a card name: say the folder is missing.
  if (isLocalFolder(nameOrPath) || nameOrPath.includes('/')) {
    id = dir = requireFolder(resolve(nameOrPath), 'model');
    base = folderProfile(dir);
  } else {
    const card = modelCard(nameOrPath);
    if (card.kind !== 'embedding' || !card.profile) {
      throw new MedirError('BAD_OPTION', `--model: '${card.name}' is a ${card.kind} model, not a sentence-embedding model`, 'run `medir models` to list the embedding models');
    }
    id = card.name;
    dir = await resolveArtifact('models', card, loc);
    base = card.profile;
  }
  const profile = withOverrides(base, overrides);
  const weights = join(dir, weightFile(profile.dtype));
  if (!existsSync(weights)) {
    throw new MedirError('MODEL', `${weights}: no such file (needed for --dtype ${profile.dtype} of model '${id}')`, profile.dtype === 'q8' ? 'use --dtype fp32' : undefined);
  }
  const files = await modelFingerprint(dir, fingerprintFiles(profile.dtype));
  const library = `@huggingface/transformers@${libraryVersion('@huggingface/transformers')}`;
  return { id, dir, profile, config: { model: id, files, profile, truncation: 'head, closing special tokens kept', library } };
}

const loaded = new Map<string, Promise<Embedder>>();

/**
 * Loads a sentence-embedding model through transformers.js with remote loading off. The folder's
 * absolute path is the model id, so no global `env.localModelPath` is shared with other loaders and
 * nothing is fetched. A model is loaded once per process for each profile and options.
 */
export async function loadEmbedder(
  nameOrPath: string,
  loc: Locations,
  overrides: Partial<EmbeddingProfile> = {},
  options: EmbedderOptions = {},
): Promise<Embedder> {
  const model = await resolveEmbeddingModel(nameOrPath, loc, overrides);
  return memoAsync(loaded, configHash({ ...model.config, options }), () => openEmbedder(model, options));
}

async function openEmbedder(model: EmbeddingModel, options: EmbedderOptions): Promise<Embedder> {
  const { dir, profile } = model;
  const { AutoModel, AutoTokenizer, env, Tensor } = await loadTransformers();
  env.allowRemoteModels = false;
  try {
    return await withStrayRejections(async () => {
      const tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
      const session = await AutoModel.from_pretrained(dir, {
        local_files_only: true,
        dtype: profile.dtype,
        session_options: sessionOptions(options),
      });
      const embedder = new TransformersEmbedder(model, tokenizer, session, Tensor, options.batchSize ?? 32);
      await embedder.probeDimension();
      return embedder;
    });
  } catch (err) {
    throw new MedirError('MODEL', `${dir}: cannot load model '${basename(dir)}' (${(err as Error).message})`);
  }
}

/**
 * Runs `work`, failing with the first unhandled rejection raised meanwhile: transformers.js 3.8
 * leaves some load failures (a missing external-data file named by config.json's
 * `transformers.js_config`) unhandled while `from_pretrained` never settles — an uncaught crash.
 */
async function withStrayRejections<T>(work: () => Promise<T>): Promise<T> {
  let fail!: (err: unknown) => void;
  const stray = new Promise<never>((_, reject) => (fail = reject));
  process.on('unhandledRejection', fail);
  try {
    return await Promise.race([work(), stray]);
  } finally {
    process.off('unhandledRejection', fail);
  }
}

/**
 * How many special tokens the tokenizer's template puts after the text ([SEP] for BERT, </s> for
 * XLM-R, none for GloVe): the tokens a cut must keep at the end, as Hugging Face's tokenizers do.
 */
function specialSuffixLength(tokenizer: PreTrainedTokenizer): number {
  const empty = tokenizer.encode('');
  const one = tokenizer.encode('a');
  let prefix = 0;
  while (prefix < empty.length && empty[prefix] === one[prefix]) prefix++;
  return empty.length - prefix;
}

class TransformersEmbedder implements Embedder {
  readonly id: string;
  readonly profile: EmbeddingProfile;
  readonly config: Record<string, unknown>;
  dim = 0;
  truncation: TruncationCount = { texts: 0, truncated: 0 };
  tokens = 0;
  private readonly suffix: number;
  private readonly padId: bigint;

  constructor(
    model: EmbeddingModel,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly session: PreTrainedModel,
    private readonly Tensor: Transformers['Tensor'],
    private readonly batchSize: number,
  ) {
    this.id = model.id;
    this.profile = model.profile;
    this.config = model.config;
    this.suffix = specialSuffixLength(tokenizer);
    this.padId = BigInt(tokenizer.pad_token_id ?? 0);
  }

  /** The width of the model's vectors, learnt from one text (configs name it differently). */
  async probeDimension(): Promise<void> {
    this.dim = (await this.embedDocuments(['dimension probe']))[0].length;
    this.truncation = { texts: 0, truncated: 0 };
    this.tokens = 0;
  }

  embedQueries(texts: readonly string[]): Promise<Float32Array[]> {
    return this.embed(texts, this.profile.queryPrefix);
  }

  embedDocuments(texts: readonly string[], cut?: boolean[]): Promise<Float32Array[]> {
    return this.embed(texts, this.profile.passagePrefix, cut);
  }

  documentsCut(texts: readonly string[]): boolean[] {
    return texts.map((text) => this.tokenizer.encode(this.profile.passagePrefix + text).length > this.profile.maxLength);
  }

  /**
   * Tokenizes every text first (cut at max length, counted), then runs the model on batches of
   * similar token length, so padding is small and the inference loop only runs the model; results
   * come back in input order. `cut[i]` is set to whether text i was cut.
   */
  private async embed(texts: readonly string[], prefix: string, cut?: boolean[]): Promise<Float32Array[]> {
    const sequences = texts.map((text, i) => {
      const { ids, wasCut } = this.tokenize(prefix + text);
      if (cut) cut[i] = wasCut;
      return ids;
    });
    const order = texts.map((_, i) => i).sort((a, b) => sequences[a].length - sequences[b].length || a - b);
    const out = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const batch = order.slice(start, start + this.batchSize);
      const vectors = await this.forward(batch.map((i) => sequences[i]));
      batch.forEach((i, j) => (out[i] = vectors[j]));
    }
    return out;
  }

  /**
   * A text's token ids, cut at max length keeping the template's closing special tokens
   * (transformers.js 3.8 would drop the final [SEP]; Python's tokenizers keep it); cuts are counted.
   */
  private tokenize(text: string): { ids: number[]; wasCut: boolean } {
    const { maxLength } = this.profile;
    const ids = this.tokenizer.encode(text);
    this.truncation.texts++;
    if (ids.length <= maxLength) return { ids, wasCut: false };
    this.truncation.truncated++;
    return { ids: [...ids.slice(0, maxLength - this.suffix), ...ids.slice(ids.length - this.suffix)], wasCut: true };
  }

  /** Pads token sequences to the longest of the batch and runs the model; counts the tokens run. */
  private async forward(sequences: number[][]): Promise<Float32Array[]> {
    const { pooling, normalize } = this.profile;
    const seq = Math.max(1, ...sequences.map((ids) => ids.length));
    const inputIds = new BigInt64Array(sequences.length * seq).fill(this.padId);
    const mask = new BigInt64Array(sequences.length * seq);
    sequences.forEach((ids, b) => {
      ids.forEach((id, t) => {
        inputIds[b * seq + t] = BigInt(id);
        mask[b * seq + t] = 1n;
      });
      this.tokens += ids.length;
    });
    const dims = [sequences.length, seq];
    const inputs = { input_ids: new this.Tensor('int64', inputIds, dims), attention_mask: new this.Tensor('int64', mask, dims) };
    const { last_hidden_state: hidden } = (await this.session(inputs)) as { last_hidden_state: Tensor };
    return poolTokens(hidden.data as Float32Array, mask, hidden.dims, pooling, normalize);
  }
}
