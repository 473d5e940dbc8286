import { describe, expect, it } from 'vitest';
import { cell, renderMarkdown } from './markdown.js';
import { reportOf, sampleCases } from './testing.js';

const md = renderMarkdown(reportOf(sampleCases()), { suites: ['s.jsonl'], confidenceThreshold: 0.5, gate: { conditions: 'wrong<=0.05', failed: ['wrong<=0.05 (got 0.6667)'] } });
const rowOf = (id: string) => md.split('\n').find((l) => l.startsWith(`| ${id} |`)) ?? '';

describe('Markdown report', () => {
  it('has the headline metrics, languages, risk–coverage operating points and intents', () => {
    expect(md).toContain('| Self-service resolution | 16.7% |');
    expect(md).toContain('| Wrong-answer rate | 66.7% |');
    expect(md).toContain('| Latency p95 | 120 ms |');
    expect(md).not.toContain('pass^k');
    expect(md).toMatch(/\| zh \| 2 \|/);
    expect(md).toContain('| best at wrong ≤ 5.0% |');
    expect(md).toContain('| this run | 0.500 |');
    expect(md).toContain('| return_policy | 1 | 0 | 1 | 0 |');
    expect(md).toContain('Gate `wrong<=0.05`: **failed**');
  });

  it('says why each failed case failed, and lists only failures', () => {
    expect(md).toContain('## Failed cases (4 of 6)');
    expect(rowOf('en-ok')).toBe('');
    expect(rowOf('zh-handoff')).toBe('');
    expect(rowOf('en-wrong-doc')).toContain("cited faq-3, expected faq-12; missing '30 days'");
    expect(rowOf('en-wrong-doc')).toContain('answered citing faq-3, confidence 0.70');
    expect(rowOf('zh-low')).toContain('handed off (low_confidence) but answer expected; its draft was correct');
    expect(rowOf('zh-low')).toContain('我的退款什么时候到账？');
    expect(rowOf('en-should-handoff')).toContain('answered but handoff (human_requested) expected');
    expect(rowOf('en-vague')).toContain('asked to clarify but answer expected');
  });

  it('escapes pipes and HTML in customer text so a message cannot break the table', () => {
    const row = rowOf('en-wrong-doc');
    expect(row).toContain('can I return \\| exchange it? &lt;script>');
    expect(row).not.toContain('<script>');
    // Six columns: seven unescaped pipes.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(8);
    expect(cell('a\nb|c')).toBe('a b\\|c');
  });

  it('flags a case that passed once but not in every repeated run', () => {
    const cases = sampleCases().map((c) => ({ ...c, passAll: c.id !== 'en-ok' && c.outcome === 'correct_handoff' }));
    const out = renderMarkdown(reportOf(cases), { repeat: 3 });
    expect(out).toContain('| pass^k | 16.7% |');
    expect(out.split('\n').find((l) => l.startsWith('| en-ok |'))).toContain('passed the first run but not all 3 runs');
  });
});
