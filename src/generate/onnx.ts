import { basename, dirname, join, resolve } from 'node:path';
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { loadTransformers, type Transformers } from '../core/transformers.js';
import { MedirError } from '../core/errors.js';
import type { ParamValues } from '../core/params.js';
import { fileSha256, libraryVersion } from '../provenance/provenance.js';
import { isLocalFolder, modelCard } from '../mirror/cards.js';
import type { Locations } from '../mirror/locations.js';
import { resolveArtifact } from '../mirror/resolve.js';
import type { Generator, GenerateOptions, TextGeneratorDefinition } from './generator.js';
import { concurrencyLimit } from './limit.js';
import { messagesAsText, type ChatMessage } from './messages.js';
import { LLM_MODEL, MAX_TOKENS } from './shared-params.js';
import { memoAsync } from '../core/memo.js';

interface Loaded {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  /** Positions the model can attend to (prompt + generated). */
  contextLength: number;
  Tensor: Transformers['Tensor'];
}

const loaded = new Map<string, Promise<Loaded>>();

async function modelDir(name: string, loc: Locations): Promise<string> {
  if (isLocalFolder(name)) return resolve(name);
  const card = modelCard(name);
  if (card.kind !== 'generator') throw new MedirError('BAD_OPTION', `--llm-model ${name}: a model of kind '${card.kind}', not a text generator`, 'run `medir models` to list generators');
  return resolveArtifact('models', card, loc);
}

function load(dir: string, dtype: 'fp32' | 'q8'): Promise<Loaded> {
  return memoAsync(loaded, `${dir}\0${dtype}`, async () => {
    const { AutoModelForCausalLM, AutoTokenizer, env, Tensor } = await loadTransformers();
    // Local files only: a missing file is an error here, never a silent download.
    env.allowRemoteModels = false;
    env.localModelPath = dirname(dir) + '/';
    const opts = { local_files_only: true } as const;
    const tokenizer = await AutoTokenizer.from_pretrained(basename(dir), opts);
    const model = await AutoModelForCausalLM.from_pretrained(basename(dir), { ...opts, dtype });
    const config = model.config as unknown as Record<string, unknown>;
    const contextLength = Number(config.max_position_embeddings ?? config.n_positions ?? config.n_ctx ?? 2048);
    return { tokenizer, model, contextLength, Tensor };
  });
}

function promptText(tokenizer: PreTrainedTokenizer, prompt: string | ChatMessage[]): string {
  if (typeof prompt === 'string' || !tokenizer.chat_template) return messagesAsText(prompt);
  return tokenizer.apply_chat_template(prompt, { tokenize: false, add_generation_prompt: true }) as string;
}

/** OpenAI's stop semantics: the reply ends before the first stop sequence. */
function cutAtStop(text: string, stop: readonly string[] | undefined): string {
  let end = text.length;
  for (const s of stop ?? []) {
    const i = text.indexOf(s);
    if (s && i >= 0 && i < end) end = i;
  }
  return text.slice(0, end);
}

function ids(TensorClass: Transformers['Tensor'], values: readonly number[]): Tensor {
  return new TensorClass('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
}

async function create(params: ParamValues, loc: Locations): Promise<Generator> {
  const name = params.llmModel as string | undefined;
  if (!name) throw new MedirError('BAD_OPTION', '--llm-model is required with --generator onnx', 'a generator in the mirror (`medir models`) or a Hugging Face ONNX decoder folder');
  const dtype = params.llmDtype as 'fp32' | 'q8';
  const dir = await modelDir(name, loc);
  const { tokenizer, model, contextLength, Tensor } = await load(dir, dtype);
  const weights = join(dir, 'onnx', dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx');
  const maxTokens = params.maxTokens as number;
  const limit = concurrencyLimit(1);
  let truncated = 0;
  return {
    id: 'onnx',
    // The weights' checksum, not the folder, identifies the model: replaced weights never hit an old cache entry.
    config: {
      model: basename(dir),
      weightsSha256: (await fileSha256(weights)).slice(0, 16),
      dtype,
      decoding: 'greedy',
      contextLength,
      // Another runtime may decode differently: its replies are not reused from the cache.
      transformers: libraryVersion('@huggingface/transformers'),
    },
    concurrency: 1,
    countTokens: (text) => tokenizer.encode(text, { add_special_tokens: false }).length,
    stats: () => ({ truncatedPrompts: truncated }),
    generate(prompt: string | ChatMessage[], opts: GenerateOptions = {}) {
      if (opts.temperature) {
        return Promise.reject(new MedirError('GENERATOR', `onnx generator: temperature ${opts.temperature} asked, but it decodes greedily only (transformers.js sampling cannot be seeded)`));
      }
      return limit(async () => {
        // Prompt and reply share the context window; an over-long prompt loses its start, where
        // instructions and the first passages sit, and keeps the question next to the answer cue.
        const newTokens = Math.min(opts.maxTokens ?? maxTokens, Math.floor(contextLength / 2));
        let tokens = tokenizer.encode(promptText(tokenizer, prompt), { add_special_tokens: false });
        if (tokens.length > contextLength - newTokens) {
          tokens = tokens.slice(tokens.length - (contextLength - newTokens));
          truncated++;
        }
        const output = (await model.generate({
          input_ids: ids(Tensor, tokens),
          attention_mask: ids(Tensor, tokens.map(() => 1)),
          max_new_tokens: newTokens,
          do_sample: false,
        } as Parameters<PreTrainedModel['generate']>[0])) as Tensor;
        const [reply] = tokenizer.batch_decode(output.slice(null, [tokens.length, output.dims[1]]), { skip_special_tokens: true });
        return cutAtStop(reply, opts.stop);
      });
    },
  };
}

export const onnx: TextGeneratorDefinition = {
  kind: 'text',
  name: 'onnx',
  description: 'in-process generation with any Hugging Face ONNX decoder (transformers.js, local files only, greedy)',
  params: [
    LLM_MODEL,
    { key: 'llmDtype', type: 'string', default: 'fp32', choices: ['fp32', 'q8'], help: 'ONNX weights to load (onnx)' },
    MAX_TOKENS,
  ],
  create,
};
