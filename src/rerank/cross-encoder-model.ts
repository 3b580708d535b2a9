import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { PreTrainedModel, Tensor } from '@huggingface/transformers';
import { MedirError } from '../core/errors.js';
import { Progress } from '../core/progress.js';
import { loadTransformers, type Transformers } from '../core/transformers.js';
import { modelFingerprint } from '../embed/fingerprint.js';
import { readJson } from '../embed/profile.js';
import { memoAsync } from '../core/memo.js';
import { configHash, libraryVersion } from '../provenance/provenance.js';
import { isLocalFolder, modelCard, requireFolder, type CrossEncoderProfile } from '../mirror/cards.js';
import type { Locations } from '../mirror/locations.js';
import { resolveArtifact } from '../mirror/resolve.js';
import { PairEncoder, type EncodedPair, type Tokenized } from './pair-encoding.js';

export type { CrossEncoderProfile };

const ACTIVATIONS: readonly CrossEncoderProfile['activation'][] = ['raw', 'sigmoid', 'softmax'];
const DTYPES: readonly CrossEncoderProfile['dtype'][] = ['fp32', 'q8'];

/** A cross-encoder located and described, not yet loaded. */
export interface CrossEncoderModel {
  id: string;
  dir: string;
  profile: CrossEncoderProfile;
  /** Model id, sha256 of the files that shape the scores, profile, truncation rule, library version. */
  config: Record<string, unknown>;
}

export interface CrossEncoderOptions {
  batchSize?: number;
  /** onnxruntime intra-op threads (default: onnxruntime's own choice). */
  threads?: number;
}

function weightFile(dtype: CrossEncoderProfile['dtype']): string {
  return dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
}

/**
 * The profile of a folder without a card, as sentence-transformers' CrossEncoder would read it:
 * max length from the tokenizer or the model; one logit is written raw, several labels as the
 * softmax probability of label 1 (the "relevant" class of two-label rerankers).
 */
export function folderCrossEncoderProfile(dir: string): CrossEncoderProfile {
  const config = readJson(join(dir, 'config.json'));
  const tokenizer = readJson(join(dir, 'tokenizer_config.json'));
  const labels = Object.keys((config?.id2label as object | undefined) ?? { 0: '' }).length;
  const limits = [tokenizer?.model_max_length, config?.max_position_embeddings].filter((n): n is number => typeof n === 'number' && n > 0 && n < 1e6);
  return { maxLength: limits[0] ?? 512, activation: labels > 1 ? 'softmax' : 'raw', label: labels > 1 ? 1 : 0, queryPrefix: '', passagePrefix: '', dtype: 'fp32' };
}

function checkedProfile(base: CrossEncoderProfile, overrides: Partial<CrossEncoderProfile>): CrossEncoderProfile {
  const profile = { ...base, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) } as CrossEncoderProfile;
  if (!ACTIVATIONS.includes(profile.activation)) throw new MedirError('BAD_OPTION', `--rerank-activation: unknown value '${profile.activation}'; valid: ${ACTIVATIONS.join(', ')}`);
  if (!DTYPES.includes(profile.dtype)) throw new MedirError('BAD_OPTION', `--rerank-dtype: unknown value '${profile.dtype}'; valid: ${DTYPES.join(', ')}`);
  if (!Number.isInteger(profile.maxLength) || profile.maxLength < 4) throw new MedirError('BAD_OPTION', `--rerank-max-length: expected an integer ≥ 4, got '${profile.maxLength}'`);
  return profile;
}

