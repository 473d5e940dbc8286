import { randomUUID } from 'node:crypto';
import type { Database, Row, Sql } from './database.js';
import { toDate, toDateOrNull } from './rows.js';
import { PRIORITY_RANK, type AgentRecord, type NewTicket, type Priority, type TicketRecord, type TicketState } from './types.js';

function toTicket(r: Row): TicketRecord {
  return {
    id: String(r.id),
    conversationId: String(r.conversation_id),
    handoffId: (r.handoff_id as string | null) ?? null,
    state: r.state as TicketState,
    priority: r.priority as Priority,
    tier: r.tier as TicketRecord['tier'],
    skill: String(r.skill),
    language: String(r.language),
    reasons: r.reasons as string[],
    team: (r.team as string | null) ?? null,
    tierLevel: Number(r.tier_level),
    assignee: (r.assignee as string | null) ?? null,
    followUpOf: (r.follow_up_of as string | null) ?? null,
    createdAt: toDate(r.created_at),
    firstResponseDue: toDate(r.first_response_due),
    firstResponseAt: toDateOrNull(r.first_response_at),
    resolvedAt: toDateOrNull(r.resolved_at),
    closedAt: toDateOrNull(r.closed_at),
    updatedAt: toDate(r.updated_at),
  };
}

function toAgent(r: Row): AgentRecord {
  return {
    id: String(r.id),
    name: String(r.name),
    skills: r.skills as string[],
    languages: r.languages as string[],
    capacity: Number(r.capacity),
    team: (r.team as string | null) ?? null,
    tierLevel: Number(r.tier_level),
  };
}

export interface QueueFilter {
  states?: TicketState[];
  priority?: Priority;
  skill?: string;
  language?: string;
  assignee?: string;
}

/** Tickets, the agents who work them and the events of each ticket. SQL only; rules live in src/handoff. */
export class TicketRepository {
  constructor(private readonly db: Database) {}

  async insert(t: NewTicket, now: Date, tx: Sql = this.db): Promise<TicketRecord> {
    const [row] = await tx.query(
      `INSERT INTO tickets (id, conversation_id, handoff_id, state, priority, priority_rank, tier, skill, language, reasons, follow_up_of, created_at, first_response_due, updated_at)
       VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10, $11, $12, $11) RETURNING *`,
      [randomUUID(), t.conversationId, t.handoffId, t.priority, PRIORITY_RANK[t.priority], t.tier, t.skill, t.language, JSON.stringify(t.reasons), t.followUpOf ?? null, now, t.firstResponseDue],
    );
    const ticket = toTicket(row!);
    await this.event(ticket.id, 'deskmate', 'created', { reasons: t.reasons, priority: t.priority }, now, tx);
    return ticket;
  }

  /**
   * What a waiting customer says next can make their ticket more urgent (now upset, now asking for
   * a person, now an outage): the open ticket gains the reasons, the higher priority and, if no one
   * has answered yet, the earlier first-response deadline. Null when the conversation has no open
   * ticket; the ticket unchanged when nothing is new.
   */
  async escalate(conversationId: string, e: { reasons: readonly string[]; priority: Priority; firstResponseDue: Date }, now: Date, tx: Sql = this.db): Promise<TicketRecord | null> {
    const open = await this.latestOf(conversationId, ['pending', 'in_progress'], tx);
    if (!open) return null;
    const added = e.reasons.filter((r) => !open.reasons.includes(r));
    const raised = PRIORITY_RANK[e.priority] < PRIORITY_RANK[open.priority];
    if (!added.length && !raised) return open;
    const priority = raised ? e.priority : open.priority;
    const [row] = await tx.query(
      `UPDATE tickets SET reasons = $2, priority = $3, priority_rank = $4, updated_at = $6,
         first_response_due = CASE WHEN first_response_at IS NULL AND $5 < first_response_due THEN $5 ELSE first_response_due END
       WHERE id = $1 RETURNING *`,
      [open.id, JSON.stringify([...open.reasons, ...added]), priority, PRIORITY_RANK[priority], e.firstResponseDue, now],
    );
    await this.event(open.id, 'deskmate', 'escalated', { reasons: added, priority }, now, tx);
    return toTicket(row!);
  }

