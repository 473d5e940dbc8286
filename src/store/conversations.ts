import { randomUUID } from 'node:crypto';
import { ConflictError } from '../errors.js';
import type { Database, Row, Sql } from './database.js';
import { toDate } from './rows.js';
import { TicketRepository } from './tickets.js';
import type { Channel, ConversationRecord, ConversationState, CustomerRecord, CustomerTier, HandoffRecord, NewTurn, Priority, TicketRecord, TurnRecord } from './types.js';

export interface ExchangeInput {
  conversationId: string;
  customer: CustomerRecord;
  channel: Channel;
  now: Date;
  /** The customer's message, then (usually) the bot's reply. */
  turns: NewTurn[];
  state: ConversationState;
  unresolvedTurns: number;
  language: string;
  /** A handoff: its record and the ticket for the human queue, written with the turns. */
  handoff?: { reasons: string[]; priority: Priority; language: string; skill: string | null; firstResponseDue: Date };
  /** A customer waiting for a person became more urgent: their open ticket is updated (tickets.ts escalate). */
  escalate?: { reasons: string[]; priority: Priority; firstResponseDue: Date };
  /** The conversation is back with the bot: its open ticket that nobody has claimed is closed, with this reason (tickets.ts withdraw). */
  withdraw?: string;
}

export interface ExchangeResult {
  conversation: ConversationRecord;
  turns: TurnRecord[];
  handoff: HandoffRecord | null;
  ticket: TicketRecord | null;
  /** The open ticket after `escalate` (null without one). */
  escalated?: TicketRecord | null;
  /** The ticket `withdraw` closed (null when none was waiting unclaimed). */
  withdrawn?: TicketRecord | null;
}

function toConversation(r: Row): ConversationRecord {
  return {
    id: String(r.id),
    customerId: String(r.customer_id),
    channel: r.channel as Channel,
    state: r.state as ConversationState,
    language: (r.language as string | null) ?? null,
    unresolvedTurns: Number(r.unresolved_turns),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  };
}

function toTurn(r: Row): TurnRecord {
  return {
    id: String(r.id),
    conversationId: String(r.conversation_id),
    seq: Number(r.seq),
    role: r.role as TurnRecord['role'],
    channel: r.channel as Channel,
    text: String(r.text),
    understanding: r.understanding ?? null,
    decision: r.decision ?? null,
    citations: r.citations ?? null,
    confidence: r.confidence === null || r.confidence === undefined ? null : Number(r.confidence),
    createdAt: toDate(r.created_at),
  };
}

function toHandoff(r: Row): HandoffRecord {
  return {
    id: String(r.id),
    conversationId: String(r.conversation_id),
    turnId: String(r.turn_id),
    reasons: r.reasons as string[],
    priority: r.priority as Priority,
    language: String(r.language),
    skill: (r.skill as string | null) ?? null,
    createdAt: toDate(r.created_at),
  };
}

/** Customers, their conversations (across channels), turns and handoff records. */
export class ConversationRepository {
  constructor(private readonly db: Database) {}

  async customer(id: string): Promise<CustomerRecord | null> {
    const [r] = await this.db.query('SELECT id, tier FROM customers WHERE id = $1', [id]);
    return r ? { id: String(r.id), tier: r.tier as CustomerTier } : null;
  }

  async conversation(id: string): Promise<ConversationRecord | null> {
    const [r] = await this.db.query('SELECT * FROM conversations WHERE id = $1', [id]);
    return r ? toConversation(r) : null;
  }

  /** The customer's most recent conversation not yet resolved and active since `since`, on any channel. */
  async openConversationOf(customerId: string, since: Date): Promise<ConversationRecord | null> {
    const [r] = await this.db.query(
      `SELECT * FROM conversations WHERE customer_id = $1 AND state <> 'resolved' AND updated_at >= $2
       ORDER BY updated_at DESC LIMIT 1`,
      [customerId, since],
    );
    return r ? toConversation(r) : null;
  }

  async turns(conversationId: string, tx: Sql = this.db): Promise<TurnRecord[]> {
    const rows = await tx.query('SELECT * FROM turns WHERE conversation_id = $1 ORDER BY seq', [conversationId]);
    return rows.map(toTurn);
  }

  async handoffs(conversationId: string): Promise<HandoffRecord[]> {
    const rows = await this.db.query('SELECT * FROM handoffs WHERE conversation_id = $1 ORDER BY created_at, id', [conversationId]);
    return rows.map(toHandoff);
  }

  /** The conversation's ticket waiting in the queue that nobody has claimed, if any. */
  async waitingTicket(conversationId: string): Promise<TicketRecord | null> {
    return new TicketRepository(this.db).waiting(conversationId);
  }

