import type { Config } from '../../config.js';
import { OpenAICompatibleEmbeddings } from './openai.js';
import type { EmbeddingProvider } from './provider.js';
import { UseLiteEmbeddings } from './use-lite.js';

export { EmbeddingProvider } from './provider.js';
export { UseLiteEmbeddings } from './use-lite.js';
export { OpenAICompatibleEmbeddings } from './openai.js';
export { HashingEmbeddings } from './hashing.js';

/** The configured provider, or null for lexical-only mode (`DESKMATE_EMBEDDINGS=none`). */
export function createEmbeddings(config: Config['embeddings']): EmbeddingProvider | null {
  switch (config.provider) {
    case 'use-lite':
      return new UseLiteEmbeddings();
    case 'openai':
      return new OpenAICompatibleEmbeddings(config.openai);
    case 'none':
      return null;
  }
}
