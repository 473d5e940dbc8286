import type { CaseResult } from '../run.js';
import { percentile, round4 } from '../../src/intents/eval/metrics.js';
import { firstGoldRank, rankMetrics } from './retrieval.js';

export interface SuiteMetrics {
  cases: number;
  self_service_resolution_rate: number;
  answerable_resolution_rate: number;
  wrong_answer_rate: number;
  handoff_precision: number;
  handoff_recall: number;
  /** Correct handoffs whose reasons include one the case expected (cases that name reasons). */
  reason_accuracy: number | null;
  intent_accuracy: number | null;
  'retrieval_recall@5': number | null;
  mrr: number | null;
  latency_p50_ms: number;
  latency_p95_ms: number;
  /** With --repeat k: share of cases that passed in all k runs. */
  'pass^k'?: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : round4(a / b));

export const reasonMatches = (r: CaseResult) => !r.expect.reasons?.length || r.decision.reasons.some((x) => r.expect.reasons!.includes(x));

export function suiteMetrics(results: readonly CaseResult[]): SuiteMetrics {
  const count = (f: (r: CaseResult) => boolean) => results.filter(f).length;
  const answered = count((r) => r.decision.type === 'answered');
  const handedOff = count((r) => r.decision.type === 'handed_off');
  const resolved = count((r) => r.outcome === 'resolved');
  const expectAnswer = count((r) => r.expect.outcome === 'answer');
  const expectHandoff = count((r) => r.expect.outcome === 'handoff');
  const correctHandoffs = results.filter((r) => r.outcome === 'correct_handoff');
  const withReasons = correctHandoffs.filter((r) => r.expect.reasons?.length);
  const withIntent = results.filter((r) => r.expect.intent);
  const withDocs = results.filter((r) => r.expect.outcome === 'answer' && r.expect.doc_ids?.length);
  const ranks = rankMetrics(withDocs.map((r) => firstGoldRank(r.retrievedDocIds, r.expect.doc_ids!)));
  const latencies = results.map((r) => r.latencyMs);
  const m: SuiteMetrics = {
    cases: results.length,
    self_service_resolution_rate: ratio(resolved, results.length),
    answerable_resolution_rate: ratio(resolved, expectAnswer),
    wrong_answer_rate: ratio(count((r) => r.outcome === 'wrong_answer'), answered),
    handoff_precision: ratio(correctHandoffs.length, handedOff),
    handoff_recall: ratio(correctHandoffs.length, expectHandoff),
    reason_accuracy: withReasons.length ? ratio(withReasons.filter(reasonMatches).length, withReasons.length) : null,
    intent_accuracy: withIntent.length ? ratio(withIntent.filter((r) => r.intents.includes(r.expect.intent!)).length, withIntent.length) : null,
    'retrieval_recall@5': withDocs.length ? ranks['recall@5'] : null,
    mrr: withDocs.length ? ranks.mrr : null,
    latency_p50_ms: round4(percentile(latencies, 0.5)),
    latency_p95_ms: round4(percentile(latencies, 0.95)),
  };
  if (results.some((r) => r.passAll !== undefined)) m['pass^k'] = ratio(count((r) => r.passAll === true), results.length);
  return m;
}

export function metricsByLanguage(results: readonly CaseResult[]): Record<string, SuiteMetrics> {
  const langs = [...new Set(results.map((r) => r.lang))].sort();
  return Object.fromEntries(langs.map((l) => [l, suiteMetrics(results.filter((r) => r.lang === l))]));
}

/**
 * Resolution and wrong-answer rate had the confidence threshold been t, for every t the run saw.
 * A case is answered at t when nothing but low confidence stood in the way and its confidence is
 * at least t; it is resolved when that answer was correct.
 */
export function riskCoverage(results: readonly CaseResult[]): Array<[number, number, number]> {
  const thresholds = [...new Set([0, ...results.map((r) => r.confidence)])].sort((a, b) => a - b);
  return thresholds.map((t) => {
    const { answered, resolved } = answeredAt(results, t);
    return [t, ratio(resolved, results.length), ratio(answered - resolved, answered)];
  });
}

/** How many cases would have been answered, and resolved, had the confidence threshold been t. */
export function answeredAt(results: readonly CaseResult[], t: number): { answered: number; resolved: number } {
  const eligible = (r: CaseResult) => r.decision.type === 'answered' || (r.decision.type === 'handed_off' && r.decision.reasons.every((x) => x === 'low_confidence'));
  const answered = results.filter((r) => eligible(r) && r.candidateDocIds.length > 0 && r.confidence >= t);
  return { answered: answered.length, resolved: answered.filter((r) => r.candidateCorrect).length };
}

/** The threshold with the highest resolution whose wrong-answer rate stays within `maxWrong`. */
export function chooseThreshold(curve: ReadonlyArray<[number, number, number]>, maxWrong: number): { threshold: number; resolution: number; wrong: number } | null {
  let best: { threshold: number; resolution: number; wrong: number } | null = null;
  for (const [threshold, resolution, wrong] of curve) {
    if (wrong <= maxWrong && (!best || resolution > best.resolution)) best = { threshold, resolution, wrong };
  }
  return best;
}
