import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../errors.js';
import { ConversationRepository } from './conversations.js';
import type { Database } from './database.js';
import { migrate, MIGRATIONS } from './migrations.js';
import { openDatabase } from './open.js';
import { TicketRepository } from './tickets.js';
import { TEST_DATABASES } from './testing.js';

const t0 = new Date('2026-03-01T10:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(TEST_DATABASES)('store on $name', (kind) => {
  let db: Database;
  let repo: ConversationRepository;
  beforeAll(async () => {
    db = await kind.open();
    repo = new ConversationRepository(db);
  });
  afterAll(() => db.close());

  it('migrations are recorded and a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('records an exchange: customer, conversation, numbered turns with their JSON', async () => {
    const r = await repo.recordExchange({
      conversationId: 'c-1',
      customer: { id: 'u-1', tier: 'standard' },
      channel: 'web',
      now: t0,
      language: 'en',
      state: 'bot',
      unresolvedTurns: 0,
      turns: [
        { role: 'customer', text: 'where is my order?', understanding: { intents: [{ name: 'order_status' }] } },
        { role: 'bot', text: 'Open Account > Orders.', citations: [{ docId: 'faq-001' }], confidence: 0.82, decision: { type: 'answered', reasons: [] } },
      ],
    });
    expect(r.turns.map((t) => t.seq)).toEqual([1, 2]);
    expect(r.conversation).toMatchObject({ id: 'c-1', customerId: 'u-1', state: 'bot', channel: 'web' });
    const turns = await repo.turns('c-1');
    expect(turns[0]!.understanding).toEqual({ intents: [{ name: 'order_status' }] });
    expect(turns[1]).toMatchObject({ role: 'bot', confidence: 0.82, citations: [{ docId: 'faq-001' }] });
    expect(turns[1]!.createdAt.toISOString()).toBe(t0.toISOString());
    expect(await repo.customer('u-1')).toEqual({ id: 'u-1', tier: 'standard' });
  });

  it('continues the numbering, keeps the tier current and follows the customer across channels', async () => {
    await repo.recordExchange({
      conversationId: 'c-1',
      customer: { id: 'u-1', tier: 'vip' },
      channel: 'email',
      now: later(5),
      language: 'en',
      state: 'bot',
      unresolvedTurns: 1,
      turns: [{ role: 'customer', text: 'and the refund?' }, { role: 'bot', text: '5–10 business days.' }],
    });
    expect((await repo.turns('c-1')).map((t) => `${t.seq}:${t.channel}`)).toEqual(['1:web', '2:web', '3:email', '4:email']);
    expect(await repo.customer('u-1')).toEqual({ id: 'u-1', tier: 'vip' });
    expect((await repo.openConversationOf('u-1', later(-60)))?.id).toBe('c-1');
    expect(await repo.openConversationOf('u-1', later(10))).toBeNull();
    expect(await repo.openConversationOf('nobody', later(-60))).toBeNull();
  });

  it('writes the handoff record in the same transaction as the turn', async () => {
    const r = await repo.recordExchange({
      conversationId: 'c-2',
      customer: { id: 'u-2', tier: 'standard' },
      channel: 'app',
      now: t0,
      language: 'zh',
      state: 'handed_off',
      unresolvedTurns: 0,
      turns: [{ role: 'customer', text: '转人工' }, { role: 'bot', text: '正在为您转接人工客服。' }],
      handoff: { reasons: ['human_requested'], priority: 'P3', language: 'zh', skill: 'general', firstResponseDue: later(240) },
    });
    expect(r.handoff).toMatchObject({ conversationId: 'c-2', turnId: r.turns[0]!.id, reasons: ['human_requested'], priority: 'P3' });
    expect((await repo.handoffs('c-2')).map((h) => h.id)).toEqual([r.handoff!.id]);
    expect((await repo.conversation('c-2'))?.state).toBe('handed_off');
    expect(r.ticket).toMatchObject({ conversationId: 'c-2', handoffId: r.handoff!.id, state: 'pending', priority: 'P3', skill: 'general', language: 'zh' });
    expect(r.ticket!.firstResponseDue.toISOString()).toBe(later(240).toISOString());
  });

  it("escalates a waiting customer's open ticket with the exchange: new reasons, higher priority, earlier deadline", async () => {
    const wait = (escalate: { reasons: string[]; priority: 'P1' | 'P2' | 'P3' | 'P4'; firstResponseDue: Date }, minutes: number) =>
      repo.recordExchange({ conversationId: 'c-esc', customer: { id: 'u-esc', tier: 'standard' }, channel: 'web', now: later(minutes), language: 'en', state: 'handed_off', unresolvedTurns: 0, turns: [{ role: 'customer', text: 'still waiting' }], escalate });
    const first = await repo.recordExchange({
      conversationId: 'c-esc', customer: { id: 'u-esc', tier: 'standard' }, channel: 'web', now: t0, language: 'en', state: 'handed_off', unresolvedTurns: 0,
      turns: [{ role: 'customer', text: 'can I rent devices' }, { role: 'bot', text: 'A member of our team will reply here.' }],
      handoff: { reasons: ['low_confidence'], priority: 'P4', language: 'en', skill: 'general', firstResponseDue: later(24 * 60) },
    });
    const angry = await wait({ reasons: ['frustrated', 'human_requested'], priority: 'P2', firstResponseDue: later(10 + 60) }, 10);
    expect(angry.escalated).toMatchObject({ id: first.ticket!.id, reasons: ['low_confidence', 'frustrated', 'human_requested'], priority: 'P2' });
    expect(angry.escalated!.firstResponseDue.toISOString()).toBe(later(70).toISOString());
    // Nothing new (a lower priority, known reasons): the ticket stays as it is.
    const again = await wait({ reasons: ['frustrated'], priority: 'P3', firstResponseDue: later(20 + 240) }, 20);
    expect(again.escalated).toMatchObject({ reasons: ['low_confidence', 'frustrated', 'human_requested'], priority: 'P2' });
    expect(again.escalated!.firstResponseDue.toISOString()).toBe(later(70).toISOString());
    expect(await repo.handoffs('c-esc')).toHaveLength(1);
    // Without an open ticket there is nothing to escalate.
    const none = await repo.recordExchange({ conversationId: 'c-none', customer: { id: 'u-none', tier: 'standard' }, channel: 'web', now: t0, language: 'en', state: 'bot', unresolvedTurns: 0, turns: [{ role: 'customer', text: 'hi' }], escalate: { reasons: ['frustrated'], priority: 'P2', firstResponseDue: later(60) } });
    expect(none.escalated).toBeNull();
  });

  it('withdraws a waiting ticket nobody has claimed when the bot answers after all, and never a claimed one', async () => {
    const queue = (id: string) =>
      repo.recordExchange({
        conversationId: id, customer: { id: `u-${id}`, tier: 'standard' }, channel: 'web', now: t0, language: 'en', state: 'handed_off', unresolvedTurns: 0,
        turns: [{ role: 'customer', text: 'I sent my camera back' }, { role: 'bot', text: 'A member of our team will reply here.' }],
        handoff: { reasons: ['low_confidence'], priority: 'P4', language: 'en', skill: 'general', firstResponseDue: later(24 * 60) },
      });
    const answered = (id: string) =>
      repo.recordExchange({ conversationId: id, customer: { id: `u-${id}`, tier: 'standard' }, channel: 'web', now: later(5), language: 'en', state: 'bot', unresolvedTurns: 0, turns: [{ role: 'customer', text: 'how long do refunds take?' }, { role: 'bot', text: '5-10 business days.' }], withdraw: 'answered_by_bot' });
    const waiting = await queue('c-wd');
    expect((await repo.waitingTicket('c-wd'))?.id).toBe(waiting.ticket!.id);
    const r = await answered('c-wd');
    expect(r.withdrawn).toMatchObject({ id: waiting.ticket!.id, state: 'closed' });
    expect(r.withdrawn!.closedAt?.toISOString()).toBe(later(5).toISOString());
    expect(await repo.waitingTicket('c-wd')).toBeNull();
    const tickets = new TicketRepository(db);
    expect((await tickets.events(waiting.ticket!.id)).map((e) => [e.type, e.data])).toContainEqual(['withdrawn', { reason: 'answered_by_bot' }]);

    const claimed = await queue('c-wd-claimed');
    await tickets.upsertAgent({ id: 'wd-agent', name: 'Ana', skills: ['general'], languages: ['en'], capacity: 5, team: null, tierLevel: 1 }, t0);
    await tickets.claim(claimed.ticket!.id, 'wd-agent', later(1));
    expect(await repo.waitingTicket('c-wd-claimed')).toBeNull();
    expect((await answered('c-wd-claimed')).withdrawn).toBeNull();
    expect(await tickets.get(claimed.ticket!.id)).toMatchObject({ state: 'in_progress', assignee: 'wd-agent' });
  });

  it('refuses another customer\'s conversation and writes nothing', async () => {
    const exchange = repo.recordExchange({
      conversationId: 'c-1',
      customer: { id: 'u-intruder', tier: 'standard' },
      channel: 'web',
      now: later(6),
      language: 'en',
      state: 'bot',
      unresolvedTurns: 0,
      turns: [{ role: 'customer', text: 'show me this' }],
    });
    await expect(exchange).rejects.toBeInstanceOf(ConflictError);
    expect(await repo.turns('c-1')).toHaveLength(4);
    expect(await repo.customer('u-intruder')).toBeNull();
  });

  it('a failed handoff insert rolls the turns back (nothing half-written)', async () => {
    const exchange = repo.recordExchange({
      conversationId: 'c-3',
      customer: { id: 'u-3', tier: 'standard' },
      channel: 'web',
      now: t0,
      language: 'en',
      state: 'handed_off',
      unresolvedTurns: 0,
      turns: [{ role: 'customer', text: 'help' }],
      handoff: { reasons: ['low_confidence'], priority: 'P9' as 'P1', language: 'en', skill: null, firstResponseDue: later(15) },
    });
    await expect(exchange).rejects.toThrow();
    expect(await repo.conversation('c-3')).toBeNull();
    expect(await repo.turns('c-3')).toEqual([]);
  });

  it('concurrent messages to one conversation get distinct, dense turn numbers', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        repo.recordExchange({
          conversationId: 'c-4',
          customer: { id: 'u-4', tier: 'standard' },
          channel: 'api',
          now: later(i),
          language: 'en',
          state: 'bot',
          unresolvedTurns: 0,
          turns: [{ role: 'customer', text: `message ${i}` }, { role: 'bot', text: `reply ${i}` }],
        }),
      ),
    );
    expect((await repo.turns('c-4')).map((t) => t.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('setState moves a conversation and resets its unresolved count', async () => {
    await repo.setState('c-2', 'resolved', later(30));
    expect(await repo.conversation('c-2')).toMatchObject({ state: 'resolved', unresolvedTurns: 0 });
    expect(await repo.openConversationOf('u-2', later(-60))).toBeNull();
  });
});

describe('openDatabase', () => {
  it('keeps PGlite data under <dataDir>/db across reopen', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'deskmate-store-'));
    try {
      const a = await openDatabase({ dataDir });
      await new ConversationRepository(a).recordExchange({
        conversationId: 'persist',
        customer: { id: 'u', tier: 'standard' },
        channel: 'web',
        now: t0,
        language: 'en',
        state: 'bot',
        unresolvedTurns: 0,
        turns: [{ role: 'customer', text: 'hello' }],
      });
      await a.close();
      const b = await openDatabase({ dataDir });
      expect(await new ConversationRepository(b).turns('persist')).toHaveLength(1);
      await b.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
