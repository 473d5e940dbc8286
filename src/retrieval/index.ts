export { KnowledgeBase, type KnowledgeBaseOptions, type KnowledgeBaseStats } from './knowledge-base.js';
export { KnowledgeBaseRetriever } from './retriever.js';
export { createEmbeddings, EmbeddingProvider } from './embeddings/index.js';
export { detectLanguage, type Language } from './language.js';
export { tokenize } from './tokenizer.js';
export * from './types.js';
