import type { EvaluationReport } from '../evaluate.js';
import type { OperatingPoint } from './sections.js';

// The risk–coverage curve as inline SVG: the report stays one offline file, no chart library.

const W = 640;
const H = 360;
const M = { left: 56, right: 20, top: 20, bottom: 52 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
const TICKS = [0, 0.25, 0.5, 0.75, 1];
export const CHART_COLORS = { resolution: '#1d4ed8', wrong: '#dc2626' };

const clamp = (v: number) => Math.min(1, Math.max(0, v));
const x = (t: number) => +(M.left + clamp(t) * PW).toFixed(1);
const y = (v: number) => +(M.top + (1 - clamp(v)) * PH).toFixed(1);

/**
 * Points of a step line. The curve holds the rate at every threshold the run saw; just above one
 * the rate is already that of the next, and past the last one nothing is answered (both rates 0).
 */
function steps(curve: EvaluationReport['risk_coverage'], column: 1 | 2): string {
  const pts: Array<[number, number]> = [];
  curve.forEach((p, i) => {
    if (i > 0) pts.push([curve[i - 1]![0], p[column]]);
    pts.push([p[0], p[column]]);
  });
  const last = curve.at(-1);
  if (last && last[0] < 1) pts.push([last[0], 0], [1, 0]);
  return pts.map(([t, v]) => `${x(t)},${y(v)}`).join(' ');
}

export function riskCoverageSvg(curve: EvaluationReport['risk_coverage'], options: { points?: OperatingPoint[]; threshold?: number } = {}): string {
  const grid = TICKS.map(
    (t) =>
      `<line class="grid" x1="${x(t)}" y1="${M.top}" x2="${x(t)}" y2="${M.top + PH}"/><line class="grid" x1="${M.left}" y1="${y(t)}" x2="${M.left + PW}" y2="${y(t)}"/>` +
      `<text x="${x(t)}" y="${M.top + PH + 18}" text-anchor="middle">${t}</text><text x="${M.left - 8}" y="${y(t) + 4}" text-anchor="end">${t * 100}%</text>`,
  ).join('');
  const axes = `<line class="axis" x1="${M.left}" y1="${M.top + PH}" x2="${M.left + PW}" y2="${M.top + PH}"/><line class="axis" x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + PH}"/>`;
  const labels =
    `<text x="${M.left + PW / 2}" y="${H - 10}" text-anchor="middle">confidence threshold</text>` +
    `<text transform="translate(14 ${M.top + PH / 2}) rotate(-90)" text-anchor="middle">rate</text>`;
  const threshold =
    options.threshold === undefined ? '' : `<line class="threshold" x1="${x(options.threshold)}" y1="${M.top}" x2="${x(options.threshold)}" y2="${M.top + PH}"><title>threshold of this run: ${options.threshold}</title></line>`;
  const lines = curve.length
    ? `<polyline class="resolution" points="${steps(curve, 1)}"/><polyline class="wrong" points="${steps(curve, 2)}"/>`
    : `<text x="${M.left + PW / 2}" y="${M.top + PH / 2}" text-anchor="middle">no cases</text>`;
  const dots = (options.points ?? [])
    .filter((p) => p.label.startsWith('best'))
    .map((p) => `<circle class="point" cx="${x(p.threshold)}" cy="${y(p.resolution)}" r="4"><title>${p.label}: threshold ${p.threshold}, resolution ${p.resolution}, wrong ${p.wrong}</title></circle>`)
    .join('');
  const lx = M.left + PW - 170;
  const legend =
    `<g class="legend"><rect x="${lx - 8}" y="${M.top + 6}" width="170" height="46" rx="4"/>` +
    `<line x1="${lx}" y1="${M.top + 22}" x2="${lx + 24}" y2="${M.top + 22}" stroke="${CHART_COLORS.resolution}"/><text x="${lx + 30}" y="${M.top + 26}">resolution rate</text>` +
    `<line x1="${lx}" y1="${M.top + 40}" x2="${lx + 24}" y2="${M.top + 40}" stroke="${CHART_COLORS.wrong}"/><text x="${lx + 30}" y="${M.top + 44}">wrong-answer rate</text></g>`;
  return (
    `<svg id="risk-coverage-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="risk-coverage-title">` +
    `<title id="risk-coverage-title">Resolution and wrong-answer rate by confidence threshold</title>` +
    `<style>.grid{stroke:#e5e7eb}.axis{stroke:#374151}text{font-size:12px;fill:#374151}polyline{fill:none;stroke-width:2.5}` +
    `.resolution{stroke:${CHART_COLORS.resolution}}.wrong{stroke:${CHART_COLORS.wrong}}.threshold{stroke:#6b7280;stroke-dasharray:4 4}` +
    `.point{fill:${CHART_COLORS.resolution};stroke:#fff}.legend rect{fill:#fff;stroke:#d1d5db}.legend line{stroke-width:2.5}</style>` +
    grid + axes + labels + threshold + lines + dots + legend +
    `</svg>`
  );
}