/** Finds a cross-encoder (card name through mirror/cache, or a folder path) and states its profile. */
export async function resolveCrossEncoder(nameOrPath: string, loc: Locations, overrides: Partial<CrossEncoderProfile> = {}): Promise<CrossEncoderModel> {
  let id: string, dir: string, base: CrossEncoderProfile;
  if (isLocalFolder(nameOrPath) || nameOrPath.includes('/')) {
    id = dir = requireFolder(resolve(nameOrPath), 'model');
    base = folderCrossEncoderProfile(dir);
  } else {
    const card = modelCard(nameOrPath);
    if (card.kind !== 'cross-encoder' || !card.crossEncoder) {
      throw new MedirError('BAD_OPTION', `--rerank: '${card.name}' is a ${card.kind} model, not a cross-encoder`, 'run `medir models` to list the cross-encoders');
    }
    id = card.name;
    dir = await resolveArtifact('models', card, loc);
    base = card.crossEncoder;
  }
  const profile = checkedProfile(base, overrides);
  const weights = join(dir, weightFile(profile.dtype));
  if (!existsSync(weights)) throw new MedirError('MODEL', `${weights}: no such file (needed for dtype ${profile.dtype} of cross-encoder '${id}')`);
  const files = await modelFingerprint(dir, ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt', weightFile(profile.dtype)]);
  const library = `@huggingface/transformers@${libraryVersion('@huggingface/transformers')}`;
  return { id, dir, profile, config: { model: id, files, profile, truncation: 'longest_first, heads kept', library } };
}

/** A loaded cross-encoder: scores (query, passage) pairs. */
export class CrossEncoder {
  /** Pairs scored so far and how many were cut at `profile.maxLength`. */
  readonly truncation = { pairs: 0, truncated: 0 };
  private readonly padId: bigint;
  /** XLM-R exports (bge-reranker) take no token_type_ids: feeding them anyway makes transformers.js warn per batch. */
  private readonly takesTypes: boolean;

  constructor(
    readonly model: CrossEncoderModel,
    private readonly encoder: PairEncoder,
    private readonly session: PreTrainedModel,
    private readonly Tensor: Transformers['Tensor'],
    private readonly batchSize: number,
    padId: number,
  ) {
    this.padId = BigInt(padId);
    const inputs = (session as unknown as { sessions?: { model?: { inputNames?: string[] } } }).sessions?.model?.inputNames;
    this.takesTypes = inputs?.includes('token_type_ids') ?? true;
  }

  /**
   * Scores pairs (prefixes applied here), in batches of similar length (less padding); scores come
   * back in input order. A passage met again (the same document for another query) is tokenized once.
   */
  async score(queries: readonly string[], passages: readonly string[], label = `rerank (${this.model.id})`): Promise<number[]> {
    const { queryPrefix, passagePrefix } = this.model.profile;
    const cache = new Map<string, Tokenized>();
    const tokenized = (text: string, read: (t: string) => Tokenized) => {
      let t = cache.get(text);
      if (!t) cache.set(text, (t = read(text)));
      return t;
    };
    const whole = (text: string) => () => {
      const t = this.encoder.tokens(text);
      cache.set(text, t);
      return t.tokens;
    };
    const pairs = queries.map((q, i) => {
      const passage = passagePrefix + passages[i];
      return this.encoder.encode(tokenized(queryPrefix + q, (t) => this.encoder.tokens(t)).tokens, tokenized(passage, (t) => this.encoder.head(t)), whole(passage));
    });
    cache.clear();
    const order = pairs.map((_, i) => i).sort((a, b) => pairs[a].inputIds.length - pairs[b].inputIds.length || a - b);
    const out = new Array<number>(pairs.length);
    const progress = new Progress(label, pairs.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const batch = order.slice(start, start + this.batchSize);
      const scores = await this.forward(batch.map((i) => pairs[i]));
      batch.forEach((i, j) => (out[i] = scores[j]));
      progress.tick(batch.length);
    }
    progress.finish();
    this.truncation.pairs += pairs.length;
    this.truncation.truncated += pairs.filter((p) => p.truncated).length;
    return out;
  }

  private async forward(pairs: EncodedPair[]): Promise<number[]> {
    const seq = Math.max(...pairs.map((p) => p.inputIds.length));
    const ids = new BigInt64Array(pairs.length * seq).fill(this.padId);
    const mask = new BigInt64Array(pairs.length * seq);
    const types = new BigInt64Array(pairs.length * seq);
    pairs.forEach((p, b) => {
      for (let t = 0; t < p.inputIds.length; t++) {
        ids[b * seq + t] = BigInt(p.inputIds[t]);
        mask[b * seq + t] = 1n;
        types[b * seq + t] = BigInt(p.tokenTypeIds[t]);
      }
    });
    const dims = [pairs.length, seq];
    const { logits } = (await this.session({
      input_ids: new this.Tensor('int64', ids, dims),
      attention_mask: new this.Tensor('int64', mask, dims),
      ...(this.takesTypes ? { token_type_ids: new this.Tensor('int64', types, dims) } : {}),
    })) as { logits: Tensor };
    return activate(logits.data as Float32Array, logits.dims[1], this.model.profile);
  }
}

/** One score per row of logits [batch, labels]: the relevant label's raw logit, sigmoid, or softmax probability. */
export function activate(logits: Float32Array, labels: number, profile: Pick<CrossEncoderProfile, 'activation' | 'label'>): number[] {
  if (profile.label >= labels) throw new MedirError('MODEL', `cross-encoder label ${profile.label} does not exist: the model has ${labels} logit(s)`);
  const out: number[] = [];
  for (let row = 0; row < logits.length / labels; row++) {
    const x = logits.subarray(row * labels, (row + 1) * labels);
    const z = x[profile.label];
    if (profile.activation === 'raw') out.push(z);
    else if (profile.activation === 'sigmoid') out.push(1 / (1 + Math.exp(-z)));
    else {
      const max = Math.max(...x);
      let sum = 0;
      for (const v of x) sum += Math.exp(v - max);
      out.push(Math.exp(z - max) / sum);
    }
  }
  return out;
}

const loaded = new Map<string, Promise<CrossEncoder>>();

/** Loads a cross-encoder through transformers.js with remote loading off; once per process per config. */
export async function loadCrossEncoder(nameOrPath: string, loc: Locations, overrides: Partial<CrossEncoderProfile> = {}, options: CrossEncoderOptions = {}): Promise<CrossEncoder> {
  const model = await resolveCrossEncoder(nameOrPath, loc, overrides);
  return memoAsync(loaded, configHash({ ...model.config, options }), () => openCrossEncoder(model, options));
}

async function openCrossEncoder(model: CrossEncoderModel, options: CrossEncoderOptions): Promise<CrossEncoder> {
  const { AutoModelForSequenceClassification, AutoTokenizer, env, Tensor } = await loadTransformers();
  env.allowRemoteModels = false;
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(model.dir, { local_files_only: true });
    const session = await AutoModelForSequenceClassification.from_pretrained(model.dir, {
      local_files_only: true,
      dtype: model.profile.dtype,
      ...(options.threads ? { session_options: { intraOpNumThreads: options.threads, interOpNumThreads: 1 } } : {}),
    });
    return new CrossEncoder(model, new PairEncoder(tokenizer, model.profile.maxLength), session, Tensor, options.batchSize ?? 32, tokenizer.pad_token_id ?? 0);
  } catch (err) {
    if (err instanceof MedirError) throw err;
    throw new MedirError('MODEL', `${model.dir}: cannot load cross-encoder '${basename(model.dir)}' (${(err as Error).message})`);
  }
}
