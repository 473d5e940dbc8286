import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { IndexMismatchError } from '../errors.js';
import type { VectorIndex, VectorIndexIdentity } from './vector-index.js';

const { HierarchicalNSW } = hnswlib;

export interface HnswOptions {
  m: number;
  efConstruction: number;
  efSearch: number;
}

interface HnswMeta extends VectorIndexIdentity {
  space: 'cosine';
  m: number;
  efConstruction: number;
  capacity: number;
  nextLabel: number;
  labels: Array<[string, number]>;
}

const INDEX_FILE = 'vectors.hnsw';
const META_FILE = 'vectors.meta.json';
const INITIAL_CAPACITY = 1024;

/** Cosine HNSW over hnswlib-node; string ids map to integer labels, deleted slots are reused. */
export class HnswVectorIndex implements VectorIndex {
  private readonly labels = new Map<string, number>();
  private readonly ids = new Map<number, string>();
  private nextLabel = 0;
  private capacity: number;

  private constructor(
    readonly identity: VectorIndexIdentity,
    private readonly options: HnswOptions,
    private readonly index: InstanceType<typeof HierarchicalNSW>,
    capacity: number,
  ) {
    this.capacity = capacity;
    this.index.setEf(options.efSearch);
  }

  static create(identity: VectorIndexIdentity, options: HnswOptions, capacity = INITIAL_CAPACITY): HnswVectorIndex {
    const index = new HierarchicalNSW('cosine', identity.dimensions);
    index.initIndex({ maxElements: capacity, m: options.m, efConstruction: options.efConstruction, randomSeed: 100, allowReplaceDeleted: true });
    return new HnswVectorIndex(identity, options, index, capacity);
  }

  /** Loads an index from `dir`, refusing one built by another embedder or with other dimensions. */
  static async load(dir: string, expected: VectorIndexIdentity, options: HnswOptions): Promise<HnswVectorIndex> {
    const meta = JSON.parse(await readFile(path.join(dir, META_FILE), 'utf8')) as HnswMeta;
    if (meta.embedderId !== expected.embedderId || meta.dimensions !== expected.dimensions) {
      throw new IndexMismatchError(
        `The vector index in ${dir} was built with embedder "${meta.embedderId}" (${meta.dimensions} dims), ` +
          `but "${expected.embedderId}" (${expected.dimensions} dims) is configured. ` +
          `Re-ingest to rebuild it: deskmate ingest --rebuild <paths...>`,
        { built: { embedderId: meta.embedderId, dimensions: meta.dimensions }, configured: expected },
      );
    }
    const index = new HierarchicalNSW('cosine', meta.dimensions);
    index.readIndexSync(path.join(dir, INDEX_FILE), true);
    const loaded = new HnswVectorIndex(meta, { ...options, m: meta.m, efConstruction: meta.efConstruction }, index, meta.capacity);
    loaded.nextLabel = meta.nextLabel;
    for (const [id, label] of meta.labels) {
      loaded.labels.set(id, label);
      loaded.ids.set(label, id);
    }
    return loaded;
  }

  get dimensions(): number {
    return this.identity.dimensions;
  }

  get size(): number {
    return this.labels.size;
  }

  has(id: string): boolean {
    return this.labels.has(id);
  }

  upsert(items: ReadonlyArray<{ id: string; vector: number[] }>): void {
    for (const { id, vector } of items) {
      if (vector.length !== this.dimensions) {
        throw new IndexMismatchError(`vector for ${id} has ${vector.length} dimensions, index has ${this.dimensions}`);
      }
      const existing = this.labels.get(id);
      if (existing !== undefined) {
        this.index.addPoint(vector, existing); // same label: hnswlib updates the point in place
        continue;
      }
      // Deleted slots are reused (replaceDeleted), so live points are what must fit.
      if (this.size + 1 > this.capacity) {
        this.capacity *= 2;
        this.index.resizeIndex(this.capacity);
      }
      const label = this.nextLabel++;
      this.index.addPoint(vector, label, true);
      this.labels.set(id, label);
      this.ids.set(label, id);
    }
  }

  delete(ids: Iterable<string>): void {
    for (const id of ids) {
      const label = this.labels.get(id);
      if (label === undefined) continue;
      this.index.markDelete(label);
      this.labels.delete(id);
      this.ids.delete(label);
    }
  }

  search(vector: number[], k: number, filter?: (id: string) => boolean): Array<{ id: string; score: number }> {
    const n = Math.min(k, this.size);
    if (n === 0) return [];
    this.index.setEf(Math.max(this.options.efSearch, n));
    const labelFilter = filter ? (label: number) => filter(this.ids.get(label) ?? '') : undefined;
    const { neighbors, distances } = this.index.searchKnn(vector, n, labelFilter);
    return neighbors.map((label, i) => ({ id: this.ids.get(label)!, score: 1 - distances[i]! }));
  }

  async save(dir: string): Promise<string[]> {
    const indexPath = path.join(dir, INDEX_FILE);
    const metaPath = path.join(dir, META_FILE);
    this.index.writeIndexSync(indexPath);
    const meta: HnswMeta = {
      ...this.identity,
      space: 'cosine',
      m: this.options.m,
      efConstruction: this.options.efConstruction,
      capacity: this.capacity,
      nextLabel: this.nextLabel,
      labels: [...this.labels],
    };
    await writeFile(metaPath, JSON.stringify(meta));
    return [indexPath, metaPath];
  }
}
