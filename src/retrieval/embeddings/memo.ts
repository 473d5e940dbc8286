import type { Language } from '../language.js';
import { EmbeddingProvider } from './provider.js';

/**
 * Remembers the vectors of recent texts in memory, so that one customer message is embedded once
 * although intent classification and retrieval both need its vector. Same id as the inner
 * provider: the vectors are the same.
 */
export class MemoEmbeddings extends EmbeddingProvider {
  readonly id: string;
  readonly languages: readonly Language[] | 'all';
  private readonly memo = new Map<string, number[]>();

  constructor(
    readonly inner: EmbeddingProvider,
    private readonly capacity = 256,
  ) {
    super({ maxRetries: 0 });
    this.id = inner.id;
    this.languages = inner.languages;
    this.dimensions = inner.dimensions;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const found = new Map<string, number[]>();
    for (const t of texts) {
      const v = this.memo.get(t);
      if (v) found.set(t, v);
    }
    const missing = [...new Set(texts.filter((t) => !found.has(t)))];
    if (missing.length) {
      const vectors = await this.inner.embedDocuments(missing);
      this.dimensions ??= this.inner.dimensions;
      missing.forEach((t, i) => found.set(t, vectors[i]!));
    }
    // A batch larger than the capacity keeps only its last texts in memory.
    for (const [t, v] of found) this.remember(t, v);
    return texts.map((t) => found.get(t)!);
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0]!;
  }

  private remember(text: string, vector: number[]): void {
    this.memo.delete(text);
    this.memo.set(text, vector);
    if (this.memo.size > this.capacity) this.memo.delete(this.memo.keys().next().value!);
  }
}
