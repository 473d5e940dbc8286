/** Rank metrics over document ids: recall@1, recall@5 and MRR (over the first 10 results). */
export interface RankMetrics {
  'recall@1': number;
  'recall@5': number;
  mrr: number;
  n: number;
}

/** 1-based rank of the first gold document among `ranked` (already deduplicated), or null. */
export function firstGoldRank(ranked: readonly string[], gold: readonly string[], depth = 10): number | null {
  const goldSet = new Set(gold);
  const i = ranked.slice(0, depth).findIndex((id) => goldSet.has(id));
  return i === -1 ? null : i + 1;
}

/** Document ids in rank order, each once (several chunks of one manual count as one document). */
export function dedupe(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

export function rankMetrics(ranks: ReadonlyArray<number | null>): RankMetrics {
  const n = ranks.length;
  if (n === 0) return { 'recall@1': 0, 'recall@5': 0, mrr: 0, n: 0 };
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    'recall@1': round(ranks.filter((r) => r === 1).length / n),
    'recall@5': round(ranks.filter((r) => r !== null && r <= 5).length / n),
    mrr: round(ranks.reduce<number>((s, r) => s + (r === null ? 0 : 1 / r), 0) / n),
    n,
  };
}
