/** A nearest-neighbour index over string ids. The embedded implementation is HNSW (hnsw-index.ts). */
export interface VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  has(id: string): boolean;
  /** Adds or replaces vectors by id. */
  upsert(items: ReadonlyArray<{ id: string; vector: number[] }>): void;
  delete(ids: Iterable<string>): void;
  /** Up to k ids by descending cosine similarity, optionally restricted to ids passing `filter`. */
  search(vector: number[], k: number, filter?: (id: string) => boolean): Array<{ id: string; score: number }>;
  /** Writes the index into `dir` (files only; the caller makes the switch atomic). */
  save(dir: string): Promise<string[]>;
}

/** Who built an index: vectors of different embedders must never be mixed. */
export interface VectorIndexIdentity {
  embedderId: string;
  dimensions: number;
}
