import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../store/audit.js';
import type { Database } from '../store/database.js';
import { buildTestApp, TEST_KEYS } from './testing.js';

// Real HTTP through app.request over the real agent, desk and PGlite; a small lexical KB keeps it fast.
const KEYS = TEST_KEYS;
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let close: () => Promise<void>;
let db: Database;

beforeAll(async () => {
  ({ app, close, db } = await buildTestApp());
});
afterAll(() => close());

type Role = keyof typeof KEYS;
function call(method: string, url: string, options: { role?: Role; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(options.role ? { authorization: `Bearer ${KEYS[options.role]}` } : {}), ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  return app.request(url, { method, headers, body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body) });
}

const ask = (message: string, customer = 'c1', extra: Record<string, string> = {}) => call('POST', '/v1/answer', { role: 'channel', body: { customer: { id: customer }, channel: 'web', message }, headers: extra });

describe('HTTP API', () => {
  it('health and readiness need no key', async () => {
    expect(await (await call('GET', '/health')).json()).toEqual({ status: 'ok' });
    expect(await (await call('GET', '/ready')).json()).toMatchObject({ status: 'ready', store: 'pglite', index: { documents: 2 }, llm: false });
  });

  it('serves its OpenAPI document (generated from the request schemas) and a docs page without a key', async () => {
    const spec = (await (await call('GET', '/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: object } }> } }>> };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/answer', '/v1/queue', '/v1/tickets/{id}/{action}', '/v1/documents/{id}']));
    expect(Object.keys(spec.paths['/v1/answer']!.post!.requestBody!.content['application/json']!.schema.properties)).toEqual(expect.arrayContaining(['customer', 'message', 'channel']));
    const docs = await call('GET', '/docs');
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(await docs.text()).toContain('/openapi.json');
  });

  it('answers a channel with citations and a request id', async () => {
    const res = await ask('when will I receive my refund?');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = (await res.json()) as { decision: { type: string }; citations: Array<{ docId: string }> };
    expect(body.decision.type).toBe('answered');
    expect(body.citations[0]!.docId).toBe('faq-refund');
  });

  it('401 without a key, 401 with an unknown one, 403 with the wrong role', async () => {
    expect((await call('POST', '/v1/answer', { body: {} })).status).toBe(401);
    expect((await call('POST', '/v1/answer', { body: {}, headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const wrong = await call('POST', '/v1/answer', { role: 'knowledge', body: { customer: { id: 'x' }, message: 'hi' } });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('names the bad field (422), refuses bad JSON (422), other content types (415) and big bodies (413)', async () => {
    const bad = await call('POST', '/v1/answer', { role: 'channel', body: { customer: { id: 'x' }, message: 42 } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_error', details: [{ field: 'message' }] } });
    expect((await call('POST', '/v1/answer', { role: 'channel', body: '{"customer":' })).status).toBe(422);
    expect((await call('POST', '/v1/answer', { role: 'channel', body: 'hello', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    const huge = await call('POST', '/v1/answer', { role: 'channel', body: { customer: { id: 'x' }, message: 'a'.repeat(100_000) } });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const long = await call('POST', '/v1/answer', { role: 'channel', body: { customer: { id: 'x' }, message: 'a'.repeat(9000) } });
    expect(long.status).toBe(422);
  });

  it('a retried request with the same Idempotency-Key is answered once', async () => {
    const [a, b] = await Promise.all([ask('what is your return policy?', 'idem', { 'idempotency-key': 'k1' }), ask('what is your return policy?', 'idem', { 'idempotency-key': 'k1' })]);
    const first = (await a.json()) as { conversationId: string };
    expect(await b.json()).toEqual(first);
    const again = (await (await ask('what is your return policy?', 'idem', { 'idempotency-key': 'k1' })).json()) as { conversationId: string };
    expect(again).toEqual(first);
    const convo = (await (await call('GET', `/v1/conversations/${first.conversationId}`, { role: 'channel' })).json()) as { turns: unknown[] };
    expect(convo.turns).toHaveLength(2);
  });

  it('streams understanding, citations, decision and result as server-sent events', async () => {
    const res = await call('POST', '/v1/answer', { role: 'channel', body: { customer: { id: 'sse' }, message: 'when will I receive my refund?' }, headers: { accept: 'text/event-stream' } });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    expect([...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])).toEqual(['understanding', 'citations', 'decision', 'result']);
    expect(text).toContain('faq-refund');
  });

  it('hands off to the queue; an agent claims, replies (the channel sees it), resolves; low CSAT opens a follow-up', async () => {
    const handed = (await (await ask('let me talk to a real person', 'flow')).json()) as { ticketId: string; conversationId: string };
    await call('POST', '/v1/agents', { role: 'admin', body: { id: 'ana', name: 'Ana', skills: ['escalations', 'general'], languages: ['en'], capacity: 5 } });
    const queue = (await (await call('GET', '/v1/queue', { role: 'agent' })).json()) as { tickets: Array<{ id: string; sla: object }> };
    expect(queue.tickets.map((t) => t.id)).toContain(handed.ticketId);
    const detail = (await (await call('GET', `/v1/tickets/${handed.ticketId}`, { role: 'agent' })).json()) as { summary: { customerWords: string[] } };
    expect(detail.summary.customerWords).toEqual(['let me talk to a real person']);
    expect((await call('POST', `/v1/tickets/${handed.ticketId}/claim`, { role: 'agent' })).status).toBe(200);
    expect((await call('POST', `/v1/tickets/${handed.ticketId}/claim`, { role: 'agent' })).status).toBe(409);
    expect((await call('POST', `/v1/tickets/${handed.ticketId}/reply`, { role: 'agent', body: { text: 'Hi, Ana here.' } })).status).toBe(200);
    const events = (await (await call('GET', `/v1/conversations/${handed.conversationId}/events?after=2`, { role: 'channel' })).json()) as { events: Array<{ role: string; text: string }> };
    expect(events.events).toEqual([expect.objectContaining({ role: 'agent', text: 'Hi, Ana here.' })]);
    expect((await call('POST', `/v1/tickets/${handed.ticketId}/resolve`, { role: 'agent' })).status).toBe(200);
    const fb = await call('POST', `/v1/conversations/${handed.conversationId}/feedback`, { role: 'channel', body: { csat: 1 } });
    expect(await fb.json()).toMatchObject({ recorded: true, followUpTicketId: expect.any(String) });
    expect((await call('POST', `/v1/conversations/${handed.conversationId}/feedback`, { role: 'channel', body: { csat: 9 } })).status).toBe(422);
    const audit = await new AuditLog(db).recent(20);
    expect(audit.filter((a) => a.target === handed.ticketId).map((a) => [a.actor, a.action, a.status]).reverse()).toEqual([
      ['ana', 'POST /v1/tickets/:id/:action', 200],
      ['ana', 'POST /v1/tickets/:id/:action', 200],
      ['ana', 'POST /v1/tickets/:id/:action', 200],
    ]);
  });

  it('reports support metrics as JSON and in the Prometheus format', async () => {
    const res = await call('GET', '/v1/metrics', { role: 'agent' });
    expect(res.status).toBe(200);
    const m = (await res.json()) as Record<string, unknown> & { conversations: number; escalation_rate_by_reason: Record<string, number>; backlog_by_priority: Record<string, number>; csat: { responses: number } };
    expect(m.conversations).toBeGreaterThanOrEqual(4);
    expect(m).toMatchObject({ self_service_resolution_rate: expect.any(Number), first_contact_resolution_rate: expect.any(Number), median_first_response_ms: { bot: expect.any(Number), human: expect.any(Number) }, top_intents: expect.any(Array), top_questions: expect.any(Array), top_knowledge_gaps: expect.any(Array) });
    expect(m.escalation_rate_by_reason.human_requested).toBeGreaterThan(0);
    expect(m.csat.responses).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/v1/metrics?from=yesterday', { role: 'agent' })).status).toBe(422);
    const prom = await call('GET', '/metrics', { role: 'admin' });
    expect(await prom.text()).toMatch(/^# HELP deskmate_conversations/m);
    expect((await call('GET', '/metrics', { role: 'agent' })).status).toBe(403);
  });

  it('ingests uploaded files (multipart) and names a bad one in the summary', async () => {
    const form = new FormData();
    form.append('file', new File(['---\nid: guide-pets\ntitle: Pets and cameras\n---\n# Pet mode\n\nTurn on Pet mode in the C4 camera settings to ignore cats and dogs.\n'], 'pets.md', { type: 'text/markdown' }));
    form.append('file', new File([new Uint8Array([0, 1, 2, 3, 255, 0, 7])], 'blob.txt'));
    const res = await app.request('/v1/documents', { method: 'POST', headers: { authorization: `Bearer ${KEYS.knowledge}` }, body: form });
    expect(res.status).toBe(201);
    const { summary } = (await res.json()) as { summary: { files: { ingested: number; failed: number }; errors: Array<{ file: string }> } };
    expect(summary.files).toMatchObject({ ingested: 1, failed: 1 });
    expect(summary.errors[0]!.file).toMatch(/blob\.txt$/);
    const found = (await (await call('POST', '/v1/search', { role: 'knowledge', body: { query: 'pet mode camera' } })).json()) as { hits: Array<{ docId: string }> };
    expect(found.hits[0]!.docId).toBe('guide-pets');
  });

  it('knowledge managers add, search and delete documents', async () => {
    const add = await call('POST', '/v1/documents', { role: 'knowledge', body: { entries: [{ id: 'faq-gift', question: 'Can I pay with a gift card?', answer: 'Yes, gift cards are accepted at checkout.' }] } });
    expect(add.status).toBe(201);
    const found = (await (await call('POST', '/v1/search', { role: 'knowledge', body: { query: 'pay with gift card', k: 3 } })).json()) as { hits: Array<{ docId: string }> };
    expect(found.hits[0]!.docId).toBe('faq-gift');
    expect((await call('GET', '/v1/documents', { role: 'knowledge' })).status).toBe(200);
    expect((await call('DELETE', '/v1/documents/faq-gift', { role: 'knowledge' })).status).toBe(200);
    expect((await call('DELETE', '/v1/documents/faq-gift', { role: 'knowledge' })).status).toBe(404);
    expect((await call('DELETE', '/v1/documents/..%2F..%2Fetc%2Fpasswd', { role: 'knowledge' })).status).toBe(422);
  });

  it("keeps an entry's alternate questions, so a customer's wording of one finds it", async () => {
    const entry = { id: 'faq-layaway', question: 'Do you offer layaway?', answer: 'No, every order is paid in full at checkout.', alternate_questions: ['can I put a deposit down and pay off the rest later'] };
    expect((await call('POST', '/v1/documents', { role: 'knowledge', body: { entries: [entry] } })).status).toBe(201);
    const found = (await (await call('POST', '/v1/search', { role: 'knowledge', body: { query: 'put a deposit down and pay the rest later', k: 1 } })).json()) as { hits: Array<{ docId: string }> };
    expect(found.hits[0]!.docId).toBe('faq-layaway');
    expect((await call('DELETE', '/v1/documents/faq-layaway', { role: 'knowledge' })).status).toBe(200);
  });

  it.each([
    ['POST', '/v1/answer', 'channel'],
    ['GET', '/v1/conversations/x', 'channel'],
    ['GET', '/v1/queue', 'agent'],
    ['GET', '/v1/tickets/x', 'agent'],
    ['POST', '/v1/tickets/x/claim', 'agent'],
    ['GET', '/v1/tickets/x/suggestions', 'agent'],
    ['POST', '/v1/search', 'knowledge'],
    ['GET', '/v1/documents', 'knowledge'],
    ['POST', '/v1/documents', 'knowledge'],
    ['DELETE', '/v1/documents/x', 'knowledge'],
    ['GET', '/v1/knowledge-gaps', 'knowledge'],
    ['GET', '/v1/knowledge-tasks', 'knowledge'],
    ['POST', '/v1/agents', 'admin'],
    ['POST', '/v1/conversations/x/feedback', 'channel'],
    ['POST', '/v1/knowledge-tasks/x/accept', 'knowledge'],
    ['GET', '/v1/metrics', 'agent'],
    ['GET', '/metrics', 'admin'],
  ] as const)('%s %s: 401 without a key, 403 for other roles, not 401/403 for %s', async (method, url, role) => {
    expect((await call(method, url)).status).toBe(401);
    // Routes open to two roles: the conversation reads (channel, agent) and metrics (agent, knowledge).
    const alsoAllowed = (r: string) => (url.startsWith('/v1/conversations/x') && !url.endsWith('feedback') && r === 'agent') || (url === '/v1/metrics' && r === 'knowledge');
    for (const other of (['channel', 'agent', 'knowledge'] as const).filter((r) => r !== role && !alsoAllowed(r))) {
      expect((await call(method, url, { role: other, body: method === 'GET' || method === 'DELETE' ? undefined : {} })).status, other).toBe(403);
    }
    const ok = await call(method, url, { role, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
    expect([401, 403]).not.toContain(ok.status);
    expect(ok.status).toBeLessThan(500);
  });
});
