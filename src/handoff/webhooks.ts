import { createHmac } from 'node:crypto';
import type { Logger } from '../logger.js';
import { withRetry, type RetryPolicy } from '../retry.js';

// Outbound webhooks: a channel that cannot poll gets what happens in its conversations (a
// person's reply, a handoff, a resolution) POSTed to its URL, signed with HMAC-SHA256 over
// "<timestamp>.<body>" so the receiver can check it came from us and is fresh, and retried with
// backoff on 5xx, 429 and network errors.

export interface WebhookEvent {
  type: 'agent.reply' | 'conversation.handed_off' | 'conversation.resolved';
  conversationId: string;
  ticketId?: string;
  text?: string;
  at: string;
}

export interface WebhookSettings {
  /** Channel name -> URL. */
  urls: Record<string, string>;
  secret: string;
  retry?: RetryPolicy;
  timeoutMs?: number;
}

export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class Webhooks {
  constructor(
    private readonly settings: WebhookSettings,
    private readonly logger?: Logger,
  ) {}

  /** Delivers `event` to the channel's URL (if it has one); resolves once delivered or given up. */
  async notify(channel: string, event: WebhookEvent): Promise<boolean> {
    const url = this.settings.urls[channel];
    if (!url) return false;
    const body = JSON.stringify(event);
    const policy = this.settings.retry ?? { maxRetries: 4, baseMs: 500, maxMs: 30_000 };
    try {
      await withRetry(async () => {
        const timestamp = String(Math.floor(Date.now() / 1000));
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-deskmate-event': event.type, 'x-deskmate-timestamp': timestamp, 'x-deskmate-signature': sign(this.settings.secret, timestamp, body) },
          body,
          signal: AbortSignal.timeout(this.settings.timeoutMs ?? 10_000),
        });
        if (!res.ok) throw Object.assign(new Error(`webhook ${url} answered ${res.status}`), { status: res.status, headers: res.headers });
      }, policy);
      return true;
    } catch (err) {
      this.logger?.warn({ err: (err as Error).message, channel, type: event.type }, 'webhook delivery failed; giving up');
      return false;
    }
  }
}
