// Shapes as stored. JSON columns hold the agent's own types; the store does not interpret them.

export type CustomerTier = 'standard' | 'vip';
export const CHANNELS = ['web', 'app', 'email', 'social', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];
export type ConversationState = 'bot' | 'handed_off' | 'human' | 'resolved';
export type TurnRole = 'customer' | 'bot' | 'agent';
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

export interface CustomerRecord {
  id: string;
  tier: CustomerTier;
}

export interface ConversationRecord {
  id: string;
  customerId: string;
  channel: Channel;
  state: ConversationState;
  language: string | null;
  /** Customer turns in a row the bot could not resolve (reset by an answer the customer accepts). */
  unresolvedTurns: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TurnRecord {
  id: string;
  conversationId: string;
  seq: number;
  role: TurnRole;
  channel: Channel;
  text: string;
  understanding: unknown;
  decision: unknown;
  citations: unknown;
  confidence: number | null;
  createdAt: Date;
}

export interface HandoffRecord {
  id: string;
  conversationId: string;
  turnId: string;
  reasons: string[];
  priority: Priority;
  language: string;
  skill: string | null;
  createdAt: Date;
}

export type NewTurn = Pick<TurnRecord, 'role' | 'text'> & Partial<Pick<TurnRecord, 'understanding' | 'decision' | 'citations' | 'confidence'>>;
