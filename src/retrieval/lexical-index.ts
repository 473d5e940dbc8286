import MiniSearch, { type SearchOptions as MiniSearchOptions } from 'minisearch';
import type { Chunk, SearchField } from './types.js';
import { tokenize } from './tokenizer.js';

// BM25 (MiniSearch's BM25+) over the chunk's question (and an FAQ's alternate wordings of it), title
// and text, with our EN/ZH tokenizer.
// MiniSearch is maintained, small, supports removal, per-field boosts and fuzzy matching (typos),
// which is everything a support KB needs from a lexical index.

type IndexedDoc = Pick<Chunk, 'id' | 'title' | 'question' | 'text'> & { alternates?: string };
type LexicalDoc = Pick<Chunk, 'id' | 'title' | 'question' | 'text' | 'alternates'> & { kind?: Chunk['kind'] };

const FIELDS: Record<SearchField, string[]> = {
  question: ['question', 'alternates'],
  answer: ['text'],
  all: ['question', 'alternates', 'title', 'text'],
};

// Alternate wordings are many questions in one field: each shared word counts less than in the question.
const ALTERNATES_BOOST = 1;

const HAN = /\p{Script=Han}/u;

// Typos are forgiven on longer Latin words only: codes ("e1042") and Chinese terms must match exactly.
function fuzziness(term: string): number | false {
  return term.length >= 5 && !/\d/.test(term) && !HAN.test(term) ? 0.2 : false;
}

// A term with both letters and digits is a product or error code ("e1042", "xr200").
const CODE_TERM = /^(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]+$/;
// A code is specific when few passages mention it: an error code, not a product name everywhere.
const SPECIFIC_MAX_SHARE = 0.02;
const SPECIFIC_MIN_COUNT = 10;

export class LexicalIndex {
  /** Which chunks mention each code in their question or text. */
  private readonly codes = new Map<string, Set<string>>();
  private readonly codesOf = new Map<string, string[]>();
  /** How many chunks use each term: a term the index knows is not a typo. */
  private readonly vocabulary = new Map<string, number>();
  private readonly termsOf = new Map<string, string[]>();
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

  /** BM25's inverse document frequency; a term no passage uses counts as the rarest there is. */
  idf(term: string): number {
    const df = Math.max(1, this.vocabulary.get(term) ?? 0);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  add(chunks: readonly LexicalDoc[]): void {
    for (const c of chunks) {
      if (this.index.has(c.id)) this.index.discard(c.id);
      // An FAQ's title is its question: indexing it twice would triple-weight question words.
      this.index.add({ id: c.id, title: c.kind === 'faq' ? '' : c.title, question: c.question, alternates: c.alternates?.join('\n') ?? '', text: c.text });
      this.forget(c.id);
      // The passage body is tokenized once: its codes come from it, and with the title's terms it
      // makes the passage's vocabulary.
      const body = new Set(tokenize(`${c.question}\n${c.text}`));
      const terms = [...new Set([...body, ...tokenize(c.title), ...tokenize(c.alternates?.join('\n') ?? '')])];
      this.termsOf.set(c.id, terms);
      for (const t of terms) this.vocabulary.set(t, (this.vocabulary.get(t) ?? 0) + 1);
      const codes = [...body].filter((t) => CODE_TERM.test(t));
      this.codesOf.set(c.id, codes);
      for (const code of codes) (this.codes.get(code) ?? this.codes.set(code, new Set()).get(code)!).add(c.id);
    }
  }

  delete(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.index.has(id)) this.index.discard(id);
      this.forget(id);
    }
  }

  /**
   * The specific codes a query quotes (error codes, rare model numbers) and, per chunk, how many
   * of them it mentions. A customer quoting "E2050" wants the passage about E2050.
   */
  specificCodes(query: string): { codes: string[]; chunks: Map<string, number> } {
    const limit = Math.max(SPECIFIC_MIN_COUNT, Math.floor(this.size * SPECIFIC_MAX_SHARE));
    const codes = [...new Set(tokenize(query))].filter((t) => CODE_TERM.test(t) && (this.codes.get(t)?.size ?? 0) > 0 && this.codes.get(t)!.size <= limit);
    const chunks = new Map<string, number>();
    for (const code of codes) for (const id of this.codes.get(code)!) chunks.set(id, (chunks.get(id) ?? 0) + 1);
    return { codes, chunks };
  }

  /** Drops a chunk's terms from the vocabulary and its codes from the code index. */
  private forget(id: string): void {
    for (const t of this.termsOf.get(id) ?? []) {
      const n = (this.vocabulary.get(t) ?? 1) - 1;
      if (n > 0) this.vocabulary.set(t, n);
      else this.vocabulary.delete(t);
    }
    this.termsOf.delete(id);
    for (const code of this.codesOf.get(id) ?? []) {
      const set = this.codes.get(code);
      set?.delete(id);
      if (set?.size === 0) this.codes.delete(code);
    }
    this.codesOf.delete(id);
  }

  /**
   * BM25 over the chosen fields. `expansions` (glossary synonyms and translations) are searched
   * too, each term at `expansionWeight` of a term the customer actually wrote.
   */
  search(
    query: string,
    k: number,
    options: { field?: SearchField; filter?: (id: string) => boolean; expansions?: ReadonlyArray<readonly string[]>; expansionWeight?: number } = {},
  ): Array<{ id: string; score: number }> {
    const field = options.field ?? 'all';
    const own = new Set(tokenize(query));
    // Each expansion term counts 0.3 of a term the customer wrote (chosen on the fixtures' queries;
    // sharing one weight among a concept's synonyms measured worse).
    const weights = new Map<string, number>();
    for (const t of tokenize((options.expansions ?? []).flat().join('\n'))) if (!own.has(t)) weights.set(t, options.expansionWeight ?? 0.3);
    // Synonyms repeat terms ("camera" four times): each occurrence counts (BM25+ sums them), so a
    // term is looked up once with its boost times its count. Same scores, a third of the time.
    const counts = new Map<string, number>();
    const text = weights.size ? `${query}\n${(options.expansions ?? []).flat().join('\n')}` : query;
    for (const t of tokenize(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const searchOptions: MiniSearchOptions = {
      fields: FIELDS[field],
      boost: { question: 2, alternates: ALTERNATES_BOOST, title: 1, text: 1 },
      tokenize: () => [...counts.keys()],
      // Only the customer's own words that no passage uses may be typos: glossary expansions are
      // spelled right, and a known word looked up fuzzily costs time and adds near-miss noise.
      fuzzy: (term) => (own.has(term) && !this.vocabulary.has(term) ? fuzziness(term) : false),
      combineWith: 'OR',
      boostTerm: (term) => (counts.get(term) ?? 1) * (own.has(term) ? 1 : (weights.get(term) ?? 0)),
      filter: options.filter ? (r) => options.filter!(String(r.id)) : undefined,
    };
    return this.index
      .search(text, searchOptions)
      .slice(0, k)
      .map((r) => ({ id: String(r.id), score: r.score }));
  }
}
