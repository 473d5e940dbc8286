// The store's one contract: PostgreSQL-dialect SQL with $1-style parameters, run either on PGlite
// (embedded, a folder under the data dir) or on a PostgreSQL server. Repositories depend on this
// interface only, so the same SQL and the same test suite serve both.

export type Row = Record<string, unknown>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Several statements at once, no parameters (migrations). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}
