import { createHash } from 'node:crypto';
import { tokenize } from '../tokenizer.js';
import { EmbeddingProvider } from './provider.js';

/**
 * A deterministic bag-of-terms embedder: each term hashes to a signed coordinate. Fast and
 * dependency-free, it lets tests exercise the vector path without loading a neural model.
 */
export class HashingEmbeddings extends EmbeddingProvider {
  readonly id: string;
  readonly languages = 'all' as const;

  constructor(dimensions = 64) {
    super({ maxRetries: 0 });
    this.dimensions = dimensions;
    this.id = `hashing@${dimensions}`;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }

  private vector(text: string): number[] {
    const dims = this.dimensions!;
    const v = new Array<number>(dims).fill(0);
    for (const term of tokenize(text)) {
      const h = createHash('md5').update(term).digest();
      v[h.readUInt32LE(0) % dims]! += h[4]! & 1 ? 1 : -1;
    }
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  }
}
