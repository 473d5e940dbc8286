import type { MiddlewareHandler } from 'hono';
import { DeskmateError } from '../errors.js';
import type { Principal } from './auth.js';

/**
 * Per-key token bucket: `perMinute` requests a minute on average, bursts up to the same number.
 * Over it, 429 with Retry-After (seconds until a token is back; set from the error's details). In memory, per process: each
 * replica limits its own share.
 */
export function rateLimit(options: { perMinute: number; now?: () => number }): MiddlewareHandler<{ Variables: { principal: Principal } }> {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = options.perMinute / 60_000; // tokens per ms
  const now = options.now ?? Date.now;
  return async (c, next) => {
    const who = c.get('principal')?.name;
    if (!who || options.perMinute <= 0) return next();
    const t = now();
    const b = buckets.get(who) ?? { tokens: options.perMinute, at: t };
    b.tokens = Math.min(options.perMinute, b.tokens + (t - b.at) * rate);
    b.at = t;
    if (b.tokens < 1) {
      buckets.set(who, b);
      const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
      throw new DeskmateError('rate_limited', `rate limit of ${options.perMinute} requests a minute reached`, { retryAfterSeconds: retryAfter });
    }
    b.tokens -= 1;
    buckets.set(who, b);
    if (buckets.size > 100_000) buckets.delete(buckets.keys().next().value!);
    await next();
  };
}
