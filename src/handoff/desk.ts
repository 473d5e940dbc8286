import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { ConversationRepository } from '../store/conversations.js';
import type { Database } from '../store/database.js';
import { TicketRepository, type QueueFilter } from '../store/tickets.js';
import type { AgentRecord, TicketRecord, TicketState } from '../store/types.js';
import { DEFAULT_SLA, slaState, type SlaPolicy, type SlaState } from './sla.js';
import { summarize, type HandoffSummary } from './summary.js';

// The human side of a handoff: the queue, claims, replies, transfers, escalation and resolution.
// A ticket moves pending -> in_progress -> resolved -> closed (and back to pending on transfer,
// escalation or reopen). While a person owns a conversation the bot stays silent; resolving the
// ticket resolves the conversation, and the bot answers the customer's next message again.

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

  constructor(
    private readonly db: Database,
    private readonly options: { now?: () => Date; sla?: SlaPolicy } = {},
  ) {
    this.tickets = new TicketRepository(db);
    this.conversations = new ConversationRepository(db);
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
    const t = await this.tickets.claimNext(agentId, this.now());
    if (t) await this.conversations.setState(t.conversationId, 'human', this.now());
    return t;
  }

  async claim(ticketId: string, agentId: string): Promise<TicketRecord> {
    await this.ticket(ticketId);
    const t = await this.tickets.claim(ticketId, agentId, this.now());
    if (!t) throw new ConflictError(`ticket ${ticketId} is not pending (already claimed or closed)`, { ticketId });
    await this.conversations.setState(t.conversationId, 'human', this.now());
    return t;
  }

  /** The assigned agent's message to the customer; the first one stops the SLA clock. */
  reply(ticketId: string, agentId: string, text: string): Promise<TicketRecord> {
    return this.change(ticketId, agentId, 'reply', async (t, tx, now) => {
      if (t.assignee !== agentId) throw new ForbiddenError(`ticket ${ticketId} is assigned to another agent`, { ticketId });
      await this.conversations.appendAgentTurn(t.conversationId, text, now, tx);
      return t.firstResponseAt ? {} : { first_response_at: now };
    });
  }

  transfer(ticketId: string, actor: string, to: { agentId?: string; team?: string }): Promise<TicketRecord> {
    return this.change(ticketId, actor, 'transfer', async () => ({ state: 'pending', assignee: to.agentId ?? null, team: to.team ?? null }), to);
  }

  escalate(ticketId: string, actor: string): Promise<TicketRecord> {
    return this.change(ticketId, actor, 'escalate', async () => ({ state: 'pending', assignee: null, tier_level: 2 }));
  }

  resolve(ticketId: string, actor: string): Promise<TicketRecord> {
    return this.change(ticketId, actor, 'resolve', async (t, tx, now) => {
      await this.conversations.setState(t.conversationId, 'resolved', now, tx);
      return { state: 'resolved', resolved_at: now };
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
