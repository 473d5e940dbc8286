import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTemporaryKb } from '../../eval/temporary-kb.js';
import { loadConfig } from '../config.js';
import { ValidationError } from '../errors.js';
import { migrate } from '../store/migrations.js';
import { openPglite } from '../store/pglite.js';
import type { Database } from '../store/database.js';
import type { Channel } from '../store/types.js';
import { HandoffDesk } from '../handoff/desk.js';
import { TicketRepository } from '../store/tickets.js';
import { KnowledgeTasks } from '../handoff/knowledge-tasks.js';
import { publishFaqEntries } from '../ingest/publish.js';
import { openRuntime, type Runtime } from './runtime.js';

// The embedded default end to end: the Lumen knowledge base ingested with USE-lite, the trained
// understanding layer, PGlite, extractive answers. Each test talks as its own customer.
let rt: Runtime;
let db: Database;
let kbDir: string;
let clock = new Date('2026-05-04T09:00:00Z');

beforeAll(async () => {
  const config = loadConfig({ DESKMATE_CACHE_DIR: path.join(tmpdir(), 'deskmate-test-cache') });
  kbDir = await buildTemporaryKb(config);
  db = await openPglite();
  await migrate(db);
  rt = await openRuntime(config, { kbDir, db, chat: null, now: () => clock });
});
afterAll(async () => {
  await rt.close();
  await db.close();
  await rm(kbDir, { recursive: true, force: true });
});

const customer = (id: string, tier: 'standard' | 'vip' = 'standard') => ({ id, tier });
/** One customer's conversation: each call sends their next message. */
const conversationOf = (id: string, channel?: Channel) => (message: string) => rt.agent.answer({ customer: customer(id), ...(channel ? { channel } : {}), message });
/** The tickets waiting in the human queue. */
const queuedTickets = async () => (await new HandoffDesk(db).queue()).map((e) => e.ticket);

