import type { EvaluationReport } from '../evaluate.js';
import { metricsByLanguage, riskCoverage, suiteMetrics } from '../metrics/suite.js';
import type { CaseResult } from '../run.js';

// Test support: hand-built case results (no model, no knowledge base) and a report scored from
// them by the real metric functions, so the renderers and `compare` are tested on real shapes.

export function caseResult(over: Partial<CaseResult> & Pick<CaseResult, 'id'>): CaseResult {
  return {
    lang: 'en',
    turns: ['where is my order?'],
    expect: { outcome: 'answer', doc_ids: ['faq-1'] },
    tier: 'standard',
    outcome: 'resolved',
    decision: { type: 'answered', reasons: [] },
    confidence: 0.8,
    reply: 'It ships in two days.',
    citedDocIds: ['faq-1'],
    candidateDocIds: ['faq-1'],
    candidateReply: 'It ships in two days.',
    candidateCorrect: true,
    retrievedDocIds: ['faq-1'],
    intents: ['order_status'],
    priority: 'P4',
    latencyMs: 40,
    ...over,
  };
}

export function reportOf(cases: CaseResult[]): EvaluationReport {
  return { metrics: suiteMetrics(cases), by_lang: metricsByLanguage(cases), risk_coverage: riskCoverage(cases), cases };
}

/** Six cases: two passing, and one failure of every kind, in English and Chinese. */
export function sampleCases(): CaseResult[] {
  return [
    caseResult({ id: 'en-ok', expect: { outcome: 'answer', doc_ids: ['faq-1'], intent: 'order_status' }, confidence: 0.9 }),
    caseResult({
      id: 'en-wrong-doc',
      turns: ['I bought it last month', 'can I return | exchange it? <script>alert("x")</script>'],
      expect: { outcome: 'answer', doc_ids: ['faq-12'], must_include: ['30 days'], intent: 'return_policy' },
      reply: 'You can exchange it in store.',
      citedDocIds: ['faq-3'],
      candidateDocIds: ['faq-3'],
      candidateReply: 'You can exchange it in store.',
      candidateCorrect: false,
      outcome: 'wrong_answer',
      intents: ['exchange'],
      confidence: 0.7,
      retrievedDocIds: ['faq-3', 'faq-12'],
    }),
    caseResult({
      id: 'zh-low',
      lang: 'zh',
      turns: ['我的退款什么时候到账？'],
      expect: { outcome: 'answer', doc_ids: ['faq-zh-7'], intent: 'refund_status' },
      decision: { type: 'handed_off', reasons: ['low_confidence'] },
      outcome: 'unnecessary_handoff',
      reply: '我帮您转接人工客服。',
      citedDocIds: [],
      candidateDocIds: ['faq-zh-7'],
      candidateReply: '退款将在 5–10 个工作日内到账。',
      candidateCorrect: true,
      confidence: 0.3,
      intents: ['refund_status'],
      retrievedDocIds: ['faq-zh-7'],
    }),
    caseResult({
      id: 'en-should-handoff',
      turns: ['let me talk to a person'],
      expect: { outcome: 'handoff', reasons: ['human_requested'] },
      citedDocIds: ['faq-5'],
      candidateDocIds: ['faq-5'],
      candidateCorrect: false,
      outcome: 'wrong_answer',
      intents: ['human_agent'],
      confidence: 0.6,
    }),
    caseResult({
      id: 'zh-handoff',
      lang: 'zh',
      turns: ['我要投诉，转人工'],
      expect: { outcome: 'handoff', reasons: ['human_requested'] },
      decision: { type: 'handed_off', reasons: ['human_requested'] },
      outcome: 'correct_handoff',
      citedDocIds: [],
      candidateDocIds: [],
      candidateCorrect: false,
      confidence: 0.2,
      intents: ['complaint'],
      latencyMs: 120,
    }),
    caseResult({ id: 'en-vague', turns: ['it does not work'], decision: { type: 'clarify', reasons: [] }, outcome: 'clarified', citedDocIds: [], candidateDocIds: [], candidateCorrect: false, intents: [], confidence: 0.1 }),
  ];
}
