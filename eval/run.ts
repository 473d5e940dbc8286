import type { Agent } from '../src/agent/agent.js';
import type { AnswerResult } from '../src/agent/types.js';
import type { SuiteCase } from './suite.js';

export type CaseOutcome = 'resolved' | 'wrong_answer' | 'correct_handoff' | 'unnecessary_handoff' | 'clarified';

export interface CaseResult {
  id: string;
  lang: string;
  turns: string[];
  expect: SuiteCase['expect'];
  tier: 'standard' | 'vip';
  outcome: CaseOutcome;
  decision: AnswerResult['decision'];
  confidence: number;
  reply: string;
  citedDocIds: string[];
  /** The answer the bot had, whether it gave it or not: scored at every threshold. */
  candidateDocIds: string[];
  candidateReply: string;
  /** The candidate cites a gold document and includes every must_include. */
  candidateCorrect: boolean;
  retrievedDocIds: string[];
  intents: string[];
  priority: string;
  latencyMs: number;
  /** With --repeat k: every run had the same, passing outcome. */
  passAll?: boolean;
}

const PASSING = new Set<CaseOutcome>(['resolved', 'correct_handoff']);

function correct(c: SuiteCase, reply: string, docIds: readonly string[]): boolean {
  if (c.expect.outcome !== 'answer') return false;
  const gold = new Set(c.expect.doc_ids ?? []);
  const cites = gold.size === 0 || docIds.some((d) => gold.has(d));
  const lower = reply.toLowerCase();
  return cites && (c.expect.must_include ?? []).every((s) => lower.includes(s.toLowerCase()));
}

export function classify(c: SuiteCase, r: AnswerResult): Pick<CaseResult, 'outcome' | 'candidateCorrect' | 'candidateDocIds' | 'candidateReply'> {
  const candidate = r.decision.type === 'answered' ? { reply: r.reply, citations: r.citations } : (r.draft ?? { reply: '', citations: [] });
  const candidateDocIds = candidate.citations.map((x) => x.docId);
  const candidateCorrect = correct(c, candidate.reply, candidateDocIds);
  const outcome: CaseOutcome =
    r.decision.type === 'clarify' ? 'clarified'
    : r.decision.type === 'handed_off' ? (c.expect.outcome === 'handoff' ? 'correct_handoff' : 'unnecessary_handoff')
    : candidateCorrect ? 'resolved'
    : 'wrong_answer';
  return { outcome, candidateCorrect, candidateDocIds, candidateReply: candidate.reply };
}

/**
 * Plays each case through the agent as a fresh conversation (earlier turns first, then the scored
 * one) and scores the last answer. `repeat` runs every case k times.
 */
export async function runSuite(agent: Agent, cases: readonly SuiteCase[], options: { repeat?: number; onCase?: (done: number, total: number) => void } = {}): Promise<CaseResult[]> {
  const repeat = options.repeat ?? 1;
  const results: CaseResult[] = [];
  for (const [n, c] of cases.entries()) {
    const runs: CaseResult[] = [];
    for (let k = 0; k < repeat; k++) {
      const conversationId = `eval-${c.id}-${k}`.replace(/[^\w.:-]/g, '_');
      const customer = { id: `${c.customer?.id ?? 'eval'}:${c.id}:${k}`, tier: c.customer?.tier ?? 'standard' };
      let last!: AnswerResult;
      let latencyMs = 0;
      for (const message of c.turns) {
        const started = performance.now();
        last = await agent.answer({ conversationId, customer, channel: c.channel ?? 'web', message });
        latencyMs = performance.now() - started;
      }
      runs.push({
        id: c.id,
        lang: c.lang ?? last.language,
        turns: c.turns,
        expect: c.expect,
        tier: customer.tier,
        ...classify(c, last),
        decision: last.decision,
        confidence: last.confidence,
        reply: last.reply,
        citedDocIds: last.citations.map((x) => x.docId),
        retrievedDocIds: last.retrievedDocIds,
        intents: last.intents.map((i) => i.name),
        priority: last.priority.priority,
        latencyMs: Math.round(latencyMs * 10) / 10,
      });
    }
    const first = runs[0]!;
    results.push(repeat > 1 ? { ...first, passAll: runs.every((r) => PASSING.has(r.outcome)) } : first);
    options.onCase?.(n + 1, cases.length);
  }
  return results;
}
