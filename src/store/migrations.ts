import type { Database } from './database.js';

// Forward-only, numbered migrations, applied in order at start. A migration that has run is never
// edited; a change is a new entry. An advisory lock makes concurrent replicas apply each once.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conversations, turns and handoffs',
    sql: `
      CREATE TABLE customers (
        id          text PRIMARY KEY,
        tier        text NOT NULL CHECK (tier IN ('standard', 'vip')),
        created_at  timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL
      );
      CREATE TABLE conversations (
        id                text PRIMARY KEY,
        customer_id       text NOT NULL REFERENCES customers(id),
        channel           text NOT NULL,
        -- bot: the bot answers; handed_off: waiting for a person; human: a person owns it; resolved.
        state             text NOT NULL CHECK (state IN ('bot', 'handed_off', 'human', 'resolved')),
        language          text,
        unresolved_turns  integer NOT NULL DEFAULT 0,
        created_at        timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL
      );
      CREATE INDEX conversations_customer ON conversations (customer_id, updated_at DESC);
      CREATE TABLE turns (
        id               text PRIMARY KEY,
        conversation_id  text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        seq              integer NOT NULL,
        role             text NOT NULL CHECK (role IN ('customer', 'bot', 'agent')),
        channel          text NOT NULL,
        text             text NOT NULL,
        understanding    jsonb,
        decision         jsonb,
        citations        jsonb,
        confidence       double precision,
        created_at       timestamptz NOT NULL,
        UNIQUE (conversation_id, seq)
      );
      CREATE TABLE handoffs (
        id               text PRIMARY KEY,
        conversation_id  text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        turn_id          text NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        reasons          jsonb NOT NULL,
        priority         text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
        language         text NOT NULL,
        skill            text,
        created_at       timestamptz NOT NULL
      );
      CREATE INDEX handoffs_conversation ON handoffs (conversation_id, created_at);
    `,
  },
  {
    version: 2,
    name: 'tickets, agents and ticket events',
    sql: `
      CREATE TABLE agents (
        id          text PRIMARY KEY,
        name        text NOT NULL,
        skills      jsonb NOT NULL,
        languages   jsonb NOT NULL,
        capacity    integer NOT NULL CHECK (capacity >= 0),
        team        text,
        tier_level  integer NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL
      );
      CREATE TABLE tickets (
        id                   text PRIMARY KEY,
        conversation_id      text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        handoff_id           text REFERENCES handoffs(id) ON DELETE SET NULL,
        -- pending: waiting for a person; in_progress: owned; resolved; closed.
        state                text NOT NULL CHECK (state IN ('pending', 'in_progress', 'resolved', 'closed')),
        priority             text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
        priority_rank        integer NOT NULL,
        tier                 text NOT NULL,
        skill                text NOT NULL,
        language             text NOT NULL,
        reasons              jsonb NOT NULL,
        team                 text,
        tier_level           integer NOT NULL DEFAULT 1,
        assignee             text REFERENCES agents(id),
        follow_up_of         text REFERENCES tickets(id),
        created_at           timestamptz NOT NULL,
        first_response_due   timestamptz NOT NULL,
        first_response_at    timestamptz,
        resolved_at          timestamptz,
        closed_at            timestamptz,
        updated_at           timestamptz NOT NULL
      );
      CREATE INDEX tickets_queue ON tickets (state, priority_rank, first_response_due);
      CREATE INDEX tickets_conversation ON tickets (conversation_id);
      CREATE TABLE ticket_events (
        id          bigserial PRIMARY KEY,
        ticket_id   text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        actor       text NOT NULL,
        type        text NOT NULL,
        data        jsonb,
        created_at  timestamptz NOT NULL
      );
      CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
    `,
  },
  {
    version: 3,
    name: 'satisfaction and knowledge tasks',
    sql: `
      CREATE TABLE satisfaction (
        id               text PRIMARY KEY,
        conversation_id  text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        ticket_id        text REFERENCES tickets(id) ON DELETE SET NULL,
        csat             integer CHECK (csat BETWEEN 1 AND 5),
        nps              integer CHECK (nps BETWEEN 0 AND 10),
        comment          text,
        created_at       timestamptz NOT NULL
      );
      CREATE INDEX satisfaction_conversation ON satisfaction (conversation_id);
      CREATE TABLE knowledge_tasks (
        id           text PRIMARY KEY,
        ticket_id    text REFERENCES tickets(id) ON DELETE SET NULL,
        question     text NOT NULL,
        answer       text NOT NULL,
        language     text NOT NULL,
        state        text NOT NULL CHECK (state IN ('draft', 'accepted', 'dismissed')),
        doc_id       text,
        decided_by   text,
        created_at   timestamptz NOT NULL,
        decided_at   timestamptz
      );
      CREATE INDEX knowledge_tasks_state ON knowledge_tasks (state, created_at);
    `,
  },
  {
    version: 4,
    name: 'audit log',
    sql: `
      CREATE TABLE audit_log (
        id          bigserial PRIMARY KEY,
        actor       text NOT NULL,
        role        text NOT NULL,
        action      text NOT NULL,
        target      text,
        status      integer NOT NULL,
        request_id  text,
        created_at  timestamptz NOT NULL
      );
      CREATE INDEX audit_log_created ON audit_log (created_at);
    `,
  },
];

const LOCK_KEY = 7_246_001; // any constant shared by every replica of this app

/** Applies every migration not yet recorded, each in its own transaction. Returns the versions applied. */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.length) return;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    });
  }
  return applied;
}

// Parameterised queries take one statement each; migrations hold no semicolons or "--" in literals.
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
