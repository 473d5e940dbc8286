import MiniSearch, { type SearchOptions as MiniSearchOptions } from 'minisearch';
import type { Chunk, SearchField } from './types.js';
import { tokenize } from './tokenizer.js';

// BM25 (MiniSearch's BM25+) over the chunk's question, title and text, with our EN/ZH tokenizer.
// MiniSearch is maintained, small, supports removal, per-field boosts and fuzzy matching (typos),
// which is everything a support KB needs from a lexical index.

type IndexedDoc = Pick<Chunk, 'id' | 'title' | 'question' | 'text'>;
type LexicalDoc = IndexedDoc & { kind?: Chunk['kind'] };

const FIELDS: Record<SearchField, string[]> = {
  question: ['question'],
  answer: ['text'],
  all: ['question', 'title', 'text'],
};

const HAN = /\p{Script=Han}/u;

// Typos are forgiven on longer Latin words only: codes ("e1042") and Chinese terms must match exactly.
function fuzziness(term: string): number | false {
  return term.length >= 5 && !/\d/.test(term) && !HAN.test(term) ? 0.2 : false;
}

export class LexicalIndex {
  private readonly index = new MiniSearch<IndexedDoc>({
    idField: 'id',
    fields: FIELDS.all,
    storeFields: [],
    tokenize,
    processTerm: (term) => term,
  });

  get size(): number {
    return this.index.documentCount;
  }

  add(chunks: readonly LexicalDoc[]): void {
    for (const c of chunks) {
      if (this.index.has(c.id)) this.index.discard(c.id);
      // An FAQ's title is its question: indexing it twice would triple-weight question words.
      this.index.add({ id: c.id, title: c.kind === 'faq' ? '' : c.title, question: c.question, text: c.text });
    }
  }

  delete(ids: Iterable<string>): void {
    for (const id of ids) if (this.index.has(id)) this.index.discard(id);
  }

  search(query: string, k: number, options: { field?: SearchField; filter?: (id: string) => boolean } = {}): Array<{ id: string; score: number }> {
    const field = options.field ?? 'all';
    const searchOptions: MiniSearchOptions = {
      fields: FIELDS[field],
      boost: { question: 2, title: 1, text: 1 },
      fuzzy: fuzziness,
      combineWith: 'OR',
      filter: options.filter ? (r) => options.filter!(String(r.id)) : undefined,
    };
    return this.index
      .search(query, searchOptions)
      .slice(0, k)
      .map((r) => ({ id: String(r.id), score: r.score }));
  }
}
