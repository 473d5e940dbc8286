import type { Database } from './database.js';
import { toDate } from './rows.js';

export interface AuditEntry {
  actor: string;
  role: string;
  /** e.g. "POST /v1/tickets/:id/claim" */
  action: string;
  target: string | null;
  status: number;
  requestId: string | null;
  createdAt: Date;
}

/** Who did what, when: every agent, knowledge and admin change made through the API. */
export class AuditLog {
  constructor(private readonly db: Database) {}

  async record(e: AuditEntry): Promise<void> {
    await this.db.query('INSERT INTO audit_log (actor, role, action, target, status, request_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [e.actor, e.role, e.action, e.target, e.status, e.requestId, e.createdAt]);
  }

  async recent(limit = 100): Promise<AuditEntry[]> {
    const rows = await this.db.query('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map((r) => ({ actor: String(r.actor), role: String(r.role), action: String(r.action), target: (r.target as string | null) ?? null, status: Number(r.status), requestId: (r.request_id as string | null) ?? null, createdAt: toDate(r.created_at) }));
  }
}
