import type { PolicySettings } from '../config.js';
import type { Decision, DecisionReason } from './types.js';

export interface PolicyInput {
  confidence: number;
  /** Conversation frustration score in [0, 1]. */
  frustration: number;
  humanRequested: boolean;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  /** The intent classifier found no in-scope intent and the knowledge base had no confident answer. */
  outOfScope: boolean;
  /** Unresolved customer turns in a row before this one. */
  unresolvedTurns: number;
  /** This turn would itself be unresolved if answered (a clarifying question, a repeated question). */
  unresolvedNow: boolean;
  /** Two different documents tie for the answer. */
  ambiguous: boolean;
}

/**
 * The escalation decision. Every reason that holds is recorded, not just the first, so agents and
 * QA see the whole why. A person is called for on: low confidence, frustration at or above the
 * threshold, an explicit request, P1, out of scope, or too many unresolved turns in a row.
 */
export function decide(input: PolicyInput, settings: PolicySettings): Decision {
  const reasons: DecisionReason[] = [];
  if (input.humanRequested) reasons.push('human_requested');
  if (input.priority === 'P1') reasons.push('priority_p1');
  if (input.frustration >= settings.frustrationThreshold) reasons.push('frustrated');
  if (input.outOfScope) reasons.push('out_of_scope');
  if (input.confidence < settings.confidenceThreshold && !input.ambiguous) reasons.push('low_confidence');
  if (input.unresolvedTurns + (input.unresolvedNow ? 1 : 0) >= settings.maxUnresolvedTurns) reasons.push('unresolved_turns');
  if (reasons.length > 0) return { type: 'handed_off', reasons };
  return { type: input.ambiguous ? 'clarify' : 'answered', reasons: [] };
}
