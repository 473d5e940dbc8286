import type { SearchHit, SearchOptions } from '../retrieval/types.js';

/** What candidate retrieval needs of the knowledge base. */
export interface Searchable {
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
}

// Passages the ranker chooses from: the search's best, in its order.
export const CANDIDATES = 15;
// How deep to look for passages of a kind the best ones crowd out.
const DEPTH = 50;
// Manuals kept among the candidates however many FAQ entries match better. An FAQ entry with
// dozens of alternate wordings matches some words of almost any question about its product, and
// fifteen such entries once filled the list: the manual section that answered was never ranked.
const MIN_MANUALS = 3;

/**
 * The passages the ranker chooses from: the search's best, plus the best passages of a few manuals
 * that did not make it, each with its own place and scores in the one search (nothing re-scored).
 */
export async function candidatesFor(kb: Searchable, query: string): Promise<SearchHit[]> {
  const all = await kb.search(query, { k: DEPTH });
  const out = all.slice(0, CANDIDATES);
  const manuals = new Set(out.filter((h) => h.chunk.kind === 'manual').map((h) => h.chunk.docId));
  for (const h of all.slice(CANDIDATES)) {
    if (manuals.size >= MIN_MANUALS) break;
    if (h.chunk.kind !== 'manual' || manuals.has(h.chunk.docId)) continue;
    manuals.add(h.chunk.docId);
    out.push(h);
  }
  return out;
}
