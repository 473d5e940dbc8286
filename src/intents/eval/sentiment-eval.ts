import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { sentiment } from '../sentiment/index.js';
import { isDevRow, macroF1, percentile, round4 } from './metrics.js';
import { nlpjsSentimentPeer } from './nlpjs-peer.js';

export const SENTIMENT_DATASETS = ['airline', 'waimai', 'shopping'] as const;
export type SentimentDatasetName = (typeof SENTIMENT_DATASETS)[number];

interface Row {
  text: string;
  positive: boolean;
}

/** Binary rows: neutral tweets and labels with confidence < 0.5 are left out. */
async function load(name: SentimentDatasetName, root: string): Promise<{ rows: Row[]; language: 'en' | 'zh' }> {
  const csv = async (f: string) => parseCsv(await readFile(path.join(root, f)), { columns: true, bom: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
  if (name === 'airline') {
    const rows = (await csv('airline_twitter_sentiment/tweets.csv'))
      .filter((r) => r.airline_sentiment !== 'neutral' && Number(r.airline_sentiment_confidence) >= 0.5)
      .map((r) => ({ text: r.text!, positive: r.airline_sentiment === 'positive' }));
    return { rows, language: 'en' };
  }
  const file = name === 'waimai' ? 'chinese_sentiment/waimai_10k.csv' : 'chinese_sentiment/online_shopping_10_cats.csv';
  return { rows: (await csv(file)).filter((r) => r.review?.trim()).map((r) => ({ text: r.review!, positive: r.label === '1' })), language: 'zh' };
}

export interface SentimentEvalResult {
  accuracy: number;
  macro_f1: number;
  n: number;
  /** The score above which a message counts as positive, chosen on the dev rows. */
  threshold?: number;
  predict_p50_ms: number;
}

function scoreRows(rows: Row[], predictPositive: (i: number) => boolean, latencies: number[], threshold?: number): SentimentEvalResult {
  const gold = rows.map((r) => [r.positive ? 'positive' : 'negative']);
  const pred = rows.map((_, i) => [predictPositive(i) ? 'positive' : 'negative']);
  return {
    accuracy: round4(rows.filter((r, i) => r.positive === predictPositive(i)).length / rows.length),
    macro_f1: round4(macroF1(gold, pred)),
    n: rows.length,
    ...(threshold === undefined ? {} : { threshold: round4(threshold) }),
    predict_p50_ms: round4(percentile(latencies, 0.5)),
  };
}

/** Picks the positive/negative cut-off on dev rows, then scores the test rows with it. */
async function run(dev: Row[], test: Row[], scorer: (r: Row) => number | Promise<number>): Promise<SentimentEvalResult> {
  const devScores: number[] = [];
  for (const r of dev) devScores.push(await scorer(r));
  const candidates = [...new Set(devScores.map((s) => Math.round(s * 100) / 100))].sort((a, b) => a - b);
  let threshold = 0;
  let best = -1;
  for (const t of candidates) {
    const acc = dev.filter((r, i) => r.positive === devScores[i]! > t).length;
    if (acc > best) [best, threshold] = [acc, t];
  }
  const latencies: number[] = [];
  const scores: number[] = [];
  for (const r of test) {
    const t = performance.now();
    scores.push(await scorer(r));
    latencies.push(performance.now() - t);
  }
  return scoreRows(test, (i) => scores[i]! > threshold, latencies, threshold);
}

/** n rows spread evenly over `rows` (all of them without n): a deterministic smoke-test subsample. */
export function evenly<T>(rows: T[], n?: number): T[] {
  if (!n || rows.length <= n) return rows;
  const every = Math.floor(rows.length / n);
  return rows.filter((_, i) => i % every === 0).slice(0, n);
}

/**
 * Binary accuracy on the positive and negative rows. Each method's cut-off is chosen on a fixed
 * 20% dev share and accuracy is reported on the other 80%. (The lexicons were written, not fitted.)
 */
export async function evaluateSentiment(name: SentimentDatasetName, root: string, options: { peer?: 'nlpjs'; sample?: number } = {}) {
  const { rows, language } = await load(name, root);
  const dev = evenly(rows.filter((r) => isDevRow(r.text)), options.sample);
  const test = evenly(rows.filter((r) => !isDevRow(r.text)), options.sample);
  const out: { dataset: string; deskmate: SentimentEvalResult; nlpjs?: SentimentEvalResult } = {
    dataset: name,
    deskmate: await run(dev, test, (r) => sentiment(r.text, language).score),
  };
  if (options.peer === 'nlpjs') {
    let peer: Awaited<ReturnType<typeof nlpjsSentimentPeer>> | null = null;
    try {
      peer = await nlpjsSentimentPeer(language);
      // Without a model for the language NLP.js scores everything 0: it does not support it.
      const probes = language === 'zh' ? ['太好了，非常满意', '太差了，很失望'] : ['great, very happy', 'terrible, very disappointed'];
      if ((await Promise.all(probes.map((p) => peer!(p)))).every((r) => r.score === 0)) peer = null;
    } catch {
      peer = null; // NLP.js has no sentiment model for this language: nothing to compare against.
    }
    if (peer) out.nlpjs = await run(dev, test, async (r) => (await peer(r.text)).score);
  }
  return out;
}
