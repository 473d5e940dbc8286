import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { ConversationRepository } from '../store/conversations.js';
import type { Database } from '../store/database.js';
import { TicketRepository, type QueueFilter } from '../store/tickets.js';
import { KnowledgeRepository, type SatisfactionRecord } from '../store/knowledge.js';
import type { AgentRecord, TicketRecord, TicketState } from '../store/types.js';
import { DEFAULT_SLA, firstResponseDue, slaState, type SlaPolicy, type SlaState } from './sla.js';
import { openQuestion, summarize, type HandoffSummary } from './summary.js';
import type { Webhooks } from './webhooks.js';

// The human side of a handoff: the queue, claims, replies, transfers, escalation and resolution.
// A ticket moves pending -> in_progress -> resolved -> closed (and back to pending on transfer,
// escalation or reopen). While a person owns a conversation the bot stays silent; resolving the
// ticket resolves the conversation, and the bot answers the customer's next message again.

const LOW_CSAT = 2;

const TRANSITIONS: Record<string, TicketState[]> = {
  reply: ['in_progress'],
  transfer: ['pending', 'in_progress'],
  escalate: ['pending', 'in_progress'],
  resolve: ['in_progress'],
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
};

export interface QueueEntry {
  ticket: TicketRecord;
  sla: SlaState;
}

export class HandoffDesk {
  private readonly tickets: TicketRepository;
  private readonly conversations: ConversationRepository;
  private readonly knowledge: KnowledgeRepository;

