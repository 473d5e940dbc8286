import { describe, expect, it } from 'vitest';
import type { AnswerResult } from '../src/agent/types.js';
import { ValidationError } from '../src/errors.js';
import { checkGate } from './evaluate.js';
import { chooseThreshold, riskCoverage, suiteMetrics } from './metrics/suite.js';
import { classify, type CaseResult } from './run.js';
import { parseSuite, type SuiteCase } from './suite.js';

const answerCase: SuiteCase = { id: 'a', turns: ['refund?'], expect: { outcome: 'answer', doc_ids: ['faq-7'], must_include: ['5–10 business days'] } };
const handoffCase: SuiteCase = { id: 'h', turns: ['human please'], expect: { outcome: 'handoff', reasons: ['human_requested'] } };

function result(decision: AnswerResult['decision'], docIds: string[], reply = 'It takes 5–10 business days.', draft = false): AnswerResult {
  const citations = docIds.map((docId) => ({ docId, chunkId: docId, title: '', snippet: '', source: '' }));
  return {
    decision,
    reply: draft ? 'handing over' : reply,
    citations: draft ? [] : citations,
    ...(draft ? { draft: { reply, citations } } : {}),
  } as unknown as AnswerResult;
}

describe('suite format', () => {
  it('parses cases and names the line of a bad one', () => {
    expect(parseSuite(`${JSON.stringify(answerCase)}\n\n${JSON.stringify(handoffCase)}\n`)).toHaveLength(2);
    expect(() => parseSuite(`${JSON.stringify(answerCase)}\n{"id":"x","turns":["a"],"expect":{"outcome":"maybe"}}`, 's.jsonl')).toThrow(/s\.jsonl:2: expect\.outcome/);
    expect(() => parseSuite(`{"id":"x","turns":["a"],"expect":{"outcome":"handoff","reasons":["angry"]}}`)).toThrow(ValidationError);
    expect(() => parseSuite(`${JSON.stringify(answerCase)}\n${JSON.stringify(answerCase)}`)).toThrow(/duplicate case id a/);
    expect(() => parseSuite('not json')).toThrow(/1: not valid JSON/);
  });
});

describe('case outcomes', () => {
  it('resolved only with a gold citation and every must_include', () => {
    expect(classify(answerCase, result({ type: 'answered', reasons: [] }, ['faq-7'])).outcome).toBe('resolved');
    expect(classify(answerCase, result({ type: 'answered', reasons: [] }, ['faq-8'])).outcome).toBe('wrong_answer');
    expect(classify(answerCase, result({ type: 'answered', reasons: [] }, ['faq-7'], 'soon')).outcome).toBe('wrong_answer');
  });

  it('answering a must-handoff case is a wrong answer; handing off an answerable one is unnecessary', () => {
    expect(classify(handoffCase, result({ type: 'answered', reasons: [] }, ['faq-7'])).outcome).toBe('wrong_answer');
    expect(classify(handoffCase, result({ type: 'handed_off', reasons: ['human_requested'] }, [])).outcome).toBe('correct_handoff');
    const unnecessary = classify(answerCase, result({ type: 'handed_off', reasons: ['low_confidence'] }, ['faq-7'], undefined, true));
    expect(unnecessary).toMatchObject({ outcome: 'unnecessary_handoff', candidateCorrect: true });
  });
});

const row = (over: Partial<CaseResult>): CaseResult =>
  ({ id: 'x', lang: 'en', turns: [], expect: { outcome: 'answer', doc_ids: ['d'] }, tier: 'standard', decision: { type: 'answered', reasons: [] }, confidence: 0.5, reply: '', citedDocIds: [], candidateDocIds: ['d'], candidateReply: '', candidateCorrect: true, retrievedDocIds: ['d'], intents: [], priority: 'P4', latencyMs: 10, outcome: 'resolved', ...over }) as CaseResult;

describe('suite metrics', () => {
  const results = [
    row({ confidence: 0.9 }),
    row({ confidence: 0.7, outcome: 'wrong_answer', candidateCorrect: false, candidateDocIds: ['e'], retrievedDocIds: ['e', 'd'] }),
    row({ confidence: 0.3, decision: { type: 'handed_off', reasons: ['low_confidence'] }, outcome: 'unnecessary_handoff' }),
    row({ expect: { outcome: 'handoff', reasons: ['human_requested'] }, decision: { type: 'handed_off', reasons: ['human_requested'] }, outcome: 'correct_handoff', confidence: 0.2, candidateCorrect: false }),
  ];

  it('counts resolution over all and over answerable cases, wrong answers over answered ones', () => {
    expect(suiteMetrics(results)).toMatchObject({
      cases: 4,
      self_service_resolution_rate: 0.25,
      answerable_resolution_rate: 0.3333,
      wrong_answer_rate: 0.5,
      handoff_precision: 0.5,
      handoff_recall: 1,
      reason_accuracy: 1,
      'retrieval_recall@5': 1,
      mrr: 0.8333,
    });
  });

  it('traces resolution and wrong answers over every threshold, and picks the operating point', () => {
    const curve = riskCoverage(results);
    expect(curve[0]).toEqual([0, 0.5, 0.3333]); // everything answerable answered, the human request still handed off
    expect(curve.find(([t]) => t === 0.9)).toEqual([0.9, 0.25, 0]);
    expect(chooseThreshold(curve, 0.05)).toEqual({ threshold: 0.9, resolution: 0.25, wrong: 0 });
    expect(chooseThreshold(curve, 0.5)).toEqual({ threshold: 0, resolution: 0.5, wrong: 0.3333 });
  });

  it('a gate names the conditions that failed', () => {
    const m = suiteMetrics(results);
    expect(checkGate('resolution>=0.2,wrong<=0.6', m)).toEqual([]);
    expect(checkGate('answerable>=0.9, handoff_recall>=0.9', m)).toEqual(['answerable>=0.9 (got 0.3333)']);
    expect(() => checkGate('happiness>=1', m)).toThrow(/bad gate condition/);
  });
});
