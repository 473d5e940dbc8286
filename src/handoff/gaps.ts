import { tokenize } from '../retrieval/tokenizer.js';

// Knowledge gaps: questions the bot escalated because it did not know (low confidence or out of
// scope), grouped into clusters of similar questions so a knowledge manager sees what to write
// first. Similarity is term overlap (the tokenizer serves English and Chinese alike).

export interface GapQuestion {
  text: string;
  language: string;
  at: Date;
}

export interface KnowledgeGap {
  /** The question most like the others in its cluster. */
  question: string;
  count: number;
  languages: string[];
  examples: string[];
  lastSeen: Date;
}

const SIMILAR = 0.34;
const EXAMPLES = 5;

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

export function clusterGaps(questions: readonly GapQuestion[]): KnowledgeGap[] {
  const clusters: Array<{ members: Array<GapQuestion & { terms: Set<string> }> }> = [];
  for (const q of [...questions].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const terms = new Set(tokenize(q.text));
    if (terms.size === 0) continue;
    let best: (typeof clusters)[number] | null = null;
    let bestScore = SIMILAR;
    for (const c of clusters) {
      // The closest member decides (single linkage): paraphrases chain into one cluster.
      const score = Math.max(...c.members.map((m) => jaccard(terms, m.terms)));
      if (score >= bestScore) [best, bestScore] = [c, score];
    }
    const target = best ?? clusters[clusters.push({ members: [] }) - 1]!;
    target.members.push({ ...q, terms });
  }
  return clusters
    .map((c) => {
      const central = c.members.reduce((a, b) => (score(b) > score(a) ? b : a));
      function score(m: { terms: Set<string> }) {
        return c.members.reduce((s, o) => s + jaccard(m.terms, o.terms), 0);
      }
      return {
        question: central.text,
        count: c.members.length,
        languages: [...new Set(c.members.map((m) => m.language))].sort(),
        examples: [...new Set(c.members.map((m) => m.text))].slice(-EXAMPLES).reverse(),
        lastSeen: new Date(Math.max(...c.members.map((m) => m.at.getTime()))),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastSeen.getTime() - a.lastSeen.getTime());
}