describe('answering on the embedded default', () => {
  it.each([
    ['how do i see if my order has shipped yet', 'faq-001'],
    ['退款多久到账', 'faq-zh-002'],
    ['forgot my password', 'faq-033'],
  ])('answers %j from %s, with its citation', async (message, docId) => {
    const r = await rt.agent.answer({ customer: customer(`c-${docId}`), channel: 'web', message });
    expect(r.decision).toEqual({ type: 'answered', reasons: [] });
    expect(r.citations[0]).toMatchObject({ docId });
    expect(r.reply).toBe(rt.kb.chunksOf(docId)[0]!.text.trim());
    expect(r.composer).toBe('extractive');
  });

  it.each(['thanks for the help with the plug earlier', '谢谢 已经好了', 'thanks the plug is working great now', '摄像头装好了 画面很清楚 谢谢啊'])('answers %j with a courtesy, not a person', async (message) => {
    const r = await rt.agent.answer({ customer: customer(`thanks-${message.length}`), channel: 'web', message });
    expect(r.decision).toEqual({ type: 'answered', reasons: [] });
    expect(r.citations).toEqual([]);
  });

  it('persists both turns with the understanding and the decision', async () => {
    const r = await rt.agent.answer({ customer: customer('persist'), channel: 'app', message: 'how do i see if my order has shipped yet' });
    const turns = await rt.conversations.turns(r.conversationId);
    expect(turns.map((t) => t.role)).toEqual(['customer', 'bot']);
    expect(turns[1]).toMatchObject({ text: r.reply, decision: r.decision, confidence: r.confidence });
    expect((turns[0]!.understanding as { language: string }).language).toBe('en');
  });

  it('hands off an explicit request for a person, with the handoff stored before the reply', async () => {
    const r = await rt.agent.answer({ customer: customer('human'), channel: 'web', message: 'I want to talk to a real person now' });
    expect(r.decision.type).toBe('handed_off');
    expect(r.decision.reasons).toContain('human_requested');
    const [handoff] = await rt.conversations.handoffs(r.conversationId);
    expect(handoff).toMatchObject({ id: r.handoffId, reasons: r.decision.reasons });
    expect((await rt.conversations.conversation(r.conversationId))?.state).toBe('handed_off');
  });

  // The classifier reads contact_human into "voice control"; a request for a person names one or a way to reach one.
  it('does not take a question naming no person for a request for one', async () => {
    const r = await rt.agent.answer({ customer: customer('alexa'), channel: 'app', message: 'T3能用Alexa语音控制吗' });
    expect(r.decision.reasons).not.toContain('human_requested');
  });

  it('hands off 转人工 in Chinese and replies in Chinese', async () => {
    const r = await rt.agent.answer({ customer: customer('zh-human'), channel: 'app', message: '你好，帮我转人工' });
    expect(r.decision.reasons).toContain('human_requested');
    expect(r.reply).toMatch(/人工客服/);
  });

  it('does not take an indirect mention of an agent for a request', async () => {
    const r = await rt.agent.answer({ customer: customer('indirect'), message: 'could you ask an agent how to change my delivery address?' });
    expect(r.decision.reasons).not.toContain('human_requested');
  });

  it('hands off a security breach as P1', async () => {
    const r = await rt.agent.answer({ customer: customer('breach'), message: 'someone hacked my account and changed my email' });
    expect(r.priority.priority).toBe('P1');
    expect(r.decision.reasons).toContain('priority_p1');
  });

  it('hands off what the business does not handle as out of scope', async () => {
    const r = await rt.agent.answer({ customer: customer('oos'), message: "what's a good recipe for banana bread?" });
    expect(r.decision.type).toBe('handed_off');
    expect(r.decision.reasons).toContain('out_of_scope');
    expect(r.draft?.citations.length ?? 0).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['my Samsung fridge keeps beeping and the filter light flashes, how do I reset it?', true],
    ['华为路由器后台密码忘了怎么恢复', true],
    ['does the p2 tell me how much power my fridge uses?', false],
    ['能用网关控制我家的海尔空调吗', false],
    // A product word the glossary knows but the knowledge base never mentions is not one of ours.
    ['my Ring doorbell battery dies after 2 days, any idea how to fix that?', true],
  ])('hands off another maker\'s appliance as out of scope, unless one of ours is named: %j', async (message, outOfScope) => {
    const r = await rt.agent.answer({ customer: customer(`maker-${message.length}`), message });
    expect(r.decision.reasons.includes('out_of_scope')).toBe(outOfScope);
  });

  it('greets back without searching the knowledge base for "hi"', async () => {
    const r = await rt.agent.answer({ customer: customer('hello'), message: 'hi' });
    expect(r.decision.type).toBe('answered');
    expect(r.citations).toEqual([]);
  });

  // The bot tries again while the ticket waits; it says why it could not answer this message, not the first one.
  it('gives the reasons of the message tried again, not those of the waiting ticket', async () => {
    const say = conversationOf('retry-reasons');
    const first = await say('hmm about the thing from yesterday');
    expect(first.decision).toEqual({ type: 'handed_off', reasons: ['low_confidence'] });
    const second = await say('do you have a good banana bread recipe?');
    expect(second.decision.reasons).toContain('out_of_scope');
    expect((await rt.conversations.handoffs(first.conversationId)).map((h) => h.reasons)).toEqual([['low_confidence']]);
  });

  // A message tried again while the ticket waits writes no bot turn; the next one still follows on from it.
  it('follows on from a message the bot tried again while a ticket waited', async () => {
    const say = conversationOf('follow-waiting');
    expect((await say('my camera in the kitchen')).decision.reasons).toEqual(['low_confidence']);
    await say('keeps pinging me every time the cat walks past the food bowl, like 40 notifications a day');
    const third = await say("can i make it only notify me when it's an actual person?");
    expect(third.standaloneQuery).toMatch(/cat/);
  });

  it('condenses a follow-up with the previous turn and keeps context across channels', async () => {
    const first = await rt.agent.answer({ customer: customer('follow'), channel: 'web', message: 'how long is the warranty on the C4 camera?' });
    const second = await rt.agent.answer({ customer: customer('follow'), channel: 'email', message: 'and the P2?' });
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.standaloneQuery).toMatch(/warranty/);
    const turns = await rt.conversations.turns(first.conversationId);
    expect(turns.map((t) => t.channel)).toEqual(['web', 'web', 'email', 'email']);
  });

  // Short, with a topic of their own: words cannot tell a detail of the last problem from a new
  // question, so both readings are searched and the knowledge base decides.
  it.each([
    ['网关离线了', '指示灯一直是红的', 'faq-020'],
    ['网关离线了', '红灯常亮', 'faq-020'],
    ['the hub went offline', 'solid red light on it', 'faq-020'],
    ['网关离线了', '怎么注销账号', 'faq-zh-018'],
    ['where is my order', 'how do I delete my account', 'faq-035'],
  ])('reads %j then %j as the knowledge base best answers it (%s)', async (first, second, docId) => {
    const say = conversationOf(`both-${first}-${second}`);
    await say(first);
    const r = await say(second);
    expect(r.decision.type).toBe('answered');
    expect(r.citations[0]?.docId).toBe(docId);
  });

  it('hands off when the customer reports that the answer did not fix it', async () => {
    const say = conversationOf('not-fixed', 'app');
    expect((await say('my hub is offline, how do i get it back online')).decision.type).toBe('answered');
    // The answer did not work, and this turn is the same problem again: two unresolved turns.
    const second = await say('restarted the hub, it is still offline');
    expect(second.decision.type).toBe('handed_off');
    expect(second.decision.reasons).toContain('unresolved_turns');
  });

  it('counts "still not working" against the last answer even after a turn it could not answer', async () => {
    const say = conversationOf('not-fixed-later', 'app');
    expect((await say('my hub is offline, how do i get it back online')).decision.type).toBe('answered');
    const unsure = await say('do you also sell phone cases for the iphone 15? need one for my daughter');
    expect(unsure.decision.type).toBe('handed_off');
    expect(unsure.decision.reasons).not.toContain('human_requested');
    // No person has spoken, the bot tries again, and the customer says its answer did not work.
    const third = await say('did all that, still offline, nothing works');
    expect(third.decision.reasons).toContain('unresolved_turns');
  });

  it('starts a new conversation after the idle window', async () => {
    const first = await rt.agent.answer({ customer: customer('idle'), message: 'where is my order' });
    clock = new Date(clock.getTime() + 25 * 3_600_000);
    const second = await rt.agent.answer({ customer: customer('idle'), message: 'where is my order' });
    expect(second.conversationId).not.toBe(first.conversationId);
  });

  it('masks personal data before storing it', async () => {
    const r = await rt.agent.answer({ customer: customer('pii'), message: 'my email is jane.doe@example.com and my phone 13812345678, where is my order?' });
    const [turn] = await rt.conversations.turns(r.conversationId);
    expect(turn!.text).not.toContain('jane.doe@example.com');
    expect(turn!.text).not.toContain('13812345678');
    expect(turn!.text).toContain('138****5678');
  });

  it('stays silent while a person owns the conversation, and answers again once it is resolved', async () => {
    const handed = await rt.agent.answer({ customer: customer('owned'), message: 'agent please' });
    expect(handed.decision.type).toBe('handed_off');
    expect((await queuedTickets()).map((t) => t.id)).toContain(handed.ticketId);
    const during = await rt.agent.answer({ customer: customer('owned'), message: 'where is my order?' });
    expect(during.decision.type).toBe('handed_off');
    expect(during.citations).toEqual([]);
    const turns = await rt.conversations.turns(handed.conversationId);
    expect(turns.at(-1)!.role).toBe('customer'); // no bot turn while a person owns it
    const desk = new HandoffDesk(db, { now: () => clock });
    await desk.registerAgent({ id: 'ana', name: 'Ana', skills: ['general', 'orders', 'technical', 'account', 'billing', 'after_sales', 'handoff'], languages: ['en', 'zh'], capacity: 10, team: null, tierLevel: 1 });
    await desk.claim(handed.ticketId!, 'ana');
    await desk.reply(handed.ticketId!, 'ana', 'Hi, this is Ana. Your order ships tomorrow.');
    const whileHuman = await rt.agent.answer({ customer: customer('owned'), message: 'thanks, and the tracking link?' });
    expect(whileHuman.decision.type).toBe('handed_off');
    expect((await rt.conversations.turns(handed.conversationId)).map((t) => t.role)).toEqual(['customer', 'bot', 'customer', 'agent', 'customer']);
    await desk.resolve(handed.ticketId!, 'ana');
    const after = await rt.agent.answer({ customer: customer('owned'), message: 'how do i see if my order has shipped yet' });
    expect(after.conversationId).not.toBe(handed.conversationId);
    expect(after.decision.type).toBe('answered');
  });

  it('makes a waiting customer\'s ticket more urgent when they get upset or ask for a person, without answering', async () => {
    const say = conversationOf('waiting');
    const handed = await say('can I rent the devices monthly instead of buying them');
    expect(handed.decision).toEqual({ type: 'handed_off', reasons: ['low_confidence'] });
    const before = (await queuedTickets()).find((t) => t.id === handed.ticketId)!;
    const angry = await say("it's been an hour and nobody has answered. this is ridiculous, get me a real person now");
    expect(angry.decision.type).toBe('handed_off');
    expect(angry.decision.reasons).toEqual(expect.arrayContaining(['low_confidence', 'human_requested']));
    expect(angry.citations).toEqual([]);
    const after = (await queuedTickets()).find((t) => t.id === handed.ticketId)!;
    // The ticket has its first reason and the new ones; the turn says why it was not answered now.
    expect([...after.reasons].sort()).toEqual([...angry.decision.reasons].sort());
    expect(Number(after.priority.slice(1))).toBeLessThanOrEqual(Number(before.priority.slice(1)));
    expect(after.firstResponseDue.getTime()).toBeLessThanOrEqual(before.firstResponseDue.getTime());
    // One ticket, not a second one for the same wait.
    expect((await queuedTickets()).filter((t) => t.conversationId === handed.conversationId)).toHaveLength(1);
    // Now a person's to answer: a question the KB knows is not answered by the bot.
    const later = await say('how do i see if my order has shipped yet');
    expect(later.decision.type).toBe('handed_off');
    expect(later.citations).toEqual([]);
  });

  it('keeps the waiting ticket when the customer only says thanks', async () => {
    const say = conversationOf('thanks-waiting');
    const handed = await say('can I rent the devices monthly instead of buying them');
    expect(handed.decision.reasons).toEqual(['low_confidence']);
    const thanks = await say('ok thanks');
    expect(thanks.decision.type).toBe('handed_off');
    expect((await queuedTickets()).filter((t) => t.conversationId === handed.conversationId)).toHaveLength(1);
  });

  it('keeps trying while handed off only for low confidence: the question that follows is answered and the waiting ticket withdrawn', async () => {
    const say = conversationOf('opening');
    const handed = await say('can I rent the devices monthly instead of buying them');
    expect(handed.decision).toEqual({ type: 'handed_off', reasons: ['low_confidence'] });
    const still = await say('what about leasing then');
    expect(still.decision.type).toBe('handed_off');
    expect((await queuedTickets()).filter((t) => t.conversationId === handed.conversationId)).toHaveLength(1);
    const answered = await say('ok, how do i see if my order has shipped yet');
    expect(answered.decision).toEqual({ type: 'answered', reasons: [] });
    expect(answered.citations[0]).toMatchObject({ docId: 'faq-001' });
    expect(answered.conversationId).toBe(handed.conversationId);
    expect((await rt.conversations.conversation(handed.conversationId))?.state).toBe('bot');
    expect((await queuedTickets()).map((t) => t.id)).not.toContain(handed.ticketId);
    expect(await new TicketRepository(db).get(handed.ticketId!)).toMatchObject({ state: 'closed' });
    expect((await new TicketRepository(db).events(handed.ticketId!)).map((e) => [e.type, e.data])).toContainEqual(['withdrawn', { reason: 'answered_by_bot' }]);
  });

  it('answers an error code the KB explains in several documents: together they are one answer', async () => {
    // Ranked alone, the best of them is below one half (the FAQ entries and every manual's error table share the belief).
    const r = await rt.agent.answer({ customer: customer('code-sum'), message: '提示 E1042 怎么办' });
    expect(r.decision).toEqual({ type: 'answered', reasons: [] });
    expect(r.citations[0]!.docId).toMatch(/^(faq-011|faq-zh-009|manual-xr-200|manual-p2|manual-t3)$/);
    expect(r.reply).toMatch(/E1042/i);
  });

  it('never calls a code the knowledge base explains out of scope', async () => {
    // The classifier reads "提示 E1042" as none of the business's intents; the KB knows E1042.
    const r = await rt.agent.answer({ customer: customer('code-scope'), message: '提示 E1042' });
    expect(r.outOfScope).toBe(true);
    expect(r.retrievedDocIds).toContain('faq-zh-009');
    expect(r.decision.reasons).not.toContain('out_of_scope');
  });

  it('refuses an empty message, writing nothing', async () => {
    await expect(rt.agent.answer({ customer: customer('empty'), message: '   ' })).rejects.toBeInstanceOf(ValidationError);
    expect(await rt.conversations.openConversationOf('empty', new Date(0))).toBeNull();
  });

  it("refuses to continue another customer's conversation", async () => {
    const r = await rt.agent.answer({ customer: customer('owner'), message: 'where is my order' });
    await expect(rt.agent.answer({ conversationId: r.conversationId, customer: customer('other'), message: 'show me' })).rejects.toThrow(/another customer/);
  });
});

