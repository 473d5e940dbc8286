import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IndexMismatchError } from '../errors.js';
import type { EmbeddingProvider } from './embeddings/provider.js';
import { HnswVectorIndex, type HnswOptions } from './hnsw-index.js';
import type { Glossary } from './glossary.js';
import { hybridSearch } from './hybrid-search.js';
import { LexicalIndex } from './lexical-index.js';
import { currentGeneration, writeGeneration, type SnapshotStep } from './snapshot.js';
import type { Chunk, DocumentRecord, SearchHit, SearchOptions } from './types.js';
import { vectorIdsOf } from './vector-texts.js';

const FORMAT_VERSION = 1;

interface KbManifest {
  version: number;
  embedderId: string | null;
  dimensions: number | null;
  documents: DocumentRecord[];
}

export interface KnowledgeBaseOptions {
  /** Folder holding the generations (e.g. `<dataDir>/kb`). */
  dir: string;
  embedder: EmbeddingProvider | null;
  hnsw: HnswOptions;
  /** Query expansion across languages and wordings (the shipped support glossary by default). */
  glossary?: Glossary;
  /** Defaults for every search (k, fusion, dense weight); a call's own options win. */
  search?: Pick<SearchOptions, 'k' | 'fusion' | 'denseWeight'>;
}

export interface KnowledgeBaseStats {
  documents: number;
  chunks: number;
  vectors: number;
  embedder: string | null;
  dimensions: number | null;
  byKind: Record<string, number>;
  byLanguage: Record<string, number>;
  bySource: Record<string, number>;
}

/**
 * Documents, their chunks and both indexes, loaded from and saved to one generation folder.
 * The embedder is the one that built the vectors; a KB built by another must be rebuilt.
 */
export class KnowledgeBase {
  private readonly docs = new Map<string, DocumentRecord>();
  private readonly chunkMap = new Map<string, Chunk>();
  private readonly lexical = new LexicalIndex();
  private vectors: HnswVectorIndex | null = null;
  private changes = 0;

  private constructor(private readonly options: KnowledgeBaseOptions) {}

  get embedder(): EmbeddingProvider | null {
    return this.options.embedder;
  }

  /** Opens the live generation under `dir`, or an empty KB. `rebuild` ignores what is on disk. */
  static async open(options: KnowledgeBaseOptions & { rebuild?: boolean }): Promise<KnowledgeBase> {
    const kb = new KnowledgeBase(options);
    const gen = options.rebuild ? null : await currentGeneration(options.dir);
    if (!gen) return kb;
    const manifest = JSON.parse(await readFile(path.join(gen, 'manifest.json'), 'utf8')) as KbManifest;
    const embedder = options.embedder;
    if (embedder && manifest.documents.length > 0 && manifest.embedderId !== embedder.id) {
      throw new IndexMismatchError(
        `The knowledge base in ${options.dir} was built with embedder "${manifest.embedderId ?? 'none'}", ` +
          `but "${embedder.id}" is configured. Re-ingest to rebuild it: deskmate ingest --rebuild <paths...>`,
        { built: manifest.embedderId, configured: embedder.id },
      );
    }
    const chunks = JSON.parse(await readFile(path.join(gen, 'chunks.json'), 'utf8')) as Chunk[];
    for (const d of manifest.documents) kb.docs.set(d.id, d);
    for (const c of chunks) kb.chunkMap.set(c.id, c);
    kb.lexical.add(chunks);
    if (embedder && manifest.embedderId && manifest.dimensions) {
      embedder.dimensions ??= manifest.dimensions;
      kb.vectors = await HnswVectorIndex.load(gen, { embedderId: embedder.id, dimensions: manifest.dimensions }, options.hnsw);
    }
    return kb;
  }

  /** Counts the changes to the documents since this KB was opened: what was learned from them is stale when it moves. */
  get revision(): number {
    return this.changes;
  }

  documents(): DocumentRecord[] {
    return [...this.docs.values()];
  }

  document(id: string): DocumentRecord | undefined {
    return this.docs.get(id);
  }

  chunk(id: string): Chunk | undefined {
    return this.chunkMap.get(id);
  }

