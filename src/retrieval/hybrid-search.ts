import type { EmbeddingProvider } from './embeddings/provider.js';
import { convexFusion, reciprocalRankFusion } from './fusion.js';
import type { Glossary } from './glossary.js';
import { detectLanguage } from './language.js';
import type { LexicalIndex } from './lexical-index.js';
import type { Chunk, SearchFilters, SearchHit, SearchOptions } from './types.js';
import type { VectorIndex } from './vector-index.js';
import { chunkOfVector } from './vector-texts.js';

export interface SearchParts {
  chunks: ReadonlyMap<string, Chunk>;
  lexical: LexicalIndex;
  vectors: VectorIndex | null;
  embedder: EmbeddingProvider | null;
  /** Bridges languages and wordings; without it, search uses only the customer's own words. */
  glossary?: Glossary;
}

// Each ranker contributes its top candidates; fusion re-ranks their union.
const CANDIDATES = 50;
// Dense share of the fused score; 0.5 (from 0.3–0.5, with the glossary on) was chosen on
// the fixtures' retrieval queries (dev) and holds on StackFAQ and COVID-FAQ (bench:retrieval).
export const DEFAULT_DENSE_WEIGHT = 0.5;
// Vectors looked at per chunk wanted, at first: an FAQ entry with alternates owns several
// (vector-texts.ts), and entries whose wordings all sit near the query can fill a fixed window
// between them, so the window doubles until it holds enough distinct chunks (or every vector).
const VECTORS_PER_CHUNK = 2;
// Score factor for passages in another language than the query (chosen on the fixtures, dev).
const OTHER_LANGUAGE_FACTOR = 0.8;

export function matchesFilters(chunk: Chunk, filters: SearchFilters): boolean {
  for (const [key, want] of Object.entries(filters)) {
    if (want === undefined) continue;
    const w = want.toLowerCase();
    const has = (v: string | undefined) => v !== undefined && v.toLowerCase() === w;
    const ok =
      key === 'tags' ? (chunk.metadata.tags ?? []).some(has)
      : key === 'source' ? chunk.source === want || chunk.source.startsWith(want.endsWith('/') ? want : `${want}/`)
      : key === 'language' ? has(chunk.language)
      : key === 'kind' ? has(chunk.kind)
      : has(chunk.metadata[key as 'module' | 'fault_type' | 'category']);
    if (!ok) return false;
  }
  return true;
}

/**
 * Dense HNSW + BM25, fused by a convex combination of normalised scores. Queries in a language the embedder does not serve
 * (Chinese with the English USE-lite) are searched lexically only; an answer-only field search
 * is lexical too, so that the question cannot match.
 */
export async function hybridSearch(parts: SearchParts, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const k = options.k ?? 5;
  const mode = options.mode ?? 'hybrid';
  const field = options.field ?? 'all';
  const filters = options.filters ?? {};
  const filter = Object.keys(filters).length
    ? (id: string) => {
        const c = parts.chunks.get(id);
        return c !== undefined && matchesFilters(c, filters);
      }
    : undefined;
  const depth = Math.max(CANDIDATES, k);
  const denseWeight = options.denseWeight ?? DEFAULT_DENSE_WEIGHT;

  const queryLanguage = detectLanguage(query);
  const expansions = mode === 'hybrid' && parts.glossary ? parts.glossary.expansions(query) : [];
  const lexical = mode === 'dense' ? [] : parts.lexical.search(query, depth, { field, filter, expansions });

  // Dense search is skipped for a query in a language the embedder does not serve (Chinese with
  // USE-lite): its vector would be noise. (Embedding the glossary's English gist of a Chinese
  // query instead was measured and did not help.)
  const embedder = parts.embedder;
  const denseUsable =
    mode !== 'lexical' &&
    field !== 'answer' &&
    parts.vectors !== null &&
    parts.vectors.size > 0 &&
    embedder !== null &&
    (options.queryVector !== undefined || embedder.servesLanguage(queryLanguage));
  const { dense, questions } = denseUsable ? denseSearch(parts.vectors!, options.queryVector ?? (await embedder!.embedQuery(query)), depth, filter) : { dense: [], questions: new Map<string, number>() };

  const lexicalRank = new Map(lexical.map((h, i) => [h.id, { rank: i + 1, score: h.score }]));
  const denseRank = new Map(dense.map((h, i) => [h.id, { rank: i + 1, score: h.score }]));
  const fused =
    mode === 'lexical' ? lexical
    : mode === 'dense' ? dense
    : dense.length === 0 ? lexical
    : (options.fusion === 'rrf' ? reciprocalRankFusion : convexFusion)([
        { hits: lexical, weight: 1 - denseWeight },
        { hits: dense, weight: denseWeight },
      ]);

  // A customer writing Chinese wants the Chinese passage when both languages cover a topic;
  // the other language's passages still rank when they are the only ones that match.
  let ranked = fused;
  if (mode === 'hybrid') {
    const preferred = (id: string) => queryLanguage === 'other' || parts.chunks.get(id)?.language === queryLanguage;
    // Passages that mention the specific codes the customer quoted come first, the more the better.
    const { chunks: coded } = field === 'answer' ? { chunks: new Map<string, number>() } : parts.lexical.specificCodes(query);
    const candidates = new Map(fused.map((h) => [h.id, h.score]));
    for (const id of coded.keys()) if (!candidates.has(id) && (!filter || filter(id))) candidates.set(id, 0);
    ranked = [...candidates]
      .map(([id, score]) => ({ id, score: preferred(id) ? score : score * OTHER_LANGUAGE_FACTOR, codes: coded.get(id) ?? 0 }))
      .sort((a, b) => b.codes - a.codes || b.score - a.score);
  }
  const hits: SearchHit[] = [];
  for (const { id, score, codes } of ranked as Array<{ id: string; score: number; codes?: number }>) {
    const chunk = parts.chunks.get(id);
    if (!chunk) continue;
    const question = questions.get(id);
    hits.push({ chunk, score, lexical: lexicalRank.get(id), dense: denseRank.get(id), ...(question !== undefined ? { questionSimilarity: question } : {}), ...(codes ? { codeMatches: codes } : {}) });
    if (hits.length === k) break;
  }
  return hits;
}

/**
 * Chunks by their nearest vector (a chunk's own, or one of its question wordings), best first, and
 * each chunk's similarity to its nearest question wording where it has such vectors.
 */
function denseSearch(vectors: VectorIndex, vector: number[], depth: number, filter?: (chunkId: string) => boolean): { dense: Array<{ id: string; score: number }>; questions: Map<string, number> } {
  const best = new Map<string, number>();
  const questions = new Map<string, number>();
  const wanted = (id: string) => !filter || filter(chunkOfVector(id).chunkId);
  for (let window = depth * VECTORS_PER_CHUNK; ; window *= 2) {
    best.clear();
    questions.clear();
    const found = vectors.search(vector, Math.min(window, vectors.size), filter ? wanted : undefined);
    for (const h of found) {
      const { chunkId, question } = chunkOfVector(h.id);
      if (!best.has(chunkId)) best.set(chunkId, h.score); // hits come best first
      if (question && !questions.has(chunkId)) questions.set(chunkId, h.score);
    }
    if (best.size >= depth || window >= vectors.size || found.length < Math.min(window, vectors.size)) break;
  }
  return { dense: [...best].map(([id, score]) => ({ id, score })).slice(0, depth), questions };
}
