import pino, { type Logger } from 'pino';
import { maskPii, maskPiiDeep } from './pii.js';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Mask phones, emails, card and ID numbers in every message and field (default true). */
  redactPii?: boolean;
  /** Where lines go (default stderr, so stdout stays clean for `--json` output). */
  destination?: pino.DestinationStream;
}

/** The one logger factory: structured JSON, secrets removed by path, PII masked by pattern. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const redactPii = options.redactPii ?? true;
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      redact: {
        paths: ['apiKey', '*.apiKey', 'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization', 'password', '*.password'],
        censor: '[redacted]',
      },
      hooks: redactPii
        ? {
            logMethod(args, method) {
              method.apply(this, args.map((a) => (typeof a === 'string' ? maskPii(a) : maskPiiDeep(a))) as Parameters<typeof method>);
            },
          }
        : undefined,
    },
    options.destination ?? pino.destination(2),
  );
}
