import path from 'node:path';
import type { Config } from '../config.js';
import { loadIntentCatalog } from '../intents/intent-catalog.js';
import { Understander } from '../intents/understand.js';
import type { Logger } from '../logger.js';
import { CachedEmbeddings } from '../retrieval/embeddings/cached.js';
import { createEmbeddings } from '../retrieval/embeddings/index.js';
import { MemoEmbeddings } from '../retrieval/embeddings/memo.js';
import { defaultGlossary } from '../retrieval/glossary.js';
import type { KnowledgeBase } from '../retrieval/knowledge-base.js';
import { openKnowledgeBase } from '../retrieval/open.js';
import { ConversationRepository } from '../store/conversations.js';
import type { Database } from '../store/database.js';
import { openDatabase } from '../store/open.js';
import { Agent } from './agent.js';
import type { ChatModel } from './chat-model.js';
import { OpenAIChatModel } from './openai-chat.js';
import { Webhooks } from '../handoff/webhooks.js';

export interface Runtime {
  agent: Agent;
  /** Outbound webhooks per channel, when configured (the handoff desk notifies through them too). */
  webhooks?: Webhooks;
  kb: KnowledgeBase;
  db: Database;
  understander: Understander;
  conversations: ConversationRepository;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Knowledge base folder (default `<dataDir>/kb`). */
  kbDir?: string;
  /** An open database to use instead of the configured one (not closed by `close`). */
  db?: Database;
  logger?: Logger;
  /** Overrides the configured chat model (null: extractive). */
  chat?: ChatModel | null;
  now?: () => Date;
}

/**
 * Everything one Deskmate process needs, wired from the config: the store, the knowledge base,
 * the trained understanding layer and the agent. One embedder instance serves classification and
 * retrieval, so a message is embedded once.
 */
export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const base = createEmbeddings(config.embeddings);
  const embedder = base ? new MemoEmbeddings(base) : null;
  const kb = await openKnowledgeBase(config, { dir: options.kbDir, embedder });
  // Training sentences are embedded through the disk cache; live messages are not written to it.
  const trainingEmbedder = base ? new CachedEmbeddings(embedder!, path.join(config.cacheDir, 'embeddings')) : null;
  const glossary = config.search.glossary ? defaultGlossary() : undefined;
  const understander = await Understander.create(loadIntentCatalog(config.intentsFile), {
    embedder: trainingEmbedder,
    liveEmbedder: embedder,
    glossary,
    cacheDir: config.cacheDir,
  });
  const db = options.db ?? (await openDatabase({ databaseUrl: config.store.databaseUrl, dataDir: config.dataDir }));
  const conversations = new ConversationRepository(db);
  const chat = options.chat !== undefined ? options.chat : config.llm ? new OpenAIChatModel(config.llm) : null;
  const webhooks = config.webhooks ? new Webhooks(config.webhooks, options.logger) : undefined;
  const agent = new Agent({
    webhooks,
    kb,
    understander,
    conversations,
    chat,
    glossary,
    policy: config.policy,
    logger: options.logger,
    redactPii: config.log.redactPii,
    conversationIdleMs: config.conversationIdleMs,
    now: options.now,
  });
  await agent.prepare();
  return {
    agent,
    webhooks,
    kb,
    db,
    understander,
    conversations,
    async close() {
      if (!options.db) await db.close();
    },
  };
}
