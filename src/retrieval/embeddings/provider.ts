import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { EmbeddingError } from '../../errors.js';
import type { Language } from '../language.js';

/**
 * LangChain's `Embeddings` plus what the knowledge base must know about a provider: a stable id
 * (an index built by one provider is never searched with another's vectors), its dimensions once
 * known, and the languages it embeds well (queries in other languages are searched lexically).
 */
export abstract class EmbeddingProvider extends Embeddings {
  abstract readonly id: string;
  abstract readonly languages: readonly Language[] | 'all';
  /** Known up front for local models; learned from the first response for remote ones. */
  dimensions: number | undefined;

  constructor(params: EmbeddingsParams = {}) {
    super(params);
  }

  servesLanguage(language: Language): boolean {
    return this.languages === 'all' || this.languages.includes(language);
  }

  /** Rejects anything that is not `count` finite vectors of one consistent size. */
  protected checkVectors(vectors: unknown, count: number): number[][] {
    if (!Array.isArray(vectors) || vectors.length !== count) {
      throw new EmbeddingError(`${this.id}: expected ${count} vectors, got ${Array.isArray(vectors) ? vectors.length : typeof vectors}`);
    }
    for (const v of vectors) {
      if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new EmbeddingError(`${this.id}: malformed embedding in response`);
      }
      this.dimensions ??= v.length;
      if (v.length !== this.dimensions) {
        throw new EmbeddingError(`${this.id}: expected ${this.dimensions} dimensions, got ${v.length}`);
      }
    }
    return vectors as number[][];
  }
}
