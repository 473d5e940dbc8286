import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../language.js';
import { EmbeddingProvider } from './provider.js';

/**
 * Wraps a provider with an on-disk cache keyed by the provider's id and a hash of each text, so
 * re-running an evaluation over tens of thousands of sentences embeds each sentence once.
 * File format: append-only records of [20-byte SHA-1 of the text][dims × float32].
 */
export class CachedEmbeddings extends EmbeddingProvider {
  readonly id: string;
  readonly languages: readonly Language[] | 'all';
  private readonly file: string;
  private readonly memory = new Map<string, Float32Array>();
  private loaded = false;

  constructor(
    private readonly inner: EmbeddingProvider,
    cacheDir: string,
  ) {
    super({ maxRetries: 0 });
    this.id = inner.id;
    this.languages = inner.languages;
    this.dimensions = inner.dimensions;
    this.file = path.join(cacheDir, `${inner.id.replace(/[^\w.@-]+/g, '_')}.bin`);
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!existsSync(this.file) || !this.dimensions) return;
    const buf = readFileSync(this.file);
    const size = 20 + this.dimensions * 4;
    // A torn last record (process killed mid-append) is ignored.
    for (let off = 0; off + size <= buf.length; off += size) {
      const key = buf.subarray(off, off + 20).toString('hex');
      const vec = new Float32Array(this.dimensions);
      for (let i = 0; i < this.dimensions; i++) vec[i] = buf.readFloatLE(off + 20 + i * 4);
      this.memory.set(key, vec);
    }
  }

  get size(): number {
    this.load();
    return this.memory.size;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.load();
    const keys = texts.map((t) => createHash('sha1').update(t).digest('hex'));
    const missing = [...new Set(keys.map((k, i) => (this.memory.has(k) ? -1 : i)).filter((i) => i >= 0).map((i) => texts[i]!))];
    if (missing.length > 0) {
      const vectors = await this.inner.embedDocuments(missing);
      this.dimensions ??= this.inner.dimensions ?? vectors[0]?.length;
      const records: Buffer[] = [];
      missing.forEach((text, i) => {
        const key = createHash('sha1').update(text).digest();
        const vec = Float32Array.from(vectors[i]!);
        this.memory.set(key.toString('hex'), vec);
        records.push(key, Buffer.from(vec.buffer, vec.byteOffset, vec.byteLength));
      });
      mkdirSync(path.dirname(this.file), { recursive: true });
      appendFileSync(this.file, Buffer.concat(records));
    }
    return keys.map((k) => Array.from(this.memory.get(k)!));
  }

  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.embedDocuments([text]);
    return v!;
  }
}
