// The agent's contract for a language model: messages in, text out, tokens as they come. The
// agent never sees a vendor type; openai-chat.ts is the one implementation (any OpenAI-compatible
// endpoint), and tests use a scripted one or msw.

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatCallOptions {
  signal?: AbortSignal;
  /** Called with each piece of text as it streams in. */
  onToken?: (text: string) => void;
}

export interface ChatModel {
  readonly id: string;
  complete(messages: readonly ChatMessage[], options?: ChatCallOptions): Promise<string>;
}