  /** The conversation's ticket waiting in the queue that nobody has claimed, if any. */
  async waiting(conversationId: string, tx: Sql = this.db): Promise<TicketRecord | null> {
    const t = await this.latestOf(conversationId, ['pending'], tx);
    return t && !t.assignee ? t : null;
  }

  /** Closes the conversation's waiting ticket (see `waiting`), if it has one; records why. */
  async withdraw(conversationId: string, reason: string, now: Date, tx: Sql = this.db): Promise<TicketRecord | null> {
    const waiting = await this.waiting(conversationId, tx);
    if (!waiting) return null;
    const [row] = await tx.query(`UPDATE tickets SET state = 'closed', closed_at = $2, updated_at = $2 WHERE id = $1 RETURNING *`, [waiting.id, now]);
    await this.event(waiting.id, 'deskmate', 'withdrawn', { reason }, now, tx);
    return toTicket(row!);
  }

  async get(id: string, tx: Sql = this.db, lock = false): Promise<TicketRecord | null> {
    const [r] = await tx.query(`SELECT * FROM tickets WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? toTicket(r) : null;
  }

  /** The conversation's newest ticket in one of `states`. */
  async latestOf(conversationId: string, states: readonly TicketState[], tx: Sql = this.db): Promise<TicketRecord | null> {
    const [r] = await tx.query(
      `SELECT * FROM tickets WHERE conversation_id = $1 AND state IN (SELECT jsonb_array_elements_text($2::jsonb)) ORDER BY created_at DESC, id DESC LIMIT 1`,
      [conversationId, JSON.stringify(states)],
    );
    return r ? toTicket(r) : null;
  }

  /** Tickets ordered as agents work them: priority, then the first-response deadline. */
  async list(filter: QueueFilter = {}): Promise<TicketRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    add('state IN (SELECT jsonb_array_elements_text(?::jsonb))', JSON.stringify(filter.states ?? ['pending', 'in_progress']));
    if (filter.priority) add('priority = ?', filter.priority);
    if (filter.skill) add('skill = ?', filter.skill);
    if (filter.language) add('language = ?', filter.language);
    if (filter.assignee) add('assignee = ?', filter.assignee);
    const rows = await this.db.query(`SELECT * FROM tickets WHERE ${where.join(' AND ')} ORDER BY priority_rank, first_response_due, created_at, id`, params);
    return rows.map(toTicket);
  }

  /**
   * The best pending ticket this agent may take (their skills, languages and tier), claimed in one
   * transaction: the agent's row lock serialises their own claims against their capacity, and
   * SKIP LOCKED lets concurrent agents pass over a ticket another is claiming, never share it.
   */
  async claimNext(agentId: string, now: Date): Promise<TicketRecord | null> {
    return this.db.transaction(async (tx) => {
      const [a] = await tx.query('SELECT * FROM agents WHERE id = $1 FOR UPDATE', [agentId]);
      if (!a) return null;
      const agent = toAgent(a);
      const [{ load }] = (await tx.query(`SELECT COUNT(*)::int AS load FROM tickets WHERE assignee = $1 AND state = 'in_progress'`, [agentId])) as [{ load: number }];
      if (Number(load) >= agent.capacity) return null;
      const [candidate] = await tx.query(
        `SELECT id FROM tickets
         WHERE state = 'pending' AND tier_level <= $4
           AND (assignee IS NULL OR assignee = $1)
           AND (team IS NULL OR team = $5)
           AND skill IN (SELECT jsonb_array_elements_text($2::jsonb))
           AND language IN (SELECT jsonb_array_elements_text($3::jsonb))
         ORDER BY priority_rank, first_response_due, created_at, id
         LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [agentId, JSON.stringify(agent.skills), JSON.stringify(agent.languages), agent.tierLevel, agent.team],
      );
      if (!candidate) return null;
      return this.assign(String(candidate.id), agentId, now, tx);
    });
  }

  /**
   * Routes a pending ticket to the eligible agent with the most spare capacity (skill, language,
   * tier and team match; load below capacity), in one transaction. Null when nobody is free.
   */
  async route(ticketId: string, now: Date): Promise<TicketRecord | null> {
    return this.db.transaction(async (tx) => {
      const [t] = await tx.query(`SELECT * FROM tickets WHERE id = $1 AND state = 'pending' FOR UPDATE SKIP LOCKED`, [ticketId]);
      if (!t) return null;
      const ticket = toTicket(t);
      const [agent] = await tx.query(
        `SELECT a.id, (SELECT COUNT(*) FROM tickets x WHERE x.assignee = a.id AND x.state = 'in_progress')::int AS load, a.capacity
         FROM agents a
         WHERE a.skills ? $1 AND a.languages ? $2 AND a.tier_level >= $3 AND ($4::text IS NULL OR a.team = $4)
           AND ($5::text IS NULL OR a.id = $5)
         ORDER BY (SELECT COUNT(*) FROM tickets x WHERE x.assignee = a.id AND x.state = 'in_progress')::float / GREATEST(a.capacity, 1), a.id
         FOR UPDATE OF a`,
        [ticket.skill, ticket.language, ticket.tierLevel, ticket.team, ticket.assignee],
      );
      if (!agent || Number(agent.load) >= Number(agent.capacity)) return null;
      return this.assign(ticketId, String(agent.id), now, tx);
    });
  }

  /** Claims one named ticket; null when it is no longer pending (someone else has it). */
  async claim(ticketId: string, agentId: string, now: Date): Promise<TicketRecord | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT id FROM tickets WHERE id = $1 AND state = 'pending' FOR UPDATE SKIP LOCKED`, [ticketId]);
      return row ? this.assign(ticketId, agentId, now, tx) : null;
    });
  }

  private async assign(ticketId: string, agentId: string, now: Date, tx: Sql): Promise<TicketRecord> {
    const [row] = await tx.query(`UPDATE tickets SET state = 'in_progress', assignee = $2, updated_at = $3 WHERE id = $1 RETURNING *`, [ticketId, agentId, now]);
    // A person owns the conversation from the moment of the claim: the bot stays silent.
    await tx.query(`UPDATE conversations SET state = 'human', unresolved_turns = 0, updated_at = $2 WHERE id = $1`, [row!.conversation_id, now]);
    await this.event(ticketId, agentId, 'claimed', null, now, tx);
    return toTicket(row!);
  }

  /** Sets columns of a locked ticket (the caller checked the transition). */
  async update(id: string, fields: Partial<Record<'state' | 'assignee' | 'team' | 'tier_level' | 'first_response_at' | 'resolved_at' | 'closed_at', unknown>>, now: Date, tx: Sql): Promise<TicketRecord> {
    const entries = Object.entries(fields);
    const sets = entries.map(([k], i) => `${k} = $${i + 3}`);
    const [row] = await tx.query(`UPDATE tickets SET updated_at = $2${sets.length ? `, ${sets.join(', ')}` : ''} WHERE id = $1 RETURNING *`, [id, now, ...entries.map(([, v]) => v)]);
    return toTicket(row!);
  }

  async event(ticketId: string, actor: string, type: string, data: unknown, now: Date, tx: Sql = this.db): Promise<void> {
    await tx.query('INSERT INTO ticket_events (ticket_id, actor, type, data, created_at) VALUES ($1, $2, $3, $4, $5)', [ticketId, actor, type, data === null ? null : JSON.stringify(data), now]);
  }

  async events(ticketId: string): Promise<Array<{ actor: string; type: string; data: unknown; createdAt: Date }>> {
    const rows = await this.db.query('SELECT * FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [ticketId]);
    return rows.map((r) => ({ actor: String(r.actor), type: String(r.type), data: r.data ?? null, createdAt: toDate(r.created_at) }));
  }

  async upsertAgent(a: AgentRecord, now: Date): Promise<AgentRecord> {
    const [row] = await this.db.query(
      `INSERT INTO agents (id, name, skills, languages, capacity, team, tier_level, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, skills = EXCLUDED.skills, languages = EXCLUDED.languages,
         capacity = EXCLUDED.capacity, team = EXCLUDED.team, tier_level = EXCLUDED.tier_level RETURNING *`,
      [a.id, a.name, JSON.stringify(a.skills), JSON.stringify(a.languages), a.capacity, a.team, a.tierLevel, now],
    );
    return toAgent(row!);
  }

  async agent(id: string): Promise<AgentRecord | null> {
    const [r] = await this.db.query('SELECT * FROM agents WHERE id = $1', [id]);
    return r ? toAgent(r) : null;
  }
}
