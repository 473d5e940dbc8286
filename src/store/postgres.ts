import pg from 'pg';
import type { Database, Row, Sql } from './database.js';

// BIGINT and NUMERIC arrive as strings by default; counts and sums here fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** A PostgreSQL server through a connection pool (`DATABASE_URL`). */
export async function openPostgres(url: string, options: { max?: number; onIdleError?: (err: Error) => void } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client the server drops (restart, failover, admin termination) must not crash the
  // process: the pool discards it and the next query opens a new connection.
  pool.on('error', (err) => options.onIdleError?.(err));
  // Fail at start, with the server's own message, rather than on the first request.
  await pool.query('SELECT 1');
  const sql = (q: pg.Pool | pg.PoolClient): Sql => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      return (await q.query<T>(text, params as unknown[])).rows;
    },
  });
  return {
    kind: 'postgres',
    ...sql(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(sql(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(text) {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}
