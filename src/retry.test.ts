import { describe, expect, it } from 'vitest';
import { isTransient, retryAfterMs, withRetry } from './retry.js';

describe('retry', () => {
  it('classifies failures: rate limits, timeouts and 5xx are transient; 4xx and malformed data are not', () => {
    for (const status of [408, 409, 429, 500, 503]) expect(isTransient({ status })).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) expect(isTransient({ status })).toBe(false);
    expect(isTransient(new Error('socket hang up'))).toBe(true);
    expect(isTransient(new TypeError("Cannot read properties of undefined (reading 'map')"))).toBe(false);
  });

  it('reads Retry-After in milliseconds, seconds or as an HTTP date', () => {
    expect(retryAfterMs({ headers: new Headers({ 'retry-after-ms': '250' }) })).toBe(250);
    expect(retryAfterMs({ headers: { 'retry-after': '2' } })).toBe(2000);
    const date = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterMs({ headers: { 'retry-after': date } })).toBeGreaterThan(50_000);
    expect(retryAfterMs({ headers: {} })).toBeUndefined();
  });

  it('retries transient failures up to maxRetries, and never a permanent one', async () => {
    let calls = 0;
    const flaky = () => (++calls < 3 ? Promise.reject(Object.assign(new Error('busy'), { status: 503 })) : Promise.resolve('ok'));
    await expect(withRetry(flaky, { maxRetries: 3, baseMs: 1, maxMs: 5 })).resolves.toBe('ok');
    expect(calls).toBe(3);

    calls = 0;
    const forbidden = () => (calls++, Promise.reject(Object.assign(new Error('no'), { status: 403 })));
    await expect(withRetry(forbidden, { maxRetries: 3, baseMs: 1, maxMs: 5 })).rejects.toThrow('no');
    expect(calls).toBe(1);
  });
});