  chunksOf(docId: string): Chunk[] {
    return (this.docs.get(docId)?.chunkIds ?? []).map((id) => this.chunkMap.get(id)).filter((c): c is Chunk => c !== undefined);
  }

  /** True when this chunk's vector is already in the index (so re-ingest need not embed it). */
  hasVector(chunkId: string): boolean {
    return this.vectors?.has(chunkId) ?? false;
  }

  /**
   * Replaces a document and its chunks. `vectors` holds embeddings, by vector id (vector-texts.ts),
   * for chunks whose vectors are not yet indexed; chunks of the previous version that are gone are removed from both indexes.
   */
  putDocument(doc: DocumentRecord, chunks: Chunk[], vectors: ReadonlyMap<string, number[]>): void {
    this.changes++;
    const keep = new Set(chunks.map((c) => c.id));
    const previous = this.docs.get(doc.id);
    if (previous) this.dropChunks(previous.chunkIds.filter((id) => !keep.has(id)));
    this.docs.set(doc.id, { ...doc, chunkIds: chunks.map((c) => c.id) });
    for (const c of chunks) this.chunkMap.set(c.id, c);
    this.lexical.add(chunks);
    const items = chunks.flatMap((c) => vectorIdsOf(c).filter((id) => vectors.has(id)).map((id) => ({ id, vector: vectors.get(id)! })));
    if (items.length > 0) this.vectorIndex(items[0]!.vector.length).upsert(items);
  }

  removeDocument(id: string): boolean {
    const doc = this.docs.get(id);
    if (!doc) return false;
    this.changes++;
    this.dropChunks(doc.chunkIds);
    this.docs.delete(id);
    return true;
  }

  /** How rare a term is among the passages (BM25's idf): a product name outweighs "how". */
  idf(term: string): number {
    return this.lexical.idf(term);
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const parts = { chunks: this.chunkMap, lexical: this.lexical, vectors: this.vectors, embedder: this.options.embedder, glossary: this.options.glossary };
    return hybridSearch(parts, query, { ...this.options.search, ...options });
  }

  stats(): KnowledgeBaseStats {
    const count = (key: (d: DocumentRecord) => string) => {
      const out: Record<string, number> = {};
      for (const d of this.docs.values()) out[key(d)] = (out[key(d)] ?? 0) + 1;
      return out;
    };
    return {
      documents: this.docs.size,
      chunks: this.chunkMap.size,
      vectors: this.vectors?.size ?? 0,
      embedder: this.options.embedder?.id ?? null,
      dimensions: this.vectors?.dimensions ?? null,
      byKind: count((d) => d.kind),
      byLanguage: count((d) => d.language),
      bySource: count((d) => d.source),
    };
  }

  /** Writes a new generation and switches to it atomically (see snapshot.ts). */
  async save(options: { onStep?: (step: SnapshotStep) => void } = {}): Promise<void> {
    await writeGeneration(
      this.options.dir,
      async (dir) => {
        const manifest: KbManifest = {
          version: FORMAT_VERSION,
          embedderId: this.vectors ? this.options.embedder!.id : null,
          dimensions: this.vectors?.dimensions ?? null,
          documents: [...this.docs.values()],
        };
        const files = [path.join(dir, 'manifest.json'), path.join(dir, 'chunks.json')];
        await writeFile(files[0]!, JSON.stringify(manifest));
        await writeFile(files[1]!, JSON.stringify([...this.chunkMap.values()]));
        if (this.vectors) files.push(...(await this.vectors.save(dir)));
        return files;
      },
      options.onStep,
    );
  }

  private vectorIndex(dimensions: number): HnswVectorIndex {
    if (!this.vectors) {
      const embedderId = this.options.embedder?.id;
      if (!embedderId) throw new IndexMismatchError('vectors given to a knowledge base without an embedder');
      this.vectors = HnswVectorIndex.create({ embedderId, dimensions }, this.options.hnsw);
    }
    return this.vectors;
  }

  private dropChunks(ids: string[]): void {
    const vectorIds = ids.flatMap((id) => {
      const c = this.chunkMap.get(id);
      return c ? vectorIdsOf(c) : [id];
    });
    for (const id of ids) this.chunkMap.delete(id);
    this.lexical.delete(ids);
    this.vectors?.delete(vectorIds);
  }
}
