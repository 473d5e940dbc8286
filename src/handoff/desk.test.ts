import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '../errors.js';
import { ConversationRepository } from '../store/conversations.js';
import type { Database } from '../store/database.js';
import { TEST_DATABASES } from '../store/testing.js';
import type { Priority } from '../store/types.js';
import { HandoffDesk } from './desk.js';
import { KnowledgeTasks } from './knowledge-tasks.js';
import { prometheus, supportMetrics } from '../store/metrics.js';
import { firstResponseDue } from './sla.js';

const t0 = new Date('2026-06-01T08:00:00Z');
const MIN = 60_000;

describe.each(TEST_DATABASES)('handoff desk on $name', (kind) => {
  let db: Database;
  let clock: Date;
  let desk: HandoffDesk;
  let conversations: ConversationRepository;
  let n = 0;

  /** A handed-off conversation, as the agent writes it. */
  async function handoff(o: { priority?: Priority; tier?: 'standard' | 'vip'; skill?: string; language?: string; text?: string; at?: Date } = {}) {
    const priority = o.priority ?? 'P3';
    const tier = o.tier ?? 'standard';
    const now = o.at ?? clock;
    const id = `conv-${kind.name}-${++n}`;
    const r = await conversations.recordExchange({
      conversationId: id,
      customer: { id: `cust-${n}`, tier },
      channel: 'web',
      now,
      language: o.language ?? 'en',
      state: 'handed_off',
      unresolvedTurns: 0,
      turns: [
        { role: 'customer', text: o.text ?? 'my hub is offline again and I want a person', understanding: { intents: [{ name: 'device_offline' }], sentiment: -0.4, frustration: { score: 0.4, level: 'medium', signals: [{ name: 'repeated_question' }] } } },
        { role: 'bot', text: 'Passing you to our team.', decision: { type: 'handed_off', reasons: ['human_requested'] }, understanding: { standaloneQuery: o.text ?? 'my hub is offline again and I want a person' } },
      ],
      handoff: { reasons: ['human_requested'], priority, language: o.language ?? 'en', skill: o.skill ?? 'technical', firstResponseDue: firstResponseDue(now, priority, tier) },
    });
    return r.ticket!;
  }

  beforeAll(async () => {
    db = await kind.open();
    clock = t0;
    desk = new HandoffDesk(db, { now: () => clock });
    conversations = new ConversationRepository(db);
  });
  afterAll(() => db.close());

  it('orders the queue by priority, then by first-response deadline, with SLA flags on a fake clock', async () => {
    const p3 = await handoff({ priority: 'P3', skill: 'q-order' });
    const p1 = await handoff({ priority: 'P1', skill: 'q-order' });
    const vipP3 = await handoff({ priority: 'P3', tier: 'vip', skill: 'q-order' }); // due in 5 min, but P3
    const p1later = await handoff({ priority: 'P1', skill: 'q-order', at: new Date(t0.getTime() + MIN) });
    const ids = (await desk.queue({ skill: 'q-order' })).map((e) => e.ticket.id);
    expect(ids).toEqual([p1.id, p1later.id, vipP3.id, p3.id]);

    clock = new Date(t0.getTime() + 4 * MIN); // VIP's 5 min: 80% gone
    let flags = Object.fromEntries((await desk.queue({ skill: 'q-order' })).map((e) => [e.ticket.id, e.sla]));
    expect(flags[vipP3.id]).toMatchObject({ atRisk: true, breached: false });
    expect(flags[p1.id]).toMatchObject({ atRisk: false, breached: false });
    clock = new Date(t0.getTime() + 17 * MIN);
    flags = Object.fromEntries((await desk.queue({ skill: 'q-order' })).map((e) => [e.ticket.id, e.sla]));
    expect(flags[p1.id]).toMatchObject({ breached: true });
    expect(flags[p1later.id]).toMatchObject({ breached: true });
    expect(flags[vipP3.id]).toMatchObject({ breached: true });
    expect(flags[p3.id]).toMatchObject({ atRisk: false, breached: false });
    expect((await desk.queue({ skill: 'q-order', atRisk: true })).map((e) => e.ticket.id)).toEqual([p1.id, p1later.id, vipP3.id]);
    clock = t0;
  });

  it('routes by skill, language and capacity', async () => {
    const zhBilling = await handoff({ skill: 'r-billing', language: 'zh' });
    await handoff({ skill: 'r-billing', language: 'en' });
    await desk.registerAgent({ id: `li-${kind.name}`, name: 'Li', skills: ['r-billing'], languages: ['zh'], capacity: 1, team: null, tierLevel: 1 });
    const got = await desk.claimNext(`li-${kind.name}`);
    expect(got?.id).toBe(zhBilling.id);
    await handoff({ skill: 'r-billing', language: 'zh' });
    expect(await desk.claimNext(`li-${kind.name}`)).toBeNull(); // at capacity
  });

  it('20 agents claiming concurrently from 200 tickets claim each exactly once', { timeout: 120_000 }, async () => {
    const created = new Set<string>();
    for (let i = 0; i < 200; i++) created.add((await handoff({ skill: 'race', priority: (['P1', 'P2', 'P3', 'P4'] as const)[i % 4] })).id);
    const agents = Array.from({ length: 20 }, (_, i) => `race-${kind.name}-${i}`);
    for (const id of agents) await desk.registerAgent({ id, name: id, skills: ['race'], languages: ['en'], capacity: 1000, team: null, tierLevel: 1 });
    const claimed: string[] = [];
    await Promise.all(
      agents.map(async (agentId) => {
        for (;;) {
          const t = await desk.claimNext(agentId);
          if (!t) return;
          claimed.push(t.id);
        }
      }),
    );
    expect(claimed).toHaveLength(200);
    expect(new Set(claimed)).toEqual(created);
    expect(await desk.queue({ skill: 'race', states: ['pending'] })).toEqual([]);
  });

  it('a named ticket is claimed once; the second claim is a conflict', async () => {
    const t = await handoff({ skill: 'named' });
    await desk.registerAgent({ id: `a-${kind.name}`, name: 'A', skills: ['named'], languages: ['en'], capacity: 5, team: null, tierLevel: 1 });
    await desk.registerAgent({ id: `b-${kind.name}`, name: 'B', skills: ['named'], languages: ['en'], capacity: 5, team: null, tierLevel: 1 });
    const results = await Promise.allSettled([desk.claim(t.id, `a-${kind.name}`), desk.claim(t.id, `b-${kind.name}`)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
  });

  it('walks a ticket through reply, resolve, close and reopen, recording each event', async () => {
    const t = await handoff({ skill: 'life' });
    const agent = `life-${kind.name}`;
    await desk.registerAgent({ id: agent, name: 'L', skills: ['life'], languages: ['en'], capacity: 5, team: null, tierLevel: 1 });
    await desk.claim(t.id, agent);
    expect((await conversations.conversation(t.conversationId))?.state).toBe('human');
    await expect(desk.reply(t.id, 'someone-else', 'hi')).rejects.toBeInstanceOf(ForbiddenError);
    clock = new Date(t0.getTime() + 10 * MIN);
    const replied = await desk.reply(t.id, agent, 'Hi, I am looking at your hub now.');
    expect(replied.firstResponseAt?.toISOString()).toBe(clock.toISOString());
    expect((await conversations.turns(t.conversationId)).at(-1)).toMatchObject({ role: 'agent', text: 'Hi, I am looking at your hub now.' });
    await expect(desk.close(t.id, agent)).rejects.toBeInstanceOf(ConflictError); // not resolved yet
    expect((await desk.resolve(t.id, agent)).state).toBe('resolved');
    expect((await conversations.conversation(t.conversationId))?.state).toBe('resolved');
    expect((await desk.close(t.id, agent)).state).toBe('closed');
    expect((await desk.reopen(t.id, agent)).state).toBe('pending');
    expect((await conversations.conversation(t.conversationId))?.state).toBe('handed_off');
    const events = (await new (await import('../store/tickets.js')).TicketRepository(db).events(t.id)).map((e) => e.type);
    expect(events).toEqual(['created', 'claimed', 'reply', 'resolve', 'close', 'reopen']);
    clock = t0;
  });

  it('transfers to a team and escalates to tier 2: only agents there can claim it', async () => {
    const t = await handoff({ skill: 'esc' });
    await desk.registerAgent({ id: `t1-${kind.name}`, name: 'T1', skills: ['esc'], languages: ['en'], capacity: 5, team: 'north', tierLevel: 1 });
    await desk.registerAgent({ id: `t2-${kind.name}`, name: 'T2', skills: ['esc'], languages: ['en'], capacity: 5, team: 'south', tierLevel: 2 });
    await desk.transfer(t.id, 'lead', { team: 'south' });
    expect(await desk.claimNext(`t1-${kind.name}`)).toBeNull();
    await desk.transfer(t.id, 'lead', {});
    await desk.escalate(t.id, 'lead');
    expect(await desk.claimNext(`t1-${kind.name}`)).toBeNull(); // tier 1 cannot take a tier-2 ticket
    expect((await desk.claimNext(`t2-${kind.name}`))?.id).toBe(t.id);
  });

  it('routes a ticket to the least-loaded agent who has its skill and language', async () => {
    const busy = `busy-${kind.name}`;
    const free = `free-${kind.name}`;
    await desk.registerAgent({ id: busy, name: 'Busy', skills: ['push'], languages: ['zh'], capacity: 2, team: null, tierLevel: 1 });
    await desk.registerAgent({ id: free, name: 'Free', skills: ['push'], languages: ['zh'], capacity: 2, team: null, tierLevel: 1 });
    await desk.registerAgent({ id: `en-${kind.name}`, name: 'En', skills: ['push'], languages: ['en'], capacity: 9, team: null, tierLevel: 1 });
    await desk.claim((await handoff({ skill: 'push', language: 'zh' })).id, busy);
    const routed = await desk.route((await handoff({ skill: 'push', language: 'zh' })).id);
    expect(routed?.assignee).toBe(free);
    await desk.route((await handoff({ skill: 'push', language: 'zh' })).id); // one each now
    await desk.route((await handoff({ skill: 'push', language: 'zh' })).id); // both at capacity
    expect(await desk.route((await handoff({ skill: 'push', language: 'zh' })).id)).toBeNull();
  });

  it('records CSAT and NPS after resolution; CSAT <= 2 opens a follow-up ticket', async () => {
    const t = await handoff({ skill: 'rate' });
    const agent = `rate-${kind.name}`;
    await desk.registerAgent({ id: agent, name: 'R', skills: ['rate'], languages: ['en'], capacity: 5, team: null, tierLevel: 1 });
    await expect(desk.rate(t.id, { csat: 1 })).rejects.toBeInstanceOf(ConflictError); // not resolved yet
    await desk.claim(t.id, agent);
    await desk.reply(t.id, agent, 'Your hub is back online: we pushed a fix.');
    await desk.resolve(t.id, agent);
    expect((await desk.rate(t.id, { csat: 5, nps: 10 })).followUp).toBeNull();
    const { followUp } = await desk.rate(t.id, { csat: 2, comment: 'took too long' });
    expect(followUp).toMatchObject({ followUpOf: t.id, state: 'pending', skill: 'rate', reasons: ['low_csat'] });
    await expect(desk.rate(t.id, { nps: 11 })).rejects.toThrow(/nps/);
    // The resolution left a knowledge-task draft: the customer's question and the agent's answer.
    const tasks = new KnowledgeTasks(db, { publish: async (e) => e.id, now: () => clock });
    const draft = (await tasks.list('draft')).find((x) => x.ticketId === t.id)!;
    expect(draft).toMatchObject({ question: 'my hub is offline again and I want a person', answer: 'Your hub is back online: we pushed a fix.' });
    expect((await tasks.accept(draft.id, 'km')).docId).toMatch(/^kt-/);
    await expect(tasks.accept(draft.id, 'km')).rejects.toBeInstanceOf(ConflictError);
  });

  it('clusters low-confidence escalations into knowledge gaps', async () => {
    for (const text of ['do you sell solar panels?', 'solar panels for sale?']) {
      const r = await conversations.recordExchange({
        conversationId: `gap-${kind.name}-${++n}`,
        customer: { id: `gap-${n}`, tier: 'standard' },
        channel: 'web',
        now: clock,
        language: 'en',
        state: 'handed_off',
        unresolvedTurns: 0,
        turns: [{ role: 'customer', text }, { role: 'bot', text: 'Passing you on.' }],
        handoff: { reasons: ['low_confidence', 'out_of_scope'], priority: 'P4', language: 'en', skill: 'general', firstResponseDue: clock },
      });
      expect(r.ticket).not.toBeNull();
    }
    const gaps = await new KnowledgeTasks(db, { publish: async (e) => e.id }).gaps();
    expect(gaps[0]).toMatchObject({ count: 2, languages: ['en'] });
  });

  it('support metrics aggregate on this store', async () => {
    const m = await supportMetrics(db, { from: new Date(t0.getTime() - 60 * MIN), to: new Date(t0.getTime() + 24 * 60 * MIN) });
    expect(m.conversations).toBeGreaterThan(200);
    expect(m.escalation_rate).toBe(1); // every conversation here was handed off
    expect(m.escalation_rate_by_reason.human_requested).toBeGreaterThan(0.9);
    expect(m.csat.responses).toBeGreaterThanOrEqual(2);
    expect(m.median_first_response_ms.human).toBe(5 * MIN); // replies after 10 min and after 0 min
    expect(Object.keys(m.backlog_by_priority)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(prometheus(m)).toContain('deskmate_backlog_tickets{priority="P1"}');
  });

  it('summarises the conversation for the person taking over', async () => {
    const t = await handoff({ skill: 'sum', tier: 'vip', priority: 'P2', text: 'hub offline AGAIN, get me a person' });
    const s = await desk.summary(t.id);
    expect(s).toMatchObject({ customer: { tier: 'vip' }, priority: 'P2', reasons: ['human_requested'], intents: ['device_offline'], sentimentTrend: [-0.4], customerWords: ['hub offline AGAIN, get me a person'], openQuestion: 'hub offline AGAIN, get me a person' });
    expect(s.frustration).toEqual({ score: 0.4, level: 'medium', signals: ['repeated_question'] });
    expect(s.text).toMatch(/^VIP customer cust-\d+ on web \(en\), P2\. Handed over because: human_requested\./);
  });
});
