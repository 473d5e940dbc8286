import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ValidationError } from '../src/errors.js';
import { round4 } from '../src/intents/eval/metrics.js';

// Two evaluation reports side by side: what moved in the metrics, and which cases changed outcome.
// Reports come from files (report.json, or saved `eval --json` output), so they are parsed here,
// loosely: only what a comparison reads is required, so older reports still compare.

const MetricsSchema = z.record(z.string(), z.unknown());
const ReportSchema = z.object({
  metrics: MetricsSchema,
  by_lang: z.record(z.string(), MetricsSchema).default({}),
  cases: z.array(z.object({ id: z.string(), outcome: z.string(), turns: z.array(z.string()).default([]) }).loose()),
});
export type ComparableReport = z.infer<typeof ReportSchema>;

export interface Delta {
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface ReportComparison {
  metrics: Record<string, Delta>;
  by_lang: Record<string, Record<string, Delta>>;
  changed: Array<{ id: string; from: string; to: string; last_turn: string }>;
  only_in_a: Array<{ id: string; outcome: string }>;
  only_in_b: Array<{ id: string; outcome: string }>;
}

/** A report from a file: a whole JSON document, or output whose last non-empty line is the report. */
export function parseReport(text: string, name = 'report'): ComparableReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const last = text.trimEnd().split('\n').at(-1) ?? '';
    try {
      raw = JSON.parse(last);
    } catch {
      throw new ValidationError(`${name}: neither the file nor its last line is a JSON report`, { file: name });
    }
  }
  const parsed = ReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ValidationError(`${name}: not an evaluation report (${issue.path.join('.') || 'top level'}: ${issue.message})`, { file: name });
  }
  return parsed.data;
}

export async function readReport(file: string): Promise<ComparableReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ValidationError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file });
  }
  return parseReport(text, file);
}

const isMetric = (v: unknown): v is number | null => typeof v === 'number' || v === null;

/** Every numeric metric either side has (null where a side has none, or cannot measure it). */
function metricDeltas(a: Record<string, unknown> = {}, b: Record<string, unknown> = {}): Record<string, Delta> {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => isMetric(a[k]) || isMetric(b[k]));
  return Object.fromEntries(
    names.map((k) => {
      const va = typeof a[k] === 'number' ? a[k] : null;
      const vb = typeof b[k] === 'number' ? b[k] : null;
      return [k, { a: va, b: vb, delta: va !== null && vb !== null ? round4(vb - va) : null }];
    }),
  );
}

/** Cases by id; a second case with the same id (two suites may share ids) becomes "id#2". */
function byId(cases: ComparableReport['cases']) {
  const map = new Map<string, ComparableReport['cases'][number]>();
  for (const c of cases) {
    let key = c.id;
    for (let n = 2; map.has(key); n++) key = `${c.id}#${n}`;
    map.set(key, c);
  }
  return map;
}

export function compareReports(a: ComparableReport, b: ComparableReport): ReportComparison {
  const langs = [...new Set([...Object.keys(a.by_lang), ...Object.keys(b.by_lang)])].sort();
  const casesA = byId(a.cases);
  const casesB = byId(b.cases);
  const changed: ReportComparison['changed'] = [];
  for (const [id, ca] of casesA) {
    const cb = casesB.get(id);
    if (cb && cb.outcome !== ca.outcome) changed.push({ id, from: ca.outcome, to: cb.outcome, last_turn: cb.turns.at(-1) ?? ca.turns.at(-1) ?? '' });
  }
  const onlyIn = (x: typeof casesA, y: typeof casesA) => [...x].filter(([id]) => !y.has(id)).map(([id, c]) => ({ id, outcome: c.outcome }));
  return {
    metrics: metricDeltas(a.metrics, b.metrics),
    by_lang: Object.fromEntries(langs.map((l) => [l, metricDeltas(a.by_lang[l], b.by_lang[l])])),
    changed,
    only_in_a: onlyIn(casesA, casesB),
    only_in_b: onlyIn(casesB, casesA),
  };
}

const show = (v: number | null) => (v === null ? '–' : String(v));
const signed = (v: number | null) => (v === null ? '–' : v > 0 ? `+${v}` : String(v));

function deltaLines(deltas: Record<string, Delta>, indent = ''): string[] {
  const rows = Object.entries(deltas).map(([name, d]) => [name, show(d.a), show(d.b), signed(d.delta)]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['metric', 'a', 'b', 'delta'][i]!.length));
  const line = (r: string[]) => indent + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(['metric', 'a', 'b', 'delta']), ...rows.map(line)];
}

/** The comparison as plain text for a terminal. */
export function renderComparison(c: ReportComparison, names: { a: string; b: string } = { a: 'a', b: 'b' }): string {
  const out = [`a = ${names.a}`, `b = ${names.b}`, '', ...deltaLines(c.metrics)];
  for (const [lang, deltas] of Object.entries(c.by_lang)) out.push('', `${lang}:`, ...deltaLines(deltas, '  '));
  out.push('', `changed outcome: ${c.changed.length}`);
  for (const x of c.changed) out.push(`  ${x.id}: ${x.from} → ${x.to}  "${x.last_turn.replace(/\s+/g, ' ')}"`);
  if (c.only_in_a.length) out.push('', `only in a: ${c.only_in_a.map((x) => `${x.id} (${x.outcome})`).join(', ')}`);
  if (c.only_in_b.length) out.push('', `only in b: ${c.only_in_b.map((x) => `${x.id} (${x.outcome})`).join(', ')}`);
  return out.join('\n');
}
