import { z } from 'zod';
import type { Frustration } from '../intents/frustration.js';
import type { MessageLanguage } from '../intents/language.js';
import type { PriorityResult } from '../intents/priority.js';
import type { RecognisedIntent } from '../intents/understand.js';
import { CHANNELS } from '../store/types.js';

/** Longest customer message the agent reads; longer ones are refused, not truncated silently. */
export const MAX_MESSAGE_CHARS = 8000;

export const AnswerRequestSchema = z.object({
  conversationId: z.string().trim().min(1).max(128).regex(/^[\w.:-]+$/, 'letters, digits, _ . : - only').optional(),
  customer: z.object({
    id: z.string().trim().min(1).max(128),
    tier: z.enum(['standard', 'vip']).default('standard'),
  }),
  channel: z.enum(CHANNELS).default('api'),
  message: z.string().trim().min(1, 'must not be empty').max(MAX_MESSAGE_CHARS),
  /** The customer's language if the channel knows it (e.g. "zh-CN"); otherwise detected. */
  locale: z.string().max(35).optional(),
});
export type AnswerRequest = z.input<typeof AnswerRequestSchema>;
export type ParsedAnswerRequest = z.output<typeof AnswerRequestSchema>;

/** Reason names are part of the contract: QA suites and agents' queues match on them. */
export const DECISION_REASONS = ['low_confidence', 'frustrated', 'human_requested', 'priority_p1', 'out_of_scope', 'unresolved_turns'] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

export interface Decision {
  type: 'answered' | 'handed_off' | 'clarify';
  reasons: DecisionReason[];
}

export interface Citation {
  docId: string;
  chunkId: string;
  title: string;
  snippet: string;
  source: string;
  url?: string;
}

export interface AnswerResult {
  conversationId: string;
  reply: string;
  citations: Citation[];
  /** How sure the agent is that `reply` answers the message from the knowledge base, in [0, 1]. */
  confidence: number;
  language: MessageLanguage;
  intents: RecognisedIntent[];
  outOfScope: boolean;
  sentiment: number;
  frustration: Frustration;
  priority: PriorityResult;
  decision: Decision;
  /** Documents the search returned, best first (what the reply could draw on). */
  retrievedDocIds: string[];
  /** The query that was searched (the message, or a follow-up made standalone). */
  standaloneQuery: string;
  /** Set when this turn handed the conversation to a person. */
  handoffId?: string;
  /** The ticket in the human queue that holds the handoff. */
  ticketId?: string;
  /**
   * What the bot would have answered when it did not answer (handed off or asked to clarify): the
   * person taking over sees it, and QA's risk–coverage curve scores it at every threshold.
   */
  draft?: { reply: string; citations: Citation[] };
  /** How the reply was composed. */
  composer: 'extractive' | 'llm' | 'none';
}

/** What a streaming channel receives, in this order (tokens only with an LLM). */
export type AnswerEvent =
  | { type: 'understanding'; language: MessageLanguage; intents: RecognisedIntent[]; priority: PriorityResult; frustration: Frustration }
  | { type: 'token'; text: string }
  | { type: 'citations'; citations: Citation[] }
  | { type: 'decision'; decision: Decision; confidence: number; reply: string };
