import type { CaseResult } from '../run.js';

// Why a case failed, in the words a QA reviewer would use. Both renderers show these strings, so
// the explanation is written once, from the same fields the scorer (eval/run.ts) looked at.

export interface FailedCase {
  case: CaseResult;
  /** What the suite asked for, e.g. "answer citing faq-12 with '30 days'". */
  expected: string;
  /** What the bot did, e.g. "answered citing faq-3 (confidence 0.81)". */
  did: string;
  why: string[];
}

const list = (xs: readonly string[]) => xs.join(', ');
const quoted = (xs: readonly string[]) => xs.map((s) => `'${s}'`).join(', ');

export function describeExpected(c: CaseResult): string {
  const e = c.expect;
  if (e.outcome === 'handoff') return e.reasons?.length ? `handoff (${list(e.reasons)})` : 'handoff';
  const parts = ['answer'];
  if (e.doc_ids?.length) parts.push(`citing ${e.doc_ids.join(' or ')}`);
  if (e.must_include?.length) parts.push(`with ${quoted(e.must_include)}`);
  return parts.join(' ');
}

export function describeDecision(c: CaseResult): string {
  const reasons = c.decision.reasons.length ? ` (${list(c.decision.reasons)})` : '';
  const confidence = `confidence ${c.confidence.toFixed(2)}`;
  if (c.decision.type === 'clarify') return `asked to clarify, ${confidence}`;
  if (c.decision.type === 'answered') return `answered${reasons} citing ${c.citedDocIds.length ? list(c.citedDocIds) : 'nothing'}, ${confidence}`;
  const draft = c.candidateDocIds.length ? `; its draft cited ${list(c.candidateDocIds)}` : '';
  return `handed off${reasons}, ${confidence}${draft}`;
}

/** What is wrong with an answer (given or drafted) to a case that expected one. */
function answerProblems(c: CaseResult, reply: string, docIds: readonly string[]): string[] {
  const problems: string[] = [];
  const gold = c.expect.doc_ids ?? [];
  if (gold.length && !docIds.some((d) => gold.includes(d))) {
    problems.push(`cited ${docIds.length ? list(docIds) : 'nothing'}, expected ${gold.join(' or ')}`);
  }
  const lower = reply.toLowerCase();
  const missing = (c.expect.must_include ?? []).filter((s) => !lower.includes(s.toLowerCase()));
  if (missing.length) problems.push(`missing ${quoted(missing)}`);
  return problems;
}

function reasonsFor(c: CaseResult, repeat?: number): string[] {
  const handoffReasons = c.decision.reasons.length ? ` (${list(c.decision.reasons)})` : '';
  const expectedReasons = c.expect.reasons?.length ? ` (${list(c.expect.reasons)})` : '';
  switch (c.outcome) {
    case 'wrong_answer':
      return c.expect.outcome === 'handoff' ? [`answered but handoff${expectedReasons} expected`] : answerProblems(c, c.reply, c.citedDocIds);
    case 'unnecessary_handoff': {
      const why = [`handed off${handoffReasons} but answer expected`];
      if (c.candidateCorrect) why.push('its draft was correct');
      else if (c.candidateDocIds.length) why.push(...answerProblems(c, c.candidateReply, c.candidateDocIds).map((p) => `draft ${p}`));
      return why;
    }
    case 'clarified':
      return [`asked to clarify but ${c.expect.outcome} expected`];
    default:
      // A passing first run that another of the k runs did not repeat.
      return c.passAll === false ? [`passed the first run but not all ${repeat ?? 'k'} runs`] : [];
  }
}

const PASSING = new Set(['resolved', 'correct_handoff']);

export const isFailure = (c: CaseResult) => !PASSING.has(c.outcome) || c.passAll === false;

/** Every failed case, with what was expected, what the bot did and why it failed. */
export function failedCases(cases: readonly CaseResult[], options: { repeat?: number } = {}): FailedCase[] {
  return cases.filter(isFailure).map((c) => {
    const why = reasonsFor(c, options.repeat);
    // A wrong answer the checks above cannot pin down still says what was scored.
    return { case: c, expected: describeExpected(c), did: describeDecision(c), why: why.length ? why : [`scored ${c.outcome}`] };
  });
}
