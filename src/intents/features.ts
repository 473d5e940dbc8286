import type { EmbeddingProvider } from '../retrieval/embeddings/provider.js';
import type { Glossary } from '../retrieval/glossary.js';
import { detectLanguage } from '../retrieval/language.js';
import { tokenize } from '../retrieval/tokenizer.js';

/** One message as the classifier sees it: a sentence embedding plus hashed sparse lexical features. */
export interface FeatureVector {
  dense: Float32Array | null;
  /** Sorted unique hashed feature indices and their values (L2-normalised). */
  idx: Int32Array;
  val: Float32Array;
}

export interface FeaturizerOptions {
  embedder: EmbeddingProvider | null;
  glossary?: Glossary;
  /** Size of the hashed lexical space. */
  hashBits?: number;
  /** Also every pair of adjacent Chinese characters (word segmentation misses some words). */
  hanBigrams?: boolean;
}

// FNV-1a: fast, stable across runs and platforms, good enough spread for feature hashing.
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Lexical features that carry meaning an English-only embedder cannot: stemmed words and word
 * pairs (English and Chinese), character trigrams (typos: "recieve", "refnud"), and glossary
 * concepts shared by both languages (退款 and "refund" light up the same feature).
 */
export function lexicalTerms(text: string, glossary?: Glossary, hanBigrams = false): string[] {
  const tokens = tokenize(text);
  const terms = tokens.map((t) => `w:${t}`);
  for (let i = 0; i + 1 < tokens.length; i++) terms.push(`b:${tokens[i]}_${tokens[i + 1]}`);
  const lower = ` ${text.toLowerCase().replace(/\s+/g, ' ').trim()} `;
  for (let i = 0; i + 3 <= lower.length; i++) {
    const tri = lower.slice(i, i + 3);
    if (!/^[\s\p{P}]+$/u.test(tri)) terms.push(`c:${tri}`);
  }
  if (glossary) for (const m of glossary.match(text)) terms.push(`g:${m.group.en[0] ?? m.group.zh[0]}`);
  if (hanBigrams) for (const run of text.match(/\p{Script=Han}{2,}/gu) ?? []) for (let i = 0; i + 2 <= run.length; i++) terms.push(`z:${run.slice(i, i + 2)}`);
  return terms;
}

export class Featurizer {
  readonly hashDims: number;

  constructor(private readonly options: FeaturizerOptions) {
    this.hashDims = 1 << (options.hashBits ?? 18);
  }

  get denseDims(): number {
    return this.options.embedder?.dimensions ?? 0;
  }

  get embedderId(): string | null {
    return this.options.embedder?.id ?? null;
  }

  sparse(text: string): Pick<FeatureVector, 'idx' | 'val'> {
    const counts = new Map<number, number>();
    for (const term of lexicalTerms(text, this.options.glossary, this.options.hanBigrams)) {
      // Namespaces weigh differently: a word says more than one of its trigrams.
      const weight = term.startsWith('c:') ? 0.35 : term.startsWith('g:') ? 0.8 : 1;
      const h = fnv1a(term) & (this.hashDims - 1);
      counts.set(h, (counts.get(h) ?? 0) + weight);
    }
    const idx = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const val = Float32Array.from(idx, (i) => Math.log1p(counts.get(i)!));
    const norm = Math.hypot(...val) || 1;
    for (let i = 0; i < val.length; i++) val[i]! /= norm;
    return { idx, val };
  }

  /**
   * Features for many texts at once (embedding is batched). A message in a language the embedder
   * does not serve gets the embedding of its glossary gist in English, or none.
   */
  async featurize(texts: readonly string[]): Promise<FeatureVector[]> {
    const embedder = this.options.embedder;
    const dense: Array<Float32Array | null> = texts.map(() => null);
    if (embedder) {
      const inputs: Array<{ i: number; text: string }> = [];
      texts.forEach((t, i) => {
        if (embedder.servesLanguage(detectLanguage(t))) inputs.push({ i, text: t });
        else if (this.options.glossary && embedder.servesLanguage('en')) {
          const gist = this.options.glossary.gist(t);
          if (gist) inputs.push({ i, text: gist });
        }
      });
      const vectors = inputs.length ? await embedder.embedDocuments(inputs.map((x) => x.text)) : [];
      inputs.forEach(({ i }, j) => (dense[i] = Float32Array.from(vectors[j]!)));
    }
    return texts.map((t, i) => ({ dense: dense[i] ?? null, ...this.sparse(t) }));
  }
}
