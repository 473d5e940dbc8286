import { detectLanguage, type Language } from './language.js';
import { embeddingText, type Chunk } from './types.js';

// A chunk is found by its own vector and, for an FAQ entry whose manager wrote alternate wordings,
// by one vector per wording of its question (the question and the first alternates), so a
// customer's wording lands near the entry's nearest one even when the answer text uses other words.
// A manual section's example questions are matched lexically and by the answer classifier only:
// a long section is several chunks, and each would carry the same vectors again.
// Embedding is the slow part of ingest (USE-lite: ~40 ms a text on two cores). Every wording
// embedded, sections included, the demo KB took 102 s to ingest instead of 21 s, for about 2 points
// of dev resolution out of fold; 16 per entry did no better than 8.
const MAX_WORDING_VECTORS = 8;

const QUESTION = '@q';

type VectorSource = Pick<Chunk, 'id' | 'kind' | 'title' | 'question' | 'text' | 'headingPath' | 'language' | 'alternates'>;

/** An FAQ entry's wordings of its question that may get their own vectors: none without alternates. */
function questions(chunk: VectorSource): string[] {
  return chunk.kind === 'faq' && chunk.alternates?.length ? [chunk.question, ...chunk.alternates] : [];
}

/** Every vector id a chunk may own (for removal: ids never added are skipped by the index). */
export function vectorIdsOf(chunk: VectorSource): string[] {
  return [chunk.id, ...questions(chunk).map((_, i) => `${chunk.id}${QUESTION}${i}`)];
}

/**
 * What to embed for a chunk, by vector id: its text, and each question wording in a language the
 * embedder serves (a Chinese alternate of an English entry is found lexically, not by USE-lite).
 */
export function vectorTexts(chunk: VectorSource, serves: (language: Language) => boolean): Array<{ id: string; text: string }> {
  const wordings = questions(chunk)
    .map((text, i) => ({ id: `${chunk.id}${QUESTION}${i}`, text }))
    .filter((w) => serves(detectLanguage(w.text)))
    .slice(0, MAX_WORDING_VECTORS);
  return [{ id: chunk.id, text: embeddingText(chunk) }, ...wordings];
}

/** The chunk a vector belongs to, and whether it is one of its question wordings. */
export function chunkOfVector(id: string): { chunkId: string; question: boolean } {
  const at = id.lastIndexOf(QUESTION);
  return at > 0 && /^\d+$/.test(id.slice(at + QUESTION.length)) ? { chunkId: id.slice(0, at), question: true } : { chunkId: id, question: false };
}
