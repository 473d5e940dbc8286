import type { EvaluationReport } from '../evaluate.js';
import { failedCases } from './failures.js';
import { headline, intentRows, LANGUAGE_COLUMNS, languageRows, operatingPoints, pct, type ReportMeta } from './sections.js';

/**
 * One table cell. Pipes would end the cell and newlines the row; `<` is escaped too because
 * renderers such as marked pass raw HTML through, and customer text is not ours to trust.
 */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.map(cell).join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function metaLines(meta: ReportMeta): string[] {
  const lines: string[] = [];
  if (meta.suites?.length) lines.push(`- Suites: ${meta.suites.map((s) => `\`${s}\``).join(', ')}`);
  if (meta.kb?.length) lines.push(`- Knowledge base: ${meta.kb.map((s) => `\`${s}\``).join(', ')}`);
  if (meta.repeat) lines.push(`- Repeat: ${meta.repeat}`);
  if (meta.confidenceThreshold !== undefined) lines.push(`- Confidence threshold: ${meta.confidenceThreshold}`);
  if (meta.gate) lines.push(`- Gate \`${meta.gate.conditions}\`: ${meta.gate.failed.length ? `**failed** (${meta.gate.failed.join('; ')})` : 'passed'}`);
  if (meta.generatedAt) lines.push(`- Generated: ${meta.generatedAt}`);
  return lines;
}

/** A Markdown summary of an evaluation: headline metrics, languages, risk–coverage, intents, failures. */
export function renderMarkdown(report: EvaluationReport, meta: ReportMeta = {}): string {
  const out: string[] = [`# ${meta.title ?? 'Deskmate QA evaluation'}`, ''];
  const about = metaLines(meta);
  if (about.length) out.push(...about, '');

  out.push('## Metrics', '', table(['Metric', 'Value'], headline(report.metrics).map((r) => [r.label, r.value])), '');

  const langs = languageRows(report.by_lang);
  if (langs.length) out.push('## By language', '', table(LANGUAGE_COLUMNS, langs), '');

  // With no cases the curve is a lone point at 0: nothing to read off.
  const curve = report.cases.length ? report.risk_coverage : [];
  const points = operatingPoints(curve, meta);
  if (points.length) {
    out.push('## Risk–coverage', '', 'Resolution and wrong-answer rate had the confidence threshold been set to each value.', '');
    out.push(table(['Operating point', 'Threshold', 'Resolution', 'Wrong'], points.map((p) => [p.label, p.threshold.toFixed(3), pct(p.resolution), pct(p.wrong)])), '');
  }

  const intents = intentRows(report.cases);
  if (intents.length) out.push('## By intent', '', table(['Intent', 'Cases', 'Resolved', 'Wrong', 'Handoffs'], intents.map((r) => [r.intent, String(r.n), String(r.resolved), String(r.wrong), String(r.handoffs)])), '');

  const failed = failedCases(report.cases, { repeat: meta.repeat });
  out.push(`## Failed cases (${failed.length} of ${report.cases.length})`, '');
  if (failed.length) {
    const rows = failed.map((f) => [f.case.id, f.case.lang, f.case.turns.map((t, i) => (f.case.turns.length > 1 ? `${i + 1}. ${t}` : t)).join(' / '), f.expected, f.did, f.why.join('; ')]);
    out.push(table(['Case', 'Lang', 'Customer', 'Expected', 'Bot did', 'Why it failed'], rows), '');
  } else {
    out.push('None.', '');
  }
  return out.join('\n');
}
