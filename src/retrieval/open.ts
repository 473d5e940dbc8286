import path from 'node:path';
import type { Config } from '../config.js';
import { createEmbeddings, type EmbeddingProvider } from './embeddings/index.js';
import { defaultGlossary } from './glossary.js';
import { KnowledgeBase } from './knowledge-base.js';

/** The configured knowledge base under `<dataDir>/kb`, with the configured embedder. */
export function openKnowledgeBase(config: Config, options: { rebuild?: boolean; dir?: string; embedder?: EmbeddingProvider | null } = {}): Promise<KnowledgeBase> {
  return KnowledgeBase.open({
    dir: options.dir ?? path.join(config.dataDir, 'kb'),
    embedder: options.embedder !== undefined ? options.embedder : createEmbeddings(config.embeddings),
    hnsw: config.hnsw,
    search: config.search,
    glossary: config.search.glossary ? defaultGlossary() : undefined,
    rebuild: options.rebuild,
  });
}
