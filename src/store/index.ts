export type { Database, Sql, Row } from './database.js';
export { openDatabase, type StoreSettings } from './open.js';
export { openPglite } from './pglite.js';
export { openPostgres } from './postgres.js';
export { migrate, MIGRATIONS, type Migration } from './migrations.js';
export { ConversationRepository, type ExchangeInput, type ExchangeResult } from './conversations.js';
export * from './types.js';
