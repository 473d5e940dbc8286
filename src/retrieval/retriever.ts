import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { KnowledgeBase } from './knowledge-base.js';
import type { SearchOptions } from './types.js';

/**
 * Hybrid search as a LangChain retriever, so chains and agents built on LangChain can use the
 * knowledge base. Each document's metadata carries the chunk and document ids for citation.
 */
export class KnowledgeBaseRetriever extends BaseRetriever {
  lc_namespace = ['deskmate', 'retrievers'];

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly searchOptions: SearchOptions = {},
    fields?: BaseRetrieverInput,
  ) {
    super(fields);
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const hits = await this.kb.search(query, this.searchOptions);
    return hits.map(
      (h) =>
        new Document({
          id: h.chunk.id,
          pageContent: h.chunk.kind === 'faq' ? `Q: ${h.chunk.question}\nA: ${h.chunk.text}` : h.chunk.text,
          metadata: {
            chunkId: h.chunk.id,
            docId: h.chunk.docId,
            title: h.chunk.title,
            headingPath: h.chunk.headingPath,
            kind: h.chunk.kind,
            language: h.chunk.language,
            source: h.chunk.source,
            score: h.score,
            ...h.chunk.metadata,
          },
        }),
    );
  }
}
