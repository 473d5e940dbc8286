import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { LlmSettings } from '../config.js';
import type { ChatCallOptions, ChatMessage, ChatModel } from './chat-model.js';

const toLangChain = (m: ChatMessage): BaseMessage =>
  m.role === 'system' ? new SystemMessage(m.content) : m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content);

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : ((p as { text?: string }).text ?? ''))).join('');
  return '';
}

/**
 * `ChatOpenAI` against any OpenAI-compatible endpoint (OpenAI, Azure, vLLM, Ollama...). No retries
 * here: a slow or failing model must not hold a customer waiting; the agent falls back to an
 * extractive answer instead. The timeout bounds the whole call, streaming included.
 */
export class OpenAIChatModel implements ChatModel {
  readonly id: string;
  private readonly client: ChatOpenAI;

  constructor(private readonly settings: LlmSettings) {
    this.id = `openai:${settings.model}@${settings.baseUrl ? new URL(settings.baseUrl).host : 'api.openai.com'}`;
    this.client = new ChatOpenAI({
      model: settings.model,
      apiKey: settings.apiKey ?? 'not-needed', // local endpoints accept any key
      temperature: settings.temperature,
      timeout: settings.timeoutMs,
      maxRetries: 0,
      streaming: settings.streaming,
      configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : undefined,
    });
  }

  async complete(messages: readonly ChatMessage[], options: ChatCallOptions = {}): Promise<string> {
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const input = messages.map(toLangChain);
    if (!this.settings.streaming) return textOf((await this.client.invoke(input, { signal })).content);
    let text = '';
    for await (const chunk of await this.client.stream(input, { signal })) {
      const piece = textOf(chunk.content);
      if (!piece) continue;
      text += piece;
      options.onToken?.(piece);
    }
    return text;
  }
}
