/** Classification metrics shared by the intent and sentiment evaluations. */

export function macroF1(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): number {
  const classes = new Set(gold.flat());
  let sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const inGold = g.includes(c);
      const inPred = predicted[i]!.includes(c);
      if (inGold && inPred) tp++;
      else if (inPred) fp++;
      else if (inGold) fn++;
    });
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return classes.size ? sum / classes.size : 0;
}

export function precisionRecall(gold: readonly boolean[], predicted: readonly boolean[]): { precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    if (g && predicted[i]) tp++;
    else if (predicted[i]) fp++;
    else if (g) fn++;
  });
  return { precision: tp + fp ? tp / (tp + fp) : 0, recall: tp + fn ? tp / (tp + fn) : 0 };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** A deterministic split by text hash: the same rows are dev on every run and every machine. */
export function isDevRow(key: string, share = 0.2): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 4294967296 < share;
}
