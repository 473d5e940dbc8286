import { tokenize } from '../retrieval/tokenizer.js';
import type { Chunk, SearchHit } from '../retrieval/types.js';
import type { Citation } from './types.js';

// The embedded default composes without a language model: the matched FAQ answer as written, or
// the sentences of the best manual passage that carry the question's terms. Nothing is invented.

const SNIPPET_CHARS = 240;
const WHOLE_PASSAGE_CHARS = 600;
const MAX_SENTENCES = 3;

export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, SNIPPET_CHARS - 1).replace(/\s\S*$/, '')}…`;
}

export function citationOf(chunk: Chunk): Citation {
  return {
    docId: chunk.docId,
    chunkId: chunk.id,
    title: chunk.title,
    snippet: snippet(chunk.text),
    source: chunk.source,
    ...(chunk.metadata.url ? { url: chunk.metadata.url } : {}),
  };
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s+|(?<=[。！？])|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The passage sentences that answer `query`, in the passage's order. */
export function extractPassage(text: string, query: string): string {
  // Short passages and table rows read best whole (a row cut in half loses its meaning).
  if (text.length <= WHOLE_PASSAGE_CHARS || text.includes('|')) return text.trim();
  const want = new Set(tokenize(query));
  const all = sentences(text);
  const scored = all.map((s, i) => ({ i, score: tokenize(s).filter((t) => want.has(t)).length }));
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a), scored[0]!);
  // The best sentence with the ones after it: instructions continue in the next steps.
  return all.slice(best.i, best.i + MAX_SENTENCES).join(' ');
}

export interface ExtractiveAnswer {
  text: string;
  citations: Citation[];
}

export function extractiveAnswer(hit: SearchHit, query: string): ExtractiveAnswer {
  const { chunk } = hit;
  const text = chunk.kind === 'faq' ? chunk.text.trim() : extractPassage(chunk.text, query);
  return { text, citations: [citationOf(chunk)] };
}
