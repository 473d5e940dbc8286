import { tokenize } from '../retrieval/tokenizer.js';
import type { SearchHit } from '../retrieval/types.js';

/** What the confidence is computed from; kept on the turn so QA can see why. */
export interface ConfidenceSignals {
  /** Share of the query's terms found in the top passage (its question, title and text). */
  coverage: number;
  /** Share of the query's terms found in the top FAQ question or passage heading. */
  titleCoverage: number;
  /** Cosine similarity of the query and the top passage, when vectors were searched. */
  dense: number | null;
  /** Relative lead of the top document's score over the next different document's, in [0, 1]. */
  margin: number;
  /** The intent classifier saw none of the business's intents. */
  outOfScope: boolean;
  /** Probability that the message has the intent the top passage was written for. */
  intentAgreement: number;
}

export function confidenceSignals(hits: ReadonlyArray<SearchHit & { intentAgreement?: number }>, query: string, outOfScope: boolean): ConfidenceSignals {
  const top = hits[0];
  if (!top) return { coverage: 0, titleCoverage: 0, dense: null, margin: 0, outOfScope, intentAgreement: 0 };
  const terms = [...new Set(tokenize(query))];
  const chunk = top.chunk;
  const body = new Set(tokenize([chunk.title, chunk.question, ...chunk.headingPath, chunk.text].join('\n')));
  const head = new Set(tokenize([chunk.title, chunk.question, ...chunk.headingPath].join('\n')));
  const share = (set: Set<string>) => (terms.length ? terms.filter((t) => set.has(t)).length / terms.length : 0);
  const next = hits.find((h) => h.chunk.docId !== chunk.docId);
  return {
    coverage: share(body),
    titleCoverage: share(head),
    dense: top.dense ? top.dense.score : null,
    // Relative, because a lexical-only search scores in raw BM25 units and a hybrid one in [0, 1].
    margin: top.score <= 0 ? 0 : next ? Math.max(0, top.score - next.score) / top.score : 1,
    outOfScope,
    intentAgreement: top.intentAgreement ?? 0,
  };
}

// Logistic weights over the signals, fitted on the development queries only
// (fixtures/eval/retrieval.jsonl and fixtures/eval/lumen-dev.jsonl) by scripts/fit-confidence.ts:
// the label is "the top document is a right one". Separate weights when no vector was searched
// (Chinese with the English embedder), where the lexical signals must carry it alone.
export const CONFIDENCE_WEIGHTS = {
  dense: { bias: -2.44, coverage: 2.35, titleCoverage: 0.66, dense: 1.19, margin: 1.37, outOfScope: -0.57, intentAgreement: 1.63 },
  lexical: { bias: -0.56, coverage: 1.54, titleCoverage: -0.56, dense: 0, margin: 1.24, outOfScope: -1.71, intentAgreement: 1.52 },
};

export function confidence(s: ConfidenceSignals, weights = CONFIDENCE_WEIGHTS): number {
  const w = s.dense === null ? weights.lexical : weights.dense;
  const z =
    w.bias +
    w.coverage * s.coverage +
    w.titleCoverage * s.titleCoverage +
    w.dense * (s.dense ?? 0) +
    w.margin * s.margin +
    w.outOfScope * (s.outOfScope ? 1 : 0) +
    w.intentAgreement * s.intentAgreement;
  return 1 / (1 + Math.exp(-z));
}
