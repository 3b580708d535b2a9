import { MedirError } from '../core/errors.js';
import type { ParamValues } from '../core/params.js';
import type { Generator, GenerateOptions, ScoredReply, TextGeneratorDefinition } from './generator.js';
import { concurrencyLimit } from './limit.js';
import { asMessages, type ChatMessage } from './messages.js';
import { LLM_MODEL, MAX_TOKENS, SEED } from './shared-params.js';

/** Why one attempt failed; `retry` tells a transient fault (429, 5xx, timeout, bad body) from a final one. */
interface Failure {
  retry: boolean;
  reason: string;
  /** Server-requested wait (Retry-After), in ms. */
  waitMs?: number;
}

const MAX_WAIT_MS = 60_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Exponential backoff with jitter, so parallel workers hit by one 429 do not retry in lockstep. */
function backoffMs(base: number, attempt: number): number {
  return Math.min(MAX_WAIT_MS, base * 2 ** attempt * (0.5 + Math.random() / 2));
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  return Number.isFinite(secs) && secs >= 0 ? Math.min(MAX_WAIT_MS, secs * 1000) : undefined;
}

interface Choice {
  message?: { content?: unknown };
  logprobs?: { content?: { top_logprobs?: { token: string; logprob: number }[] }[] };
}

/** The reply's text, and its first token's top alternatives when the server sent logprobs. */
function readChoice(choice: Choice | undefined): ScoredReply | undefined {
  const text = choice?.message?.content;
  if (typeof text !== 'string') return undefined;
  const top = choice?.logprobs?.content?.[0]?.top_logprobs;
  return top ? { text, firstTokenLogprobs: Object.fromEntries(top.map((t) => [t.token, t.logprob])) } : { text };
}

async function attempt(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<ScoredReply | Failure> {
  let res: Response;
  try {
    // A redirect is not followed: fetch would re-POST the whole prompt (patient text, perhaps) to wherever it points.
    res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as Error;
    return { retry: true, reason: e.name === 'TimeoutError' ? `no reply within ${timeoutMs} ms` : `${e.message}${e.cause ? ` (${(e.cause as Error).message})` : ''}` };
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    return { retry: true, reason: `reply cut off: ${(err as Error).message}` };
  }
  if (res.status >= 300 && res.status < 400) {
    return { retry: false, reason: `HTTP ${res.status} redirect to ${res.headers.get('location') ?? '(no location)'}: not followed, since it would send the prompt to another address; set --base-url to the address that answers` };
  }
  if (res.status === 429 || res.status >= 500) return { retry: true, reason: `HTTP ${res.status}`, waitMs: retryAfterMs(res.headers.get('retry-after')) };
  if (!res.ok) return { retry: false, reason: `HTTP ${res.status}: ${text.slice(0, 300)}` };
  try {
    const reply = readChoice((JSON.parse(text) as { choices?: Choice[] }).choices?.[0]);
    if (reply) return reply;
  } catch {
    // a truncated or garbled body from an overloaded server: worth another try
  }
  return { retry: true, reason: `malformed reply (no choices[0].message.content): ${text.slice(0, 120)}` };
}

function create(params: ParamValues): Generator {
  const model = params.llmModel as string | undefined;
  if (!model) throw new MedirError('BAD_OPTION', '--llm-model is required with --generator openai-compatible', 'the model name the server serves, e.g. Qwen/Qwen2.5-7B-Instruct');
  const baseUrl = String(params.baseUrl).replace(/\/+$/, '');
  const url = `${baseUrl}/chat/completions`;
  const concurrency = params.concurrency as number;
  const retries = params.retries as number;
  const timeoutMs = params.timeoutMs as number;
  const retryBaseMs = params.retryBaseMs as number;
  const apiKeyEnv = params.apiKeyEnv as string;
  const defaults = {
    temperature: params.temperature as number,
    topP: params.topP as number,
    maxTokens: params.maxTokens as number,
    seed: params.seed as number | undefined,
    stop: params.stop ? String(params.stop).split('|') : undefined,
  };
  const limit = concurrencyLimit(concurrency);
  const call = (prompt: string | ChatMessage[], opts: GenerateOptions, topLogprobs?: number): Promise<ScoredReply> =>
      limit(async () => {
        // Read per call and only put in a header: never stored in config, caches, manifests or messages.
        const key = process.env[apiKeyEnv];
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) };
        const body = JSON.stringify({
          model,
          messages: asMessages(prompt),
          temperature: opts.temperature ?? defaults.temperature,
          top_p: defaults.topP,
          max_tokens: opts.maxTokens ?? defaults.maxTokens,
          ...((opts.seed ?? defaults.seed) !== undefined ? { seed: opts.seed ?? defaults.seed } : {}),
          ...((opts.stop ?? defaults.stop) ? { stop: opts.stop ?? defaults.stop } : {}),
          ...(topLogprobs ? { logprobs: true, top_logprobs: topLogprobs } : {}),
        });
        let last: Failure | undefined;
        for (let i = 0; i <= retries; i++) {
          if (last) await sleep(last.waitMs ?? backoffMs(retryBaseMs, i - 1));
          const result = await attempt(url, headers, body, timeoutMs);
          if (!('retry' in result)) return result;
          if (!result.retry) throw new MedirError('GENERATOR', `${url}: ${result.reason}`, 'check --base-url and --llm-model');
          last = result;
        }
        throw new MedirError('GENERATOR', `${url}: gave up after ${retries + 1} attempts; last: ${last!.reason}`, 'is the server up? raise --retries or --timeout-ms');
      });
  return {
    id: 'openai-compatible',
    // Everything that shapes a reply; the API key and transport settings are deliberately absent.
    config: { baseUrl, model, ...defaults },
    concurrency,
    generate: async (prompt, opts = {}) => (await call(prompt, opts)).text,
    generateWithLogprobs: (prompt, opts) => call(prompt, opts, opts.topLogprobs),
  };
}

export const openaiCompatible: TextGeneratorDefinition = {
  kind: 'text',
  name: 'openai-compatible',
  description: 'chat completions from any OpenAI-compatible server (vLLM, Ollama, llama.cpp, hosted APIs)',
  params: [
    { key: 'baseUrl', type: 'string', default: 'http://127.0.0.1:8000/v1', help: 'server base URL (…/v1)' },
    LLM_MODEL,
    { key: 'temperature', type: 'number', default: 0, help: 'sampling temperature' },
    { key: 'topP', type: 'number', default: 1, help: 'nucleus sampling mass' },
    MAX_TOKENS,
    SEED,
    { key: 'stop', type: 'string', help: "stop sequences, separated by '|'" },
    { key: 'concurrency', type: 'integer', default: 4, help: 'requests in flight at once' },
    { key: 'retries', type: 'integer', default: 5, help: 'retries on 429, 5xx, timeouts and malformed replies' },
    { key: 'retryBaseMs', type: 'integer', default: 1000, help: 'first backoff wait, doubled per retry (jittered)' },
    { key: 'timeoutMs', type: 'integer', default: 120_000, help: 'per-request timeout' },
    { key: 'apiKeyEnv', type: 'string', default: 'OPENAI_API_KEY', help: 'environment variable holding the API key (never written anywhere)' },
  ],
  create: async (params) => create(params),
};
