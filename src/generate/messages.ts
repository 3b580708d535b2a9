export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A plain prompt is one user message; chat servers and chat templates want messages. */
export function asMessages(prompt: string | ChatMessage[]): ChatMessage[] {
  return typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
}

/** Messages as plain text, for models without a chat template. */
export function messagesAsText(prompt: string | ChatMessage[]): string {
  return typeof prompt === 'string' ? prompt : prompt.map((m) => m.content).join('\n\n');
}