describe('after the handoff: suggestions, satisfaction and knowledge', () => {
  const agentId = 'kim';
  const desk = () => new HandoffDesk(db, { now: () => clock });

  beforeAll(async () => {
    await desk().registerAgent({ id: agentId, name: 'Kim', skills: ['general', 'orders', 'technical', 'account', 'billing', 'after_sales', 'handoff'], languages: ['en', 'zh'], capacity: 50, team: null, tierLevel: 1 });
  });

  it('suggests knowledge-base answers for the latest customer message, with sources', async () => {
    const r = await rt.agent.answer({ customer: customer('suggest'), message: "my refund still hasn't arrived, I want to talk to a person" });
    expect(r.decision.reasons).toContain('human_requested');
    const suggestions = await rt.agent.suggestions(r.conversationId);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.map((s) => s.citations[0]!.docId)).toContain('faq-007');
    expect(suggestions[0]!.text.length).toBeGreaterThan(20);
  });

  it('a low CSAT after resolution opens a follow-up ticket; a good one does not', async () => {
    const r = await rt.agent.answer({ customer: customer('csat'), message: 'agent please' });
    await desk().claim(r.ticketId!, agentId);
    await desk().reply(r.ticketId!, agentId, 'Sorted: your order is on its way.');
    await desk().resolve(r.ticketId!, agentId);
    const good = await desk().rate(r.ticketId!, { csat: 4, nps: 9 });
    expect(good.followUp).toBeNull();
    const bad = await desk().rate(r.ticketId!, { csat: 2 });
    expect(bad.followUp).toMatchObject({ followUpOf: r.ticketId, state: 'pending', reasons: ['low_csat'] });
    expect((await desk().queue()).map((e) => e.ticket.id)).toContain(bad.followUp!.id);
    await expect(desk().rate(r.ticketId!, { csat: 7 })).rejects.toThrow(/csat/);
  });

  it('a resolved ticket drafts a knowledge task; once accepted, the KB answers it', async () => {
    const question = 'can I pay for my order with store gift vouchers from the lumen pop-up shop?';
    const r = await rt.agent.answer({ customer: customer('task'), message: `${question} I need a human` });
    await desk().claim(r.ticketId!, agentId);
    await desk().reply(r.ticketId!, agentId, 'Yes: pop-up shop gift vouchers can be redeemed at checkout under Payment > Gift voucher.');
    await desk().resolve(r.ticketId!, agentId);
    const publishDir = await mkdtemp(path.join(tmpdir(), 'deskmate-published-'));
    const tasks = new KnowledgeTasks(db, {
      now: () => clock,
      publish: async (entry) => {
        await publishFaqEntries(rt.kb, [entry], { dir: publishDir, name: entry.id, chunkSize: 1000, chunkOverlap: 150, maxFileBytes: 1e6 });
        return entry.id;
      },
    });
    const draft = (await tasks.list('draft')).find((t) => t.ticketId === r.ticketId)!;
    expect(draft.answer).toMatch(/gift vouchers can be redeemed/);
    const accepted = await tasks.accept(draft.id, 'km-1');
    expect(accepted).toMatchObject({ state: 'accepted', decidedBy: 'km-1', docId: expect.stringMatching(/^kt-/) });
    const [hit] = await rt.kb.search('pay with pop-up shop gift vouchers');
    expect(hit!.chunk.docId).toBe(accepted.docId);
    await expect(tasks.dismiss(draft.id, 'km-1')).rejects.toThrow(/already accepted/);
    await rm(publishDir, { recursive: true, force: true });
  });

  it('groups low-confidence and out-of-scope escalations into knowledge gaps', async () => {
    for (const [i, m] of ['do you sell solar panels?', 'can I buy solar panels from you', 'solar panels available?'].entries()) {
      await rt.agent.answer({ customer: customer(`gap-${i}`), message: m });
    }
    const gaps = await new KnowledgeTasks(db, { publish: async () => '' }).gaps();
    const solar = gaps.find((g) => /solar/.test(g.question));
    expect(solar?.count).toBeGreaterThanOrEqual(3);
  });
});
