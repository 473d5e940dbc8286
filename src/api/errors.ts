import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { DeskmateError, ValidationError, type ErrorCode } from '../errors.js';

// One error shape for every failure: {"error": {"code", "message", "details"?}}. Domain errors
// map by code; anything unexpected is a bare 500 whose details stay in the log.

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation_error: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  overloaded: 503,
  payload_too_large: 413,
  index_mismatch: 409,
  embedding_failed: 502,
  ingest_failed: 422,
};

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function toResponse(c: Context, err: unknown): Response {
  if (err instanceof DeskmateError) {
    const retry = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retry === 'number') c.header('Retry-After', String(retry));
    return c.json(errorBody(err.code, err.message, err.details), STATUS[err.code]);
  }
  if (err instanceof HTTPException) {
    const code = err.status === 413 ? 'payload_too_large' : err.status === 400 ? 'bad_request' : err.status === 415 ? 'unsupported_media_type' : err.status === 504 ? 'timeout' : 'http_error';
    return c.json(errorBody(code, err.message || 'request failed'), err.status as ContentfulStatusCode);
  }
  c.get('log')?.error({ err }, 'unhandled error');
  return c.json(errorBody('internal_error', 'internal error'), 500);
}

/** Parses a value with a zod schema; a failure names every offending field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new ValidationError(
      `invalid ${where}`,
      r.error.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message })),
    );
  }
  return r.data;
}

/** The JSON body, or a 400 naming the problem (not JSON, not an object). */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new HTTPException(415 as never, { message: 'expected content-type application/json' });
  try {
    return await c.req.json();
  } catch {
    throw new DeskmateError('validation_error', 'body is not valid JSON', [{ field: 'body', message: 'not valid JSON' }]);
  }
}
