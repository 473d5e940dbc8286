import path from 'node:path';
import type { Database } from './database.js';
import { migrate } from './migrations.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface StoreSettings {
  /** A PostgreSQL server; without it, PGlite under `<dataDir>/db`. */
  databaseUrl?: string;
  dataDir: string;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(settings: StoreSettings): Promise<Database> {
  const db = settings.databaseUrl ? await openPostgres(settings.databaseUrl) : await openPglite(path.join(settings.dataDir, 'db'));
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
