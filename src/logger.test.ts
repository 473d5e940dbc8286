import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('never writes a phone, email or card number, in the message or in fields', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'trace', destination });
    log.info({ customer: { email: 'li.wei@example.cn', phone: '13912345678' } }, 'card 4111 1111 1111 1111');
    log.debug('reach me at 13912345678');
    const out = lines.join('');
    expect(out).not.toContain('13912345678');
    expect(out).not.toContain('li.wei@');
    expect(out).not.toContain('4111 1111 1111 1111');
    expect(out).toContain('139****5678');
  });

  it('removes api keys by path at every level', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'trace', destination });
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const) {
      log[level]({ embeddings: { apiKey: 'sk-secret-123' } }, 'configured');
    }
    expect(lines).toHaveLength(6);
    expect(lines.join('')).not.toContain('sk-secret-123');
  });
});
