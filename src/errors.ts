// Typed domain errors. The domain throws these; the HTTP edge maps `code` to a status and the
// one JSON error shape, the CLI prints `message`. `details` names the offending field or file.

export type ErrorCode =
  | 'validation_error'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'overloaded'
  | 'payload_too_large'
  | 'index_mismatch'
  | 'embedding_failed'
  | 'ingest_failed';

export class DeskmateError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends DeskmateError {
  constructor(message: string, details?: unknown) {
    super('validation_error', message, details);
  }
}

export class NotFoundError extends DeskmateError {
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} not found`, { id });
  }
}

export class ConflictError extends DeskmateError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

/** The index on disk was built by another embedder (or dimensions): it must be rebuilt, not mixed. */
export class IndexMismatchError extends DeskmateError {
  constructor(message: string, details?: unknown) {
    super('index_mismatch', message, details);
  }
}

export class EmbeddingError extends DeskmateError {
  constructor(message: string, options?: { cause?: unknown; details?: unknown }) {
    super('embedding_failed', message, options?.details, { cause: options?.cause });
  }
}

export class ForbiddenError extends DeskmateError {
  constructor(message: string, details?: unknown) {
    super('forbidden', message, details);
  }
}
