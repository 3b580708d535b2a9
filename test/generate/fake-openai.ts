import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** What the server does with one request: answer, or fail the way real servers do. */
export type Fault = 'ok' | 400 | 429 | 500 | 503 | 'timeout' | 'malformed' | 'hold' | { redirect: string } | { body: string };

export interface Received {
  body: { model: string; messages: { role: string; content: string }[]; [k: string]: unknown };
  authorization?: string;
}

export interface FakeServer {
  baseUrl: string;
  received: Received[];
  /** Prompts the server answered with a 200 and a well-formed body. */
  answered: string[];
  /** Called with each request as it arrives (before it is answered). */
  onRequest?: (r: Received, index: number) => void;
}

/** The reply the server gives to a prompt: derived from it, so a swapped or lost answer shows. */
export function replyFor(userText: string): string {
  return `echo: ${userText}`;
}

/**
 * A tiny OpenAI-compatible chat server on 127.0.0.1 (random port) for tests. `faults` is consumed one
 * per request; when it runs out every request is answered. Stopped after each test.
 */
export async function startFakeOpenAI(
  faults: Fault[] = [],
  opts: {
    delayMs?: number;
    reply?: (userText: string) => string;
    /** The first token's top alternatives (token → logprob), sent only when a request asks for `logprobs`. */
    logprobs?: (userText: string) => Record<string, number>;
  } = {},
): Promise<FakeServer> {
  const held: ServerResponse[] = [];
  const state: FakeServer = { baseUrl: '', received: [], answered: [] };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const r: Received = { body: JSON.parse(raw), authorization: req.headers.authorization };
    const index = state.received.push(r) - 1;
    state.onRequest?.(r, index);
    const fault = faults.shift() ?? 'ok';
    if (fault === 'timeout' || fault === 'hold') {
      held.push(res);
      return;
    }
    if (typeof fault === 'object' && 'redirect' in fault) {
      res.writeHead(307, { location: fault.redirect });
      res.end();
      return;
    }
    if (typeof fault === 'object') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(fault.body);
      return;
    }
    if (typeof fault === 'number') {
      res.writeHead(fault, { 'content-type': 'application/json', ...(fault === 429 ? { 'retry-after': '0' } : {}) });
      res.end(JSON.stringify({ error: { message: fault === 400 ? 'unknown model' : 'try later' } }));
      return;
    }
    if (fault === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"choices": [{"message": {"content": "cut of');
      return;
    }
    if (opts.delayMs) await new Promise((resolve) => setTimeout(resolve, opts.delayMs));
    const user = r.body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
    state.answered.push(user);
    res.writeHead(200, { 'content-type': 'application/json' });
    const content = (opts.reply ?? replyFor)(user);
    const top = r.body.logprobs === true && opts.logprobs ? Object.entries(opts.logprobs(user)).map(([token, logprob]) => ({ token, logprob })) : undefined;
    const logprobs = top ? { content: [{ token: top[0]?.token ?? content, logprob: top[0]?.logprob ?? 0, top_logprobs: top }] } : null;
    res.end(JSON.stringify({ id: `c${index}`, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, logprobs, finish_reason: 'stop' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  afterEach(async () => {
    for (const res of held) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return state;
}
