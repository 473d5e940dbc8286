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

export type TicketState = 'pending' | 'in_progress' | 'resolved' | 'closed';
export const PRIORITY_RANK: Record<Priority, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };

export interface TicketRecord {
  id: string;
  conversationId: string;
  handoffId: string | null;
  state: TicketState;
  priority: Priority;
  tier: CustomerTier;
  skill: string;
  language: string;
  reasons: string[];
  team: string | null;
  /** 1: first line; 2: escalated. */
  tierLevel: number;
  assignee: string | null;
  followUpOf: string | null;
  createdAt: Date;
  firstResponseDue: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
}

export interface AgentRecord {
  id: string;
  name: string;
  skills: string[];
  languages: string[];
  /** Tickets the agent may own at once. */
  capacity: number;
  team: string | null;
  tierLevel: number;
}

export interface NewTicket {
  conversationId: string;
  handoffId: string | null;
  priority: Priority;
  tier: CustomerTier;
  skill: string;
  language: string;
  reasons: string[];
  firstResponseDue: Date;
  followUpOf?: string | null;
}
