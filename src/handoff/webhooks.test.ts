import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sign, Webhooks } from './webhooks.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const event = { type: 'agent.reply' as const, conversationId: 'c-1', ticketId: 't-1', text: 'Hi, Ana here.', at: '2026-06-01T08:00:00.000Z' };
const hooks = new Webhooks({ urls: { web: 'http://hooks.test/deskmate' }, secret: 's3cret', retry: { maxRetries: 3, baseMs: 1, maxMs: 5 } });

describe('outbound webhooks', () => {
  it('POSTs the event signed with HMAC-SHA256 over timestamp.body', async () => {
    const seen: Array<{ body: string; signature: string | null; timestamp: string | null }> = [];
    server.use(
      http.post('http://hooks.test/deskmate', async ({ request }) => {
        seen.push({ body: await request.text(), signature: request.headers.get('x-deskmate-signature'), timestamp: request.headers.get('x-deskmate-timestamp') });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    expect(await hooks.notify('web', event)).toBe(true);
    expect(JSON.parse(seen[0]!.body)).toEqual(event);
    expect(seen[0]!.signature).toBe(sign('s3cret', seen[0]!.timestamp!, seen[0]!.body));
  });

  it('retries a 500 and a 429, then delivers', async () => {
    let calls = 0;
    server.use(http.post('http://hooks.test/deskmate', () => (++calls === 1 ? new HttpResponse(null, { status: 500 }) : calls === 2 ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '0' } }) : new HttpResponse(null, { status: 200 }))));
    expect(await hooks.notify('web', event)).toBe(true);
    expect(calls).toBe(3);
  });

  it('does not retry a 400, and a channel without a URL gets nothing', async () => {
    let calls = 0;
    server.use(http.post('http://hooks.test/deskmate', () => (calls++, new HttpResponse(null, { status: 400 }))));
    expect(await hooks.notify('web', event)).toBe(false);
    expect(calls).toBe(1);
    expect(await hooks.notify('email', event)).toBe(false);
  });
});

describe('webhooks from the handoff desk', () => {
  it("sends a person's reply and the resolution to the conversation's channel", async () => {
    const { openPglite } = await import('../store/pglite.js');
    const { migrate } = await import('../store/migrations.js');
    const { ConversationRepository } = await import('../store/conversations.js');
    const { HandoffDesk } = await import('./desk.js');
    const db = await openPglite();
    await migrate(db);
    const received: Array<{ type: string; text?: string }> = [];
    server.use(http.post('http://hooks.test/deskmate', async ({ request }) => (received.push((await request.json()) as { type: string }), new HttpResponse(null, { status: 204 }))));
    const desk = new HandoffDesk(db, { webhooks: hooks });
    const now = new Date();
    const r = await new ConversationRepository(db).recordExchange({
      conversationId: 'wh-1', customer: { id: 'u', tier: 'standard' }, channel: 'web', now, language: 'en', state: 'handed_off', unresolvedTurns: 0,
      turns: [{ role: 'customer', text: 'human please' }],
      handoff: { reasons: ['human_requested'], priority: 'P3', language: 'en', skill: 'general', firstResponseDue: now },
    });
    await desk.registerAgent({ id: 'ana', name: 'Ana', skills: ['general'], languages: ['en'], capacity: 1, team: null, tierLevel: 1 });
    await desk.claim(r.ticket!.id, 'ana');
    await desk.reply(r.ticket!.id, 'ana', 'Hi, Ana here.');
    await desk.resolve(r.ticket!.id, 'ana');
    await vi.waitFor(() => expect(received.map((e) => e.type)).toEqual(['agent.reply', 'conversation.resolved']));
    expect(received[0]!.text).toBe('Hi, Ana here.');
    await db.close();
  });
});
