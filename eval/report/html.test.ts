import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from './html.js';
import { caseResult, reportOf, sampleCases } from './testing.js';

const html = renderHtml(reportOf(sampleCases()), { title: 'Nightly <QA>', confidenceThreshold: 0.5 });

describe('HTML report', () => {
  it('is one self-contained UTF-8 page: no scripts, no external URLs', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
  });

  it('escapes customer text, so a message holding <script> stays text', () => {
    expect(html).toContain('can I return | exchange it? &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<title>Nightly &lt;QA&gt;</title>');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('shows Chinese text as it is', () => {
    expect(html).toContain('我的退款什么时候到账？');
    expect(html).toContain('<td>zh</td>');
  });

  it('draws the risk–coverage chart as inline SVG with two step lines inside the plot', () => {
    const svg = /<svg id="risk-coverage-chart"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg).toContain('resolution rate');
    expect(svg).toContain('wrong-answer rate');
    expect(svg).toContain('confidence threshold');
    const lines = [...svg.matchAll(/<polyline class="(\w+)" points="([^"]+)"/g)];
    expect(lines.map((m) => m[1])).toEqual(['resolution', 'wrong']);
    for (const [, , points] of lines) {
      const xy = points!.split(' ').map((p) => p.split(',').map(Number));
      expect(xy.length).toBeGreaterThan(4);
      for (const [x, y] of xy) {
        expect(x).toBeGreaterThanOrEqual(56);
        expect(x).toBeLessThanOrEqual(620);
        expect(y).toBeGreaterThanOrEqual(20);
        expect(y).toBeLessThanOrEqual(308);
      }
    }
    expect(svg).toContain('class="threshold"');
  });

  it('has the metrics, per-intent and failed-case tables', () => {
    expect(html).toContain('<b>16.7%</b><span>Self-service resolution</span>');
    expect(html).toContain('<td>return_policy</td><td>1</td><td>0</td><td>1</td><td>0</td>');
    expect(html).toContain('Failed cases (4 of 6)');
    expect(html).toContain('handed off (low_confidence) but answer expected; its draft was correct');
  });

  it('renders a report with no failures and an empty curve', () => {
    const page = renderHtml(reportOf([]));
    expect(page).toContain('Failed cases (0 of 0)');
    expect(page).toContain('no cases');
    expect(renderHtml(reportOf([caseResult({ id: 'ok' })]))).toContain('<p>None.</p>');
  });
});
