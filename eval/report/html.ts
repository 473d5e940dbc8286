import type { EvaluationReport } from '../evaluate.js';
import { riskCoverageSvg } from './chart.js';
import { failedCases } from './failures.js';
import { headline, intentRows, LANGUAGE_COLUMNS, languageRows, operatingPoints, pct, type ReportMeta } from './sections.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of text from a case goes through here: customer messages are not ours to trust. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);

function table(head: string[], rows: string[][], className = ''): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#111827;background:#fff;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #e5e7eb;padding-bottom:.25rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #e5e7eb;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f9fafb}
.metrics{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:.6rem;margin:.5rem 0}
.metric{border:1px solid #e5e7eb;border-radius:6px;padding:.5rem .75rem}.metric b{display:block;font-size:1.3rem}.metric span{color:#4b5563;font-size:.85rem}
.failed td:nth-child(3){max-width:320px;white-space:pre-wrap}.meta{color:#4b5563;font-size:.9rem}.gate-failed{color:#b91c1c;font-weight:600}
figure{margin:1rem 0}figcaption{color:#4b5563;font-size:.85rem}
`;

function metaHtml(meta: ReportMeta): string {
  const items: string[] = [];
  if (meta.suites?.length) items.push(`Suites: ${meta.suites.map(escapeHtml).join(', ')}`);
  if (meta.kb?.length) items.push(`Knowledge base: ${meta.kb.map(escapeHtml).join(', ')}`);
  if (meta.repeat) items.push(`Repeat: ${meta.repeat}`);
  if (meta.confidenceThreshold !== undefined) items.push(`Confidence threshold: ${meta.confidenceThreshold}`);
  if (meta.gate) {
    const failed = meta.gate.failed;
    items.push(`Gate ${escapeHtml(meta.gate.conditions)}: ${failed.length ? `<span class="gate-failed">failed (${escapeHtml(failed.join('; '))})</span>` : 'passed'}`);
  }
  if (meta.generatedAt) items.push(`Generated: ${escapeHtml(meta.generatedAt)}`);
  return items.length ? `<ul class="meta">${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '';
}

/** One self-contained page (inline CSS and SVG, no scripts, no external URLs). */
export function renderHtml(report: EvaluationReport, meta: ReportMeta = {}): string {
  const title = meta.title ?? 'Deskmate QA evaluation';
  const metrics = headline(report.metrics).map((m) => `<div class="metric"><b>${escapeHtml(m.value)}</b><span>${escapeHtml(m.label)}</span></div>`).join('');
  const langs = languageRows(report.by_lang);
  // With no cases the curve is a lone point at 0: nothing to plot or read off.
  const curve = report.cases.length ? report.risk_coverage : [];
  const points = operatingPoints(curve, meta);
  const intents = intentRows(report.cases);
  const failed = failedCases(report.cases, { repeat: meta.repeat });
  const failedRows = failed.map((f) => [f.case.id, f.case.lang, f.case.turns.join('\n'), f.expected, f.did, f.why.join('; ')]);

  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    metaHtml(meta),
    `<h2>Metrics</h2><div class="metrics">${metrics}</div>`,
    langs.length ? `<h2>By language</h2>${table(LANGUAGE_COLUMNS, langs)}` : '',
    `<h2>Risk–coverage</h2>`,
    `<figure>${riskCoverageSvg(curve, { points, threshold: meta.confidenceThreshold })}`,
    `<figcaption>Resolution and wrong-answer rate had the confidence threshold been set to each value; dots mark the best thresholds at wrong ≤ 5% and 10%${meta.confidenceThreshold === undefined ? '' : ', the dashed line the threshold of this run'}.</figcaption></figure>`,
    points.length ? table(['Operating point', 'Threshold', 'Resolution', 'Wrong'], points.map((p) => [p.label, p.threshold.toFixed(3), pct(p.resolution), pct(p.wrong)])) : '',
    intents.length ? `<h2>By intent</h2>${table(['Intent', 'Cases', 'Resolved', 'Wrong', 'Handoffs'], intents.map((r) => [r.intent, String(r.n), String(r.resolved), String(r.wrong), String(r.handoffs)]))}` : '',
    `<h2>Failed cases (${failed.length} of ${report.cases.length})</h2>`,
    failed.length ? table(['Case', 'Lang', 'Customer', 'Expected', 'Bot did', 'Why it failed'], failedRows, 'failed') : '<p>None.</p>',
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body.filter(Boolean).join('\n')}
</body>
</html>
`;
}
