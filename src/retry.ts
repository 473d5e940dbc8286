import { setTimeout as sleep } from 'node:timers/promises';

/** How often and how patiently to retry a call to an outside service. */
export interface RetryPolicy {
  maxRetries: number;
  /** First backoff; doubled each attempt, with full jitter, up to `maxMs`. */
  baseMs: number;
  maxMs: number;
}

interface HttpishError {
  status?: number;
  headers?: Headers | Record<string, string | undefined>;
}

/** Rate limits, timeouts and server errors are worth another try; a bad request or key is not. */
export function isTransient(err: unknown): boolean {
  const status = (err as HttpishError)?.status;
  if (status === undefined) return !(err instanceof TypeError); // network error or timeout; TypeError = malformed response
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/** The server's own wait, from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as HttpishError)?.headers;
  if (!headers) return undefined;
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]) ?? undefined;
  const ms = Number(get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = get('retry-after');
  if (after === undefined) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Calls `fn`, retrying transient failures with exponential backoff and full jitter, honouring a
 * server's Retry-After (capped at `maxMs`, so a hostile header cannot stall ingestion for hours).
 */
export async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy, retryable: (err: unknown) => boolean = isTransient): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= policy.maxRetries || !retryable(err)) throw err;
      const backoff = Math.random() * Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
      await sleep(Math.min(policy.maxMs, retryAfterMs(err) ?? backoff));
    }
  }
}