  constructor(
    private readonly db: Database,
    private readonly options: { now?: () => Date; sla?: SlaPolicy; webhooks?: Webhooks } = {},
  ) {
    this.tickets = new TicketRepository(db);
    this.conversations = new ConversationRepository(db);
    this.knowledge = new KnowledgeRepository(db);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  registerAgent(agent: AgentRecord): Promise<AgentRecord> {
    return this.tickets.upsertAgent(agent, this.now());
  }

  /** Open tickets by priority, then first-response deadline, each with its SLA flags. */
  async queue(filter: QueueFilter & { atRisk?: boolean } = {}): Promise<QueueEntry[]> {
    const now = this.now();
    const entries = (await this.tickets.list(filter)).map((ticket) => ({ ticket, sla: slaState(ticket, now, this.options.sla ?? DEFAULT_SLA) }));
    return filter.atRisk ? entries.filter((e) => e.sla.atRisk || e.sla.breached) : entries;
  }

  async ticket(id: string): Promise<TicketRecord> {
    const t = await this.tickets.get(id);
    if (!t) throw new NotFoundError('ticket', id);
    return t;
  }

  async summary(id: string): Promise<HandoffSummary> {
    const ticket = await this.ticket(id);
    const conversation = (await this.conversations.conversation(ticket.conversationId))!;
    const customer = (await this.conversations.customer(conversation.customerId))!;
    return summarize(ticket, conversation, customer, await this.conversations.turns(conversation.id));
  }

  /** The best pending ticket for this agent (skills, languages, tier, capacity), or null. */
  async claimNext(agentId: string): Promise<TicketRecord | null> {
    if (!(await this.tickets.agent(agentId))) throw new NotFoundError('agent', agentId);
    return this.tickets.claimNext(agentId, this.now());
  }

  /** Push routing: assigns a pending ticket to the least-loaded agent who can take it, or null. */
  async route(ticketId: string): Promise<TicketRecord | null> {
    await this.ticket(ticketId);
    return this.tickets.route(ticketId, this.now());
  }

  async claim(ticketId: string, agentId: string): Promise<TicketRecord> {
    await this.ticket(ticketId);
    const t = await this.tickets.claim(ticketId, agentId, this.now());
    if (!t) throw new ConflictError(`ticket ${ticketId} is not pending (already claimed or closed)`, { ticketId });
    return t;
  }

  /** The assigned agent's message to the customer; the first one stops the SLA clock. */
  async reply(ticketId: string, agentId: string, text: string): Promise<TicketRecord> {
    const t = await this.change(ticketId, agentId, 'reply', async (t, tx, now) => {
      if (t.assignee !== agentId) throw new ForbiddenError(`ticket ${ticketId} is assigned to another agent`, { ticketId });
      await this.conversations.appendAgentTurn(t.conversationId, text, now, tx);
      return t.firstResponseAt ? {} : { first_response_at: now };
    });
    this.notify(t, 'agent.reply', text);
    return t;
  }

  /** Tells the conversation's channel (its webhook, if it has one), after the change committed. */
  private notify(t: TicketRecord, type: 'agent.reply' | 'conversation.resolved', text?: string): void {
    const hooks = this.options.webhooks;
    if (!hooks) return;
    void this.conversations.conversation(t.conversationId).then((c) =>
      c ? hooks.notify(c.channel, { type, conversationId: t.conversationId, ticketId: t.id, ...(text ? { text } : {}), at: this.now().toISOString() }) : false,
    );
  }

  transfer(ticketId: string, actor: string, to: { agentId?: string; team?: string }): Promise<TicketRecord> {
    return this.change(ticketId, actor, 'transfer', async () => ({ state: 'pending', assignee: to.agentId ?? null, team: to.team ?? null }), to);
  }

  escalate(ticketId: string, actor: string): Promise<TicketRecord> {
    return this.change(ticketId, actor, 'escalate', async () => ({ state: 'pending', assignee: null, tier_level: 2 }));
  }

  /**
   * Resolves the ticket and its conversation (the bot answers again). The customer's question and
   * the agent's last answer become a knowledge-task draft, for a knowledge manager to accept.
   */
  async resolve(ticketId: string, actor: string): Promise<TicketRecord> {
    const resolved = await this.change(ticketId, actor, 'resolve', async (t, tx, now) => {
      await this.conversations.setState(t.conversationId, 'resolved', now, tx);
      const turns = await this.conversations.turns(t.conversationId, tx);
      const answer = turns.filter((x) => x.role === 'agent').at(-1)?.text;
      const question = openQuestion(turns);
      if (answer && question) await this.knowledge.addTask({ ticketId, question, answer, language: t.language, createdAt: now }, tx);
      return { state: 'resolved', resolved_at: now };
    });
    this.notify(resolved, 'conversation.resolved');
    return resolved;
  }

  /**
   * The customer's rating after resolution: CSAT 1–5 and/or NPS 0–10. A CSAT of 2 or less opens a
   * follow-up ticket (same skill and language) so a person reaches out again.
   */
  async rate(ticketId: string, rating: { csat?: number; nps?: number; comment?: string }): Promise<{ satisfaction: SatisfactionRecord; followUp: TicketRecord | null }> {
    const { csat, nps } = rating;
    if (csat === undefined && nps === undefined) throw new ValidationError('give csat (1-5) or nps (0-10)', { field: 'csat' });
    if (csat !== undefined && !(Number.isInteger(csat) && csat >= 1 && csat <= 5)) throw new ValidationError('csat must be a whole number from 1 to 5', { field: 'csat' });
    if (nps !== undefined && !(Number.isInteger(nps) && nps >= 0 && nps <= 10)) throw new ValidationError('nps must be a whole number from 0 to 10', { field: 'nps' });
    const now = this.now();
    return this.db.transaction(async (tx) => {
      const t = await this.tickets.get(ticketId, tx, true);
      if (!t) throw new NotFoundError('ticket', ticketId);
      if (t.state !== 'resolved' && t.state !== 'closed') throw new ConflictError(`a ${t.state} ticket cannot be rated yet`, { ticketId, state: t.state });
      const satisfaction = await this.knowledge.addSatisfaction({ conversationId: t.conversationId, ticketId, csat: csat ?? null, nps: nps ?? null, comment: rating.comment ?? null, createdAt: now }, tx);
      let followUp: TicketRecord | null = null;
      if (csat !== undefined && csat <= LOW_CSAT) {
        followUp = await this.tickets.insert(
          { conversationId: t.conversationId, handoffId: null, priority: t.priority, tier: t.tier, skill: t.skill, language: t.language, reasons: ['low_csat'], firstResponseDue: firstResponseDue(now, t.priority, t.tier, this.options.sla), followUpOf: t.id },
          now,
          tx,
        );
      }
      await this.tickets.event(ticketId, 'customer', 'rated', { csat, nps }, now, tx);
      return { satisfaction, followUp };
    });
  }

  close(ticketId: string, actor: string): Promise<TicketRecord> {
    return this.change(ticketId, actor, 'close', async (_t, _tx, now) => ({ state: 'closed', closed_at: now }));
  }

  reopen(ticketId: string, actor: string): Promise<TicketRecord> {
    return this.change(ticketId, actor, 'reopen', async (t, tx, now) => {
      await this.conversations.setState(t.conversationId, 'handed_off', now, tx);
      return { state: 'pending', assignee: null, resolved_at: null, closed_at: null };
    });
  }

  /** One transition under the ticket's row lock, with its event. */
  private async change(
    ticketId: string,
    actor: string,
    action: keyof typeof TRANSITIONS,
    apply: (t: TicketRecord, tx: Parameters<Parameters<Database['transaction']>[0]>[0], now: Date) => Promise<Parameters<TicketRepository['update']>[1]>,
    data: unknown = null,
  ): Promise<TicketRecord> {
    const now = this.now();
    return this.db.transaction(async (tx) => {
      const t = await this.tickets.get(ticketId, tx, true);
      if (!t) throw new NotFoundError('ticket', ticketId);
      if (!TRANSITIONS[action]!.includes(t.state)) throw new ConflictError(`cannot ${action} a ${t.state} ticket`, { ticketId, state: t.state });
      const updated = await this.tickets.update(ticketId, await apply(t, tx, now), now, tx);
      await this.tickets.event(ticketId, actor, action, data, now, tx);
      return updated;
    });
  }
}
