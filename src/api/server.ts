import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { openRuntime } from '../agent/runtime.js';
import type { Config } from '../config.js';
import { DeskmateError } from '../errors.js';
import { HandoffDesk } from '../handoff/desk.js';
import { KnowledgeTasks } from '../handoff/knowledge-tasks.js';
import { ingest } from '../ingest/pipeline.js';
import { publishFaqEntries, type FaqEntry } from '../ingest/publish.js';
import type { Logger } from '../logger.js';
import { createApp } from './app.js';
import { ApiKeys } from './auth.js';

const DEMO_KB = fileURLToPath(new URL('../../fixtures/kb', import.meta.url));

/** The local demo key under the data dir: made once, kept so the README's curl lines keep working. */
async function demoKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'demo-key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const key = `dm_${randomBytes(18).toString('hex')}`;
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    return key;
  }
}

/** An uploaded file's name as stored: its base name, in a safe alphabet (no paths, no dot files). */
export function safeName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).normalize('NFKC').replace(/[^\w.\-\u4e00-\u9fff]+/g, '_').replace(/^\.+/, '');
  return base.slice(-120) || 'upload';
}

/** Starts Deskmate's HTTP API; resolves once listening, with a `stop()` for graceful shutdown. */
export async function startServer(config: Config, logger: Logger): Promise<{ url: string; demoKey: string | null; stop: () => Promise<void> }> {
  const rt = await openRuntime(config, { logger: logger.child({ module: 'agent' }) });
  const ingestOptions = { ...config.ingest, batchSize: config.embeddings.openai.batchSize };
  if (rt.kb.stats().documents === 0) {
    const summary = await ingest(rt.kb, [DEMO_KB], { ...ingestOptions, cwd: path.dirname(path.dirname(DEMO_KB)) });
    logger.info({ documents: summary.documents.added, chunks: summary.chunks.total }, 'empty knowledge base: ingested the demo knowledge base (fixtures/kb)');
  }
  // Knowledge-base writes from the API run one at a time.
  let writing = Promise.resolve<unknown>(undefined);
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = writing.then(fn, fn);
    writing = run.catch(() => undefined);
    return run;
  };
  const publishDir = path.join(config.dataDir, 'published');
  const publish = (entries: FaqEntry[], name: string) =>
    exclusive(async () => {
      const summary = await publishFaqEntries(rt.kb, entries, { ...ingestOptions, dir: publishDir, name });
      if (summary.errors.length) logger.warn({ errors: summary.errors }, 'some published entries were not ingested');
      return entries.map((e) => e.id);
    });
  const key = config.server.apiKeys ? null : await demoKey(config.dataDir);
  const keys = new ApiKeys(config.server.apiKeys ?? [`admin:demo:${key}`]);
  const desk = new HandoffDesk(rt.db, { webhooks: rt.webhooks });
  const knowledgeTasks = new KnowledgeTasks(rt.db, { publish: async (e) => (await publish([e], e.id))[0]! });
  const app = createApp({
    agent: rt.agent,
    desk,
    knowledgeTasks,
    kb: rt.kb,
    db: rt.db,
    conversations: rt.conversations,
    keys,
    logger,
    publish,
    ingestFiles: (files) =>
      exclusive(async () => {
        const dir = path.join(config.dataDir, 'uploads');
        await mkdir(dir, { recursive: true });
        const paths: string[] = [];
        for (const f of files) {
          const file = path.join(dir, safeName(f.name));
          await writeFile(file, f.data);
          paths.push(file);
        }
        return ingest(rt.kb, paths, { ...ingestOptions, cwd: config.dataDir });
      }),
    removeDocument: (id) =>
      exclusive(async () => {
        const removed = rt.kb.removeDocument(id);
        if (removed) await rt.kb.save();
        return removed;
      }),
    status: { embedder: config.embeddings.provider, llm: config.llm !== null },
    maxBodyBytes: config.server.maxBodyBytes,
    rateLimitPerMinute: config.server.rateLimitPerMinute,
    requestTimeoutMs: config.server.requestTimeoutMs,
    answers: config.server.answers,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.server.port, hostname: config.server.host }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new DeskmateError('conflict', `port ${config.server.port} on ${config.server.host} is in use: stop the other server or set DESKMATE_PORT`) : err),
    );
  }).catch(async (err) => {
    await rt.close();
    throw err;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  return {
    url: `http://${config.server.host}:${port}`,
    demoKey: key,
    async stop() {
      // Stop accepting, let in-flight requests finish, then close the store.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writing;
      await rt.close();
      logger.flush();
    },
  };
}
