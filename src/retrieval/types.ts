import { z } from 'zod';
import type { FusionMethod } from './fusion.js';

/** Metadata a knowledge manager can filter on. */
export const FILTER_KEYS = ['module', 'fault_type', 'language', 'tags', 'source', 'category', 'kind'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type SearchFilters = Partial<Record<FilterKey, string>>;

export const SearchFieldSchema = z.enum(['question', 'answer', 'all']);
export type SearchField = z.infer<typeof SearchFieldSchema>;

export interface ChunkMetadata {
  module?: string;
  fault_type?: string;
  category?: string;
  tags?: string[];
  url?: string;
  /** The document this one translates (an FAQ entry written in two languages). */
  translationOf?: string;
}

/** The unit of retrieval: one FAQ entry, or one passage of a manual under its heading path. */
export interface Chunk {
  id: string;
  docId: string;
  kind: 'faq' | 'manual';
  /** The document's title (for a FAQ entry, its question). */
  title: string;
  /** The question an FAQ entry answers; for a manual passage, its heading path joined. */
  question: string;
  /** An FAQ entry's other wordings of its question ("similar questions"), or a manual section's example questions, when its manager wrote some. */
  alternates?: string[];
  /** The FAQ answer, or the passage text. */
  text: string;
  headingPath: string[];
  language: string;
  source: string;
  position: number;
  metadata: ChunkMetadata;
}

export interface DocumentRecord {
  id: string;
  kind: 'faq' | 'manual';
  title: string;
  source: string;
  format: string;
  language: string;
  /** Hash of the normalised content and metadata: unchanged hash means nothing to re-embed. */
  contentHash: string;
  chunkIds: string[];
  metadata: ChunkMetadata;
  updatedAt: string;
}

export interface RankedSignal {
  rank: number;
  score: number;
}

export interface SearchHit {
  chunk: Chunk;
  /** Fused score (reciprocal-rank fusion in hybrid mode; the ranker's own score otherwise). */
  score: number;
  lexical?: RankedSignal;
  dense?: RankedSignal;
  /** Cosine similarity to the nearest wording of an FAQ entry's question, for entries with alternates (vector-texts.ts). */
  questionSimilarity?: number;
  /** How many of the specific codes the query quoted ("E1042", "XR-200") the passage contains; such passages rank first. */
  codeMatches?: number;
}

export type SearchMode = 'hybrid' | 'lexical' | 'dense';

export interface SearchOptions {
  k?: number;
  field?: SearchField;
  filters?: SearchFilters;
  mode?: SearchMode;
  /** A vector already computed for this query (the agent embeds a message once). */
  queryVector?: number[];
  /** Weight of the dense ranking relative to BM25 in the fusion (1 = equal). */
  denseWeight?: number;
  /** How the two rankings are combined (default: convex combination of normalised scores). */
  fusion?: FusionMethod;
}

/**
 * The text a chunk is embedded from: what a customer's question should land near. An FAQ embeds
 * its question with its answer: customers describe symptoms the answer names ("my camera died" →
 * warranty), and on the fixtures' queries this beat the question alone (bench:retrieval).
 */
export function embeddingText(chunk: Pick<Chunk, 'kind' | 'title' | 'question' | 'text' | 'headingPath'>): string {
  if (chunk.kind === 'faq') return `${chunk.question}\n${chunk.text}`;
  return `${[chunk.title, ...chunk.headingPath].join(' > ')}\n${chunk.text}`;
}
