import type { EvaluationReport } from '../evaluate.js';
import { chooseThreshold, type SuiteMetrics } from '../metrics/suite.js';
import type { CaseResult } from '../run.js';

// The tables a report shows, computed once; markdown.ts and html.ts only lay them out.

/** Where a report came from; every field is optional so a bare report still renders. */
export interface ReportMeta {
  title?: string;
  suites?: string[];
  kb?: string[];
  repeat?: number;
  /** The confidence threshold the run used, marked on the risk–coverage chart. */
  confidenceThreshold?: number;
  gate?: { conditions: string; failed: string[] };
  generatedAt?: string;
}

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
export const ms = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${Math.round(x)} ms`);
const num = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));

type Format = (x: number | null | undefined) => string;
const HEADLINE: Array<[keyof SuiteMetrics, string, Format]> = [
  ['self_service_resolution_rate', 'Self-service resolution', pct],
  ['answerable_resolution_rate', 'Answerable resolution', pct],
  ['wrong_answer_rate', 'Wrong-answer rate', pct],
  ['handoff_precision', 'Handoff precision', pct],
  ['handoff_recall', 'Handoff recall', pct],
  ['reason_accuracy', 'Reason accuracy', pct],
  ['intent_accuracy', 'Intent accuracy', pct],
  ['retrieval_recall@5', 'Recall@5', pct],
  ['mrr', 'MRR', num],
  ['latency_p50_ms', 'Latency p50', ms],
  ['latency_p95_ms', 'Latency p95', ms],
  ['pass^k', 'pass^k', pct],
];

export function headline(m: SuiteMetrics): Array<{ label: string; value: string }> {
  return [
    { label: 'Cases', value: String(m.cases) },
    // pass^k exists only with --repeat; the others are always there (null = not measurable).
    ...HEADLINE.filter(([key]) => key !== 'pass^k' || m[key] !== undefined).map(([key, label, f]) => ({ label, value: f(m[key] as number | null) })),
  ];
}

export const LANGUAGE_COLUMNS = ['Language', 'Cases', 'Resolution', 'Answerable', 'Wrong', 'Handoff P', 'Handoff R', 'Recall@5', 'p95'];

export function languageRows(byLang: EvaluationReport['by_lang']): string[][] {
  return Object.entries(byLang).map(([lang, m]) => [
    lang,
    String(m.cases),
    pct(m.self_service_resolution_rate),
    pct(m.answerable_resolution_rate),
    pct(m.wrong_answer_rate),
    pct(m.handoff_precision),
    pct(m.handoff_recall),
    pct(m['retrieval_recall@5']),
    ms(m.latency_p95_ms),
  ]);
}

export interface OperatingPoint {
  label: string;
  threshold: number;
  resolution: number;
  wrong: number;
}

/**
 * The curve at a given threshold. The curve has a point at every confidence the run saw; between
 * two of them the same cases clear the bar as at the upper one, and past the last nothing does.
 */
export function curveAt(curve: EvaluationReport['risk_coverage'], t: number): { resolution: number; wrong: number } {
  const point = curve.find(([threshold]) => threshold >= t);
  return point ? { resolution: point[1], wrong: point[2] } : { resolution: 0, wrong: 0 };
}

export const OPERATING_TARGETS = [0.05, 0.1];

/** The thresholds worth reading off the curve: the best ones at 5% and 10% wrong, the run's own, a few fixed. */
export function operatingPoints(curve: EvaluationReport['risk_coverage'], meta: ReportMeta = {}): OperatingPoint[] {
  if (!curve.length) return [];
  const points: OperatingPoint[] = [];
  for (const target of OPERATING_TARGETS) {
    const best = chooseThreshold(curve, target);
    if (best) points.push({ label: `best at wrong ≤ ${pct(target)}`, ...best });
  }
  if (meta.confidenceThreshold !== undefined) points.push({ label: 'this run', threshold: meta.confidenceThreshold, ...curveAt(curve, meta.confidenceThreshold) });
  for (const t of [0, 0.25, 0.5, 0.75].filter((t) => t !== meta.confidenceThreshold)) points.push({ label: `threshold ${t}`, threshold: t, ...curveAt(curve, t) });
  return points;
}

export interface IntentRow {
  intent: string;
  n: number;
  resolved: number;
  wrong: number;
  handoffs: number;
}

/** Cases grouped by the intent the suite expected, else by the bot's first intent. */
export function intentRows(cases: readonly CaseResult[]): IntentRow[] {
  const rows = new Map<string, IntentRow>();
  for (const c of cases) {
    const intent = c.expect.intent ?? c.intents[0] ?? '(none)';
    const row = rows.get(intent) ?? { intent, n: 0, resolved: 0, wrong: 0, handoffs: 0 };
    row.n++;
    if (c.outcome === 'resolved') row.resolved++;
    if (c.outcome === 'wrong_answer') row.wrong++;
    if (c.decision.type === 'handed_off') row.handoffs++;
    rows.set(intent, row);
  }
  return [...rows.values()].sort((a, b) => b.n - a.n || a.intent.localeCompare(b.intent));
}
