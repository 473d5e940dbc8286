import { detectLanguage, type Language } from './language.js';
import { embeddingText, type Chunk } from './types.js';

// A chunk is found by its own vector and, for an FAQ entry whose manager wrote alternate wordings
// (or a manual section given example questions), by one vector per wording of its question (the
// question, or the section's heading path, and each alternate). USE-lite is trained
// to put paraphrases of a question close together, so a customer's wording lands near the
// entry's nearest wording even when the answer text uses other words.

const QUESTION = '@q';

type VectorSource = Pick<Chunk, 'id' | 'kind' | 'title' | 'question' | 'text' | 'headingPath' | 'language' | 'alternates'>;

/** The wordings of a chunk's question that get their own vectors: none without alternates. */
function questions(chunk: VectorSource): string[] {
  return chunk.alternates?.length ? [chunk.question, ...chunk.alternates] : [];
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
  const out = [{ id: chunk.id, text: embeddingText(chunk) }];
  questions(chunk).forEach((q, i) => {
    if (serves(detectLanguage(q))) out.push({ id: `${chunk.id}${QUESTION}${i}`, text: q });
  });
  return out;
}

/** The chunk a vector belongs to, and whether it is one of its question wordings. */
export function chunkOfVector(id: string): { chunkId: string; question: boolean } {
  const at = id.lastIndexOf(QUESTION);
  return at > 0 && /^\d+$/.test(id.slice(at + QUESTION.length)) ? { chunkId: id.slice(0, at), question: true } : { chunkId: id, question: false };
}
