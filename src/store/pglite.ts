import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Row, Sql } from './database.js';

/**
 * Embedded PostgreSQL (WASM) in a data folder, or in memory when `dir` is omitted. PGlite has one
 * connection and runs transactions one at a time, so row locks are trivially respected.
 */
export async function openPglite(dir?: string): Promise<Database> {
  if (dir) await mkdir(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const sql = (q: Pick<PGlite, 'query'>): Sql => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      return (await q.query<T>(text, params as unknown[])).rows;
    },
  });
  return {
    kind: 'pglite',
    ...sql(db),
    transaction: (fn) => db.transaction((tx) => fn(sql(tx))),
    async exec(text) {
      await db.exec(text);
    },
    close: () => db.close(),
  };
}