  /**
   * Writes one exchange in one transaction: the customer (tier kept current), the conversation
   * (created on first use), its turns, its new state and, for a handoff, the handoff record. A
   * reply that says "handed over" is only sent after this has committed.
   */
  async recordExchange(input: ExchangeInput): Promise<ExchangeResult> {
    // Three statements, not seven: on PGlite each one costs ~0.5 ms, and this runs for every message.
    return this.db.transaction(async (tx) => {
      await tx.query(
        `WITH customer AS (
           INSERT INTO customers (id, tier, created_at, updated_at) VALUES ($2, $3, $5, $5)
           ON CONFLICT (id) DO UPDATE SET tier = EXCLUDED.tier, updated_at = EXCLUDED.updated_at RETURNING id)
         INSERT INTO conversations (id, customer_id, channel, state, language, unresolved_turns, created_at, updated_at)
         SELECT $1, customer.id, $4, 'bot', $6, 0, $5, $5 FROM customer ON CONFLICT (id) DO NOTHING`,
        [input.conversationId, input.customer.id, input.customer.tier, input.channel, input.now, input.language],
      );
      // The UPDATE takes the row lock, which serialises concurrent messages to one conversation;
      // the turns' numbers are read after it, so they stay dense.
      const [conv] = await tx.query(
        `UPDATE conversations SET state = $2, unresolved_turns = $3, language = $4, channel = $5, updated_at = $6 WHERE id = $1 RETURNING *`,
        [input.conversationId, input.state, input.unresolvedTurns, input.language, input.channel, input.now],
      );
      if (String(conv!.customer_id) !== input.customer.id) {
        throw new ConflictError(`conversation ${input.conversationId} belongs to another customer`, { field: 'conversationId' });
      }
      // Only the numbers come back: returning the JSON columns would decode them a second time.
      const payload = JSON.stringify(input.turns.map((t, i) => ({ ord: i + 1, id: randomUUID(), role: t.role, text: t.text, understanding: t.understanding ?? null, decision: t.decision ?? null, citations: t.citations ?? null, confidence: t.confidence ?? null })));
      const [{ seq: last }] = (await tx.query(
        `WITH last AS (SELECT COALESCE(MAX(seq), 0)::int AS seq FROM turns WHERE conversation_id = $1),
         inserted AS (
           INSERT INTO turns (id, conversation_id, seq, role, channel, text, understanding, decision, citations, confidence, created_at)
           SELECT t.id, $1, last.seq + t.ord, t.role, $2, t.text, t.understanding, t.decision, t.citations, t.confidence, $3
           FROM jsonb_to_recordset($4::jsonb) AS t(ord int, id text, role text, text text, understanding jsonb, decision jsonb, citations jsonb, confidence double precision), last)
         SELECT seq FROM last`,
        [input.conversationId, input.channel, input.now, payload],
      )) as [{ seq: number }];
      const turns: TurnRecord[] = (JSON.parse(payload) as Array<NewTurn & { ord: number; id: string }>).map((t) => ({
        id: t.id,
        conversationId: input.conversationId,
        seq: Number(last) + t.ord,
        role: t.role,
        channel: input.channel,
        text: t.text,
        understanding: t.understanding ?? null,
        decision: t.decision ?? null,
        citations: t.citations ?? null,
        confidence: t.confidence ?? null,
        createdAt: input.now,
      }));
      const tickets = new TicketRepository(this.db);
      let handoff: HandoffRecord | null = null;
      let ticket: TicketRecord | null = null;
      if (input.handoff) {
        const h = input.handoff;
        const [row] = await tx.query(
          `INSERT INTO handoffs (id, conversation_id, turn_id, reasons, priority, language, skill, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [randomUUID(), input.conversationId, turns[0]!.id, JSON.stringify(h.reasons), h.priority, h.language, h.skill, input.now],
        );
        handoff = toHandoff(row!);
        ticket = await tickets.insert(
          { conversationId: input.conversationId, handoffId: handoff.id, priority: h.priority, tier: input.customer.tier, skill: h.skill ?? 'general', language: h.language, reasons: h.reasons, firstResponseDue: h.firstResponseDue },
          input.now,
          tx,
        );
      }
      const escalated = input.escalate ? await tickets.escalate(input.conversationId, input.escalate, input.now, tx) : undefined;
      const withdrawn = input.withdraw ? await tickets.withdraw(input.conversationId, input.withdraw, input.now, tx) : undefined;
      return { conversation: toConversation(conv!), turns, handoff, ticket, ...(escalated !== undefined ? { escalated } : {}), ...(withdrawn !== undefined ? { withdrawn } : {}) };
    });
  }

  /** A message from a person on the support team, into the conversation the customer sees. */
  async appendAgentTurn(conversationId: string, text: string, now: Date, tx: Sql = this.db): Promise<TurnRecord> {
    const [conv] = await tx.query('SELECT channel FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
    const [{ next }] = (await tx.query('SELECT COALESCE(MAX(seq), 0)::int + 1 AS next FROM turns WHERE conversation_id = $1', [conversationId])) as [{ next: number }];
    const [row] = await tx.query(
      `INSERT INTO turns (id, conversation_id, seq, role, channel, text, created_at) VALUES ($1, $2, $3, 'agent', $4, $5, $6) RETURNING *`,
      [randomUUID(), conversationId, Number(next), conv!.channel, text, now],
    );
    await tx.query('UPDATE conversations SET updated_at = $2 WHERE id = $1', [conversationId, now]);
    return toTurn(row!);
  }

  /** Moves a conversation to another state (a person takes over, or resolves it). */
  async setState(id: string, state: ConversationState, now: Date, tx: Sql = this.db): Promise<void> {
    await tx.query('UPDATE conversations SET state = $2, unresolved_turns = 0, updated_at = $3 WHERE id = $1', [id, state, now]);
  }
}
