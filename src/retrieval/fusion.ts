/**
 * Weighted reciprocal-rank fusion (Cormack et al. 2009): score(d) = Σ w / (k + rank). It needs no
 * score calibration between BM25 and cosine, which live on unrelated scales.
 */
export function reciprocalRankFusion(
  lists: ReadonlyArray<{ ids: readonly string[]; weight?: number }>,
  k = 60,
): Array<{ id: string; score: number }> {
  const scores = new Map<string, number>();
  for (const { ids, weight = 1 } of lists) {
    ids.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + weight / (k + i + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
