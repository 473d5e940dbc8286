import type { IntentClassifier } from '../intents/classifier.js';
import type { RecognisedIntent } from '../intents/understand.js';
import type { Chunk, SearchHit } from '../retrieval/types.js';

// Intent-aware re-ranking. The same classifier that reads the customer's message also reads each
// knowledge-base entry's question (or a manual passage's heading path), once; a passage whose
// intent is the message's gains a boost in proportion to how sure the classifier is. This joins
// what the customer wants ("box came crushed" -> damaged_item) to the entry written for it when
// their words and the entry's share little. The weight was chosen on the development queries.

export const INTENT_BOOST = 0.6;
const DOC_INTENT_MIN = 0.5;

/** A hit with how likely the message's intent is the one its passage was written for. */
export type RerankedHit = SearchHit & { intentAgreement: number };

const labelText = (c: Chunk) => (c.kind === 'faq' ? c.question : [c.title, ...c.headingPath].join(' > '));

export class IntentReranker {
  private readonly labels = new Map<string, { name: string; probability: number } | null>();

  constructor(private readonly classifier: IntentClassifier) {}

  /** The intent each chunk was written for (computed on first sight, then remembered). */
  private async label(chunks: readonly Chunk[]): Promise<void> {
    const todo = chunks.filter((c) => !this.labels.has(c.id));
    if (!todo.length) return;
    const predictions = await this.classifier.predictMany(todo.map(labelText));
    todo.forEach((c, i) => {
      const p = predictions[i]!;
      this.labels.set(c.id, !p.outOfScope && p.top.probability >= DOC_INTENT_MIN ? { name: p.top.name, probability: p.top.probability } : null);
    });
  }

  async rerank(hits: readonly SearchHit[], intents: readonly RecognisedIntent[], boost = INTENT_BOOST): Promise<RerankedHit[]> {
    if (!hits.length || !intents.length || boost === 0) return hits.map((h) => ({ ...h, intentAgreement: 0 }));
    await this.label(hits.map((h) => h.chunk));
    const top = hits[0]!.score || 1;
    const wanted = new Map(intents.map((i) => [i.name, i.probability]));
    return hits
      .map((h, rank) => {
        const label = this.labels.get(h.chunk.id);
        const agree = label ? (wanted.get(label.name) ?? 0) : 0;
        return { hit: { ...h, score: h.score / top + boost * agree, intentAgreement: agree }, rank };
      })
      // Passages quoting the customer's codes stay first, as the search ranked them.
      .sort((a, b) => (b.hit.codeMatches ?? 0) - (a.hit.codeMatches ?? 0) || b.hit.score - a.hit.score || a.rank - b.rank)
      .map((x) => x.hit);
  }
}
