/**
 * Reasoning models (R1 distills, QwQ, Qwen3 in thinking mode) write `<think>…</think>` before the
 * answer; only the answer is a usable query. As in R2MED's code, the text after the first closing
 * tag is kept; with no closing tag (the template opened the block, or the model never closed it)
 * the whole reply minus a stray opening tag is kept rather than an empty query.
 */
export function stripThinking(reply: string): string {
  const close = reply.indexOf('</think>');
  if (close >= 0) return reply.slice(close + '</think>'.length).trim();
  return reply.replace(/^\s*<think>/, '').trim();
}
