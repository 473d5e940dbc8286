import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { buildTestApp, TEST_KEYS } from './testing.js';

// Thousands of malformed or hostile requests, each invalid by construction: bad JSON, wrong
// types, missing or extra-long fields, deep nesting, huge bodies, odd unicode, ids with path
// traversal or SQL. Every one must get a 4xx in the one error shape, the server must keep
// answering, and nothing may be written.
const N = 2400;
let built: Awaited<ReturnType<typeof buildTestApp>>;

beforeAll(async () => {
  built = await buildTestApp({ rateLimitPerMinute: 0, maxBodyBytes: 32 * 1024 });
});
afterAll(() => built.close());

const HOSTILE_IDS = ['../../etc/passwd', '..%2F..%2Fetc', "x' OR '1'='1", '1; DROP TABLE turns; --', '%00', '<script>alert(1)</script>', 'a'.repeat(300), '💥', '\u202e\u0000', 'x/../y', ' ', 'conv id'];
const WEIRD = ['', ' ', '\u0000', '\ud800', '\u202e', '🔥'.repeat(5000), 'é'.repeat(9001), '\n\n', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '转人工'.repeat(3000)];

/** Deeply nested JSON text (built as text: JSON.stringify itself would overflow the stack). */
function deep(depth: number): string {
  return `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
}

function counts() {
  return Promise.all(['customers', 'conversations', 'turns', 'handoffs', 'tickets', 'satisfaction', 'knowledge_tasks', 'agents', 'audit_log'].map(async (t) => Number((await built.db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${t}`))[0]!.n)));
}

/** One request that must be refused. */
function hostile(r: () => number): { method: string; url: string; headers: Record<string, string>; body?: string } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const key = pick(Object.values(TEST_KEYS));
  const auth = { authorization: `Bearer ${key}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const id = encodeURIComponent(pick(HOSTILE_IDS));
  const weird = pick(WEIRD);
  const kind = Math.floor(r() * 14);
  switch (kind) {
    case 0:
      return { method: 'POST', url: '/v1/answer', headers: json, body: pick(['{', '{"customer":', 'null', '[]', '"str"', '{"customer":{"id":"u"},"message":"hi"', '\u0000', 'NaN']) };
    case 1:
      return { method: 'POST', url: '/v1/answer', headers: json, body: JSON.stringify({ customer: pick([null, 1, 'u', [], { id: '' }, { id: 'u'.repeat(500) }, { id: 'u', tier: 'gold' }]), message: weird || 'hi' }) };
    case 2:
      return { method: 'POST', url: '/v1/answer', headers: json, body: JSON.stringify({ customer: { id: 'u' }, message: pick([null, 42, [], {}, '', '   ', 'x'.repeat(9000), '🔥'.repeat(8001)]) }) };
    case 3:
      return { method: 'POST', url: '/v1/answer', headers: json, body: JSON.stringify({ customer: { id: 'u' }, channel: pick(['sms', '', 7, 'WEB']), message: 'hi' }) };
    case 4:
      return { method: 'POST', url: '/v1/answer', headers: json, body: JSON.stringify({ conversationId: pick(HOSTILE_IDS), customer: { id: 'u' }, message: 'hi' }) };
    case 5:
      return { method: 'POST', url: '/v1/answer', headers: json, body: deep(200 + Math.floor(r() * 2500)) };
    case 6:
      return { method: 'POST', url: '/v1/answer', headers: json, body: 'x'.repeat(33 * 1024 + Math.floor(r() * 100_000)) };
    case 7:
      return { method: 'POST', url: '/v1/answer', headers: { ...auth, 'content-type': pick(['text/plain', 'application/xml', 'multipart/form-data', '']) }, body: '{"customer":{"id":"u"},"message":"hi"}' };
    case 8:
      return { method: pick(['GET', 'POST']), url: `/v1/conversations/${id}${pick(['', '/events', '/events?after=-1', '/events?after=abc'])}`, headers: { authorization: `Bearer ${TEST_KEYS.channel}` } };
    case 9:
      return { method: 'POST', url: `/v1/tickets/${id}/${pick(['claim', 'reply', 'resolve', 'explode', '..'])}`, headers: { authorization: `Bearer ${TEST_KEYS.agent}`, 'content-type': 'application/json' }, body: pick(['{}', '{"text":""}', '{"agentId":"../x"}', '{', '[]']) };
    case 10:
      return { method: 'POST', url: '/v1/search', headers: { authorization: `Bearer ${TEST_KEYS.knowledge}`, 'content-type': 'application/json' }, body: JSON.stringify(pick([{}, { query: '' }, { query: 'x', k: 0 }, { query: 'x', k: 1e9 }, { query: 'x', field: 'body' }, { query: 'x', filters: { evil: '1' } }, { query: 5 }])) };
    case 11:
      return { method: 'POST', url: '/v1/documents', headers: { authorization: `Bearer ${TEST_KEYS.knowledge}`, 'content-type': 'application/json' }, body: JSON.stringify(pick([{}, { entries: [] }, { entries: [{ id: '../x', question: 'q', answer: 'a' }] }, { entries: [{ id: 'ok', question: '', answer: 'a' }] }, { entries: 'all' }])) };
    case 12:
      return { method: pick(['GET', 'POST', 'DELETE']), url: pick(['/v1/answer', '/v1/queue', '/v1/documents', '/v1/agents']), headers: pick<Record<string, string>>([{}, { authorization: 'Bearer' }, { authorization: `Basic ${key}` }, { authorization: 'Bearer nope' }, { 'x-api-key': 'nope' }]) };
    default:
      return { method: 'POST', url: `/v1/conversations/${id}/feedback`, headers: { authorization: `Bearer ${TEST_KEYS.channel}`, 'content-type': 'application/json' }, body: JSON.stringify(pick([{}, { csat: 0 }, { csat: 6 }, { nps: -1 }, { csat: 'great' }, { helpful: 'yes' }])) };
  }
}

describe(`fuzzing the API with ${N} hostile requests`, () => {
  it('answers every one with a 4xx in the error shape, stays up, and writes nothing', { timeout: 300_000 }, async () => {
    const before = await counts();
    const r = seededRandom(20261201);
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    for (let i = 0; i < N; i++) {
      const req = hostile(r);
      const res = await built.app.request(req.url, { method: req.method, headers: req.headers, body: req.body });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      if (res.status < 400 || res.status >= 500 || !body?.error?.code || !body.error.message) bad.push(`${req.method} ${req.url.slice(0, 80)} ${String(req.body).slice(0, 100)} -> ${res.status} ${JSON.stringify(body).slice(0, 60)}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect(await counts()).toEqual(before);
    const alive = await built.app.request('/health');
    expect(alive.status).toBe(200);
    console.info(`fuzz statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  });
});
