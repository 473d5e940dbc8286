import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent } from '../agent/agent.js';
import { HandoffDesk } from '../handoff/desk.js';
import { KnowledgeTasks } from '../handoff/knowledge-tasks.js';
import { ingest } from '../ingest/pipeline.js';
import { publishFaqEntries } from '../ingest/publish.js';
import { loadIntentCatalog } from '../intents/intent-catalog.js';
import { Understander } from '../intents/understand.js';
import { createLogger } from '../logger.js';
import { KnowledgeBase } from '../retrieval/knowledge-base.js';
import { ConversationRepository } from '../store/conversations.js';
import type { Database } from '../store/database.js';
import { migrate } from '../store/migrations.js';
import { openPglite } from '../store/pglite.js';
import { createApp, type AppDeps } from './app.js';
import { ApiKeys } from './auth.js';

// Test support: the real app over the real agent, desk and PGlite, with a small lexical KB.

export const TEST_FAQ = [
  { id: 'faq-refund', question: 'When will I receive my refund?', answer: 'Refunds reach your original payment method 5–10 business days after we receive the return.' },
  { id: 'faq-return', question: 'What is your return policy?', answer: 'You can return any product within 30 days of delivery.' },
];
export const TEST_KEYS = { channel: 'k-channel', agent: 'k-agent', knowledge: 'k-knowledge', admin: 'k-admin' } as const;

export async function buildTestApp(options: Partial<Pick<AppDeps, 'rateLimitPerMinute' | 'maxBodyBytes' | 'answers'>> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'deskmate-api-'));
  await writeFile(path.join(dir, 'faq.jsonl'), TEST_FAQ.map((f) => JSON.stringify(f)).join('\n'));
  const kb = await KnowledgeBase.open({ dir: path.join(dir, 'kb'), embedder: null, hnsw: { m: 16, efConstruction: 100, efSearch: 50 } });
  const ingestOptions = { chunkSize: 1000, chunkOverlap: 100, maxFileBytes: 1e6, cwd: dir };
  await ingest(kb, [path.join(dir, 'faq.jsonl')], ingestOptions);
  const understander = await Understander.create(loadIntentCatalog(path.resolve(import.meta.dirname, '../../fixtures/intents/lumen-intents.json')), { embedder: null });
  const db: Database = await openPglite();
  await migrate(db);
  const conversations = new ConversationRepository(db);
  const agent = new Agent({ kb, understander, conversations, policy: { confidenceThreshold: 0.2, frustrationThreshold: 0.6, maxUnresolvedTurns: 3 } });
  const publish = async (entries: Array<{ id: string; question: string; answer: string }>, name: string) => {
    await publishFaqEntries(kb, entries, { ...ingestOptions, dir: path.join(dir, 'published'), name });
    return entries.map((e) => e.id);
  };
  const app = createApp({
    agent,
    desk: new HandoffDesk(db),
    knowledgeTasks: new KnowledgeTasks(db, { publish: async (e) => (await publish([e], e.id))[0]! }),
    kb,
    db,
    conversations,
    keys: new ApiKeys(Object.entries(TEST_KEYS).map(([role, key]) => `${role}:${role === 'agent' ? 'ana' : role}:${key}`)),
    logger: createLogger({ level: 'silent' }),
    publish,
    ingestFiles: async (files) => {
      const paths: string[] = [];
      for (const f of files) {
        const file = path.join(dir, 'uploads', path.basename(f.name));
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, f.data);
        paths.push(file);
      }
      return ingest(kb, paths, ingestOptions);
    },
    removeDocument: async (id) => {
      const removed = kb.removeDocument(id);
      if (removed) await kb.save();
      return removed;
    },
    status: { embedder: 'none', llm: false },
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    rateLimitPerMinute: options.rateLimitPerMinute,
    answers: options.answers,
  });
  return {
    app,
    db,
    async close() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
