import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../config.js';
import type { Database } from './database.js';
import { migrate } from './migrations.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

// Test support: every store suite runs once per database kind. PGlite always; PostgreSQL when
// DESKMATE_TEST_DATABASE_URL names a server (CI starts one, and then it is required, not skipped).

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database; `close()` also drops it. */
  open(): Promise<Database>;
}

const { store } = loadConfig();
if (store.ci && !store.testDatabaseUrl) throw new Error('CI is set but DESKMATE_TEST_DATABASE_URL is not: the PostgreSQL suite would be skipped');

async function freshPostgres(url: string): Promise<Database> {
  const name = `deskmate_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openPostgres(target.toString(), { max: 30 });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      // Not WITH (FORCE): that would kill connections the pool is still closing, and they would
      // surface as errors in whatever test runs next. Closing connections go away within moments.
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name}`);
            break;
          } catch (err) {
            if (attempt >= 20) throw err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

export const TEST_DATABASES: TestDatabase[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openPglite();
      await migrate(db);
      return db;
    },
  },
  ...(store.testDatabaseUrl ? [{ name: 'postgres' as const, open: () => freshPostgres(store.testDatabaseUrl!) }] : []),
];
