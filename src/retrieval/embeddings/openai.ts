import { OpenAIEmbeddings } from '@langchain/openai';
import type { OpenAIEmbeddingsSettings } from '../../config.js';
import { DeskmateError, EmbeddingError } from '../../errors.js';
import type { Language } from '../language.js';
import { EmbeddingProvider } from './provider.js';
import { withRetry, type RetryPolicy } from '../../retry.js';

/**
 * Any OpenAI-compatible /embeddings endpoint (OpenAI, Azure, vLLM, Ollama, TEI...) through
 * @langchain/openai. Exactly one layer retries: ours (src/retry.ts), on 408/409/429/5xx, timeouts
 * and network errors, honouring Retry-After. LangChain's own retry is off because it gives up on a
 * 429 without a Retry-After header, which compatible servers often send.
 */
export class OpenAICompatibleEmbeddings extends EmbeddingProvider {
  readonly id: string;
  readonly languages: readonly Language[] | 'all';
  private readonly client: OpenAIEmbeddings;
  private readonly retry: RetryPolicy;

  constructor(settings: OpenAIEmbeddingsSettings) {
    super({ maxRetries: 0 });
    const host = settings.baseUrl ? new URL(settings.baseUrl).host : 'api.openai.com';
    this.id = `openai:${settings.model}@${host}${settings.dimensions ? `/${settings.dimensions}` : ''}`;
    this.languages = settings.languages.includes('*') ? 'all' : (settings.languages as Language[]);
    this.dimensions = settings.dimensions;
    this.retry = { maxRetries: settings.maxRetries, baseMs: settings.retryBaseMs ?? 500, maxMs: 20_000 };
    this.client = new OpenAIEmbeddings({
      model: settings.model,
      apiKey: settings.apiKey ?? 'not-needed', // local endpoints (vLLM, Ollama) accept any key
      dimensions: settings.dimensions,
      batchSize: settings.batchSize,
      timeout: settings.timeoutMs,
      maxRetries: 0,
      maxConcurrency: 2,
      configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : undefined,
    });
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    return this.checkVectors(await this.call(() => this.client.embedDocuments(texts)), texts.length);
  }

  async embedQuery(text: string): Promise<number[]> {
    const [v] = this.checkVectors([await this.call(() => this.client.embedQuery(text))], 1);
    return v!;
  }

  // A response missing `data` surfaces as a TypeError deep in the SDK; name the endpoint instead.
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(fn, this.retry);
    } catch (err) {
      if (err instanceof DeskmateError) throw err;
      const status = (err as { status?: number }).status;
      const reason = status ? `HTTP ${status}` : err instanceof TypeError ? 'malformed response' : (err as Error).message;
      throw new EmbeddingError(`${this.id}: embedding request failed (${reason})`, { cause: err, details: { status } });
    }
  }
}
