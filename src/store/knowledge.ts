import { randomUUID } from 'node:crypto';
import type { Database, Row, Sql } from './database.js';
import { toDate, toDateOrNull } from './rows.js';

// Satisfaction scores and knowledge tasks (drafts of new FAQ entries from resolved tickets).

export interface SatisfactionRecord {
  id: string;
  conversationId: string;
  ticketId: string | null;
  csat: number | null;
  nps: number | null;
  comment: string | null;
  createdAt: Date;
}

export type KnowledgeTaskState = 'draft' | 'accepted' | 'dismissed';

export interface KnowledgeTaskRecord {
  id: string;
  ticketId: string | null;
  question: string;
  answer: string;
  language: string;
  state: KnowledgeTaskState;
  docId: string | null;
  decidedBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

const toSatisfaction = (r: Row): SatisfactionRecord => ({
  id: String(r.id),
  conversationId: String(r.conversation_id),
  ticketId: (r.ticket_id as string | null) ?? null,
  csat: r.csat === null ? null : Number(r.csat),
  nps: r.nps === null ? null : Number(r.nps),
  comment: (r.comment as string | null) ?? null,
  createdAt: toDate(r.created_at),
});

const toTask = (r: Row): KnowledgeTaskRecord => ({
  id: String(r.id),
  ticketId: (r.ticket_id as string | null) ?? null,
  question: String(r.question),
  answer: String(r.answer),
  language: String(r.language),
  state: r.state as KnowledgeTaskState,
  docId: (r.doc_id as string | null) ?? null,
  decidedBy: (r.decided_by as string | null) ?? null,
  createdAt: toDate(r.created_at),
  decidedAt: toDateOrNull(r.decided_at),
});

export class KnowledgeRepository {
  constructor(private readonly db: Database) {}

  async addSatisfaction(s: Omit<SatisfactionRecord, 'id'>, tx: Sql = this.db): Promise<SatisfactionRecord> {
    const [row] = await tx.query(
      'INSERT INTO satisfaction (id, conversation_id, ticket_id, csat, nps, comment, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
      [randomUUID(), s.conversationId, s.ticketId, s.csat, s.nps, s.comment, s.createdAt],
    );
    return toSatisfaction(row!);
  }

  async satisfactionOf(conversationId: string): Promise<SatisfactionRecord[]> {
    return (await this.db.query('SELECT * FROM satisfaction WHERE conversation_id = $1 ORDER BY created_at', [conversationId])).map(toSatisfaction);
  }

  async addTask(t: Pick<KnowledgeTaskRecord, 'ticketId' | 'question' | 'answer' | 'language' | 'createdAt'>, tx: Sql = this.db): Promise<KnowledgeTaskRecord> {
    const [row] = await tx.query(
      `INSERT INTO knowledge_tasks (id, ticket_id, question, answer, language, state, created_at) VALUES ($1, $2, $3, $4, $5, 'draft', $6) RETURNING *`,
      [randomUUID(), t.ticketId, t.question, t.answer, t.language, t.createdAt],
    );
    return toTask(row!);
  }

  async task(id: string, tx: Sql = this.db, lock = false): Promise<KnowledgeTaskRecord | null> {
    const [r] = await tx.query(`SELECT * FROM knowledge_tasks WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? toTask(r) : null;
  }

  async tasks(state?: KnowledgeTaskState): Promise<KnowledgeTaskRecord[]> {
    const rows = state
      ? await this.db.query('SELECT * FROM knowledge_tasks WHERE state = $1 ORDER BY created_at, id', [state])
      : await this.db.query('SELECT * FROM knowledge_tasks ORDER BY created_at, id');
    return rows.map(toTask);
  }

  async decideTask(id: string, state: 'accepted' | 'dismissed', by: string, docId: string | null, now: Date, tx: Sql = this.db): Promise<KnowledgeTaskRecord> {
    const [row] = await tx.query('UPDATE knowledge_tasks SET state = $2, decided_by = $3, doc_id = $4, decided_at = $5 WHERE id = $1 RETURNING *', [id, state, by, docId, now]);
    return toTask(row!);
  }

  /** Customer messages that were handed off for one of `reasons`, newest first. */
  async escalatedQuestions(reasons: readonly string[], since: Date | null, limit = 2000): Promise<Array<{ text: string; language: string; at: Date; conversationId: string }>> {
    const rows = await this.db.query(
      `SELECT t.text, h.language, h.created_at, h.conversation_id FROM handoffs h JOIN turns t ON t.id = h.turn_id
       WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(h.reasons) r WHERE r IN (SELECT jsonb_array_elements_text($1::jsonb)))
         AND ($2::timestamptz IS NULL OR h.created_at >= $2)
       ORDER BY h.created_at DESC LIMIT $3`,
      [JSON.stringify(reasons), since, limit],
    );
    return rows.map((r) => ({ text: String(r.text), language: String(r.language), at: toDate(r.created_at), conversationId: String(r.conversation_id) }));
  }
}
