import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Principal } from './auth.js';
import { toResponse } from './errors.js';
import { rateLimit } from './rate-limit.js';

describe('per-key rate limit', () => {
  it('allows a burst of the limit, then 429 with Retry-After, and refills with time', async () => {
    let now = 0;
    const app = new Hono<{ Variables: { principal: Principal } }>();
    app.onError((err, c) => toResponse(c, err));
    app.use(async (c, next) => {
      c.set('principal', { name: c.req.header('x-who') ?? 'a', role: 'channel' });
      await next();
    });
    app.use(rateLimit({ perMinute: 3, now: () => now }));
    app.get('/', (c) => c.text('ok'));
    const hit = (who = 'a') => app.request('/', { headers: { 'x-who': who } });
    for (let i = 0; i < 3; i++) expect((await hit()).status).toBe(200);
    const limited = await hit();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await hit('b')).status).toBe(200); // another key has its own bucket
    now = 20_000;
    expect((await hit()).status).toBe(200);
    expect((await hit()).status).toBe(429);
  });
});
