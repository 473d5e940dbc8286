import { describe, expect, it } from 'vitest';
import { decide, type PolicyInput } from './policy.js';

const settings = { confidenceThreshold: 0.5, frustrationThreshold: 0.6, maxUnresolvedTurns: 3 };
const calm: PolicyInput = { confidence: 0.8, frustration: 0.1, humanRequested: false, priority: 'P4', outOfScope: false, unresolvedTurns: 0, unresolvedNow: false, ambiguous: false };

describe('escalation policy', () => {
  it('answers a confident, calm, in-scope message', () => {
    expect(decide(calm, settings)).toEqual({ type: 'answered', reasons: [] });
  });

  it.each([
    [{ confidence: 0.49 }, ['low_confidence']],
    [{ frustration: 0.6 }, ['frustrated']],
    [{ humanRequested: true }, ['human_requested']],
    [{ priority: 'P1' as const }, ['priority_p1']],
    [{ outOfScope: true, confidence: 0.2 }, ['out_of_scope', 'low_confidence']],
    [{ unresolvedTurns: 3 }, ['unresolved_turns']],
    [{ unresolvedTurns: 2, unresolvedNow: true }, ['unresolved_turns']],
  ] as Array<[Partial<PolicyInput>, string[]]>)('hands off on %o with reasons %o', (change, reasons) => {
    expect(decide({ ...calm, ...change }, settings)).toEqual({ type: 'handed_off', reasons });
  });

  it('records every reason that holds, in a fixed order', () => {
    const d = decide({ ...calm, humanRequested: true, priority: 'P1', frustration: 0.9, confidence: 0.1 }, settings);
    expect(d.reasons).toEqual(['human_requested', 'priority_p1', 'frustrated', 'low_confidence']);
  });

  it('asks which document was meant when two tie, unless something else calls for a person', () => {
    expect(decide({ ...calm, ambiguous: true, confidence: 0.3 }, settings)).toEqual({ type: 'clarify', reasons: [] });
    expect(decide({ ...calm, ambiguous: true, humanRequested: true }, settings).type).toBe('handed_off');
  });

  it('does not call a P2 or a medium frustration a reason', () => {
    expect(decide({ ...calm, priority: 'P2', frustration: 0.45 }, settings).type).toBe('answered');
  });
});
