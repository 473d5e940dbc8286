import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import { timeout } from 'hono/timeout';
import { z } from 'zod';
import type { Agent, AnswerCallOptions } from '../agent/agent.js';
import { AnswerRequestSchema, type AnswerEvent, type AnswerRequest, type AnswerResult } from '../agent/types.js';
import { DeskmateError, NotFoundError } from '../errors.js';
import type { HandoffDesk } from '../handoff/desk.js';
import type { KnowledgeTasks } from '../handoff/knowledge-tasks.js';
import type { IngestSummary } from '../ingest/pipeline.js';
import type { FaqEntry } from '../ingest/publish.js';
import type { Logger } from '../logger.js';
import type { KnowledgeBase } from '../retrieval/knowledge-base.js';
import type { ConversationRepository } from '../store/conversations.js';
import type { Database } from '../store/database.js';
import { AuditLog } from '../store/audit.js';
import { KnowledgeRepository } from '../store/knowledge.js';
import { supportMetrics, prometheus } from '../store/metrics.js';
import { TicketRepository } from '../store/tickets.js';
import { requireRole, type ApiKeys, type Principal, type Role } from './auth.js';
import { docsPage, openApiDocument } from './openapi.js';
import { AnswerGate } from './admission.js';
import { rateLimit } from './rate-limit.js';
import { errorBody, jsonBody, parse, toResponse } from './errors.js';
import { ActionSchema, AgentBody, DocumentsBody, FeedbackBody, Id, QueueQuery, SearchBody, TicketActionBody } from './schemas.js';

export interface AppDeps {
  agent: Agent;
  desk: HandoffDesk;
  knowledgeTasks: KnowledgeTasks;
  kb: KnowledgeBase;
  db: Database;
  conversations: ConversationRepository;
  keys: ApiKeys;
  logger: Logger;
  /** Adds FAQ entries to the KB (written as a source file, then ingested); returns their ids. */
  publish: (entries: FaqEntry[], name: string) => Promise<string[]>;
  /** Ingests uploaded files (any ingestible format); the summary names each file that failed. */
  ingestFiles: (files: Array<{ name: string; data: Uint8Array }>) => Promise<IngestSummary>;
  /** Removes a document from the KB and saves it; false when there is none. */
  removeDocument: (id: string) => Promise<boolean>;
  status: { embedder: string; llm: boolean };
  maxBodyBytes?: number;
  /** Requests a minute per API key (0: unlimited). */
  rateLimitPerMinute?: number;
  /** Longest a request may take before a 504. */
  requestTimeoutMs?: number;
  /** Answers computed at once, and how many may wait (default 4 and 512). */
  answers?: { maxConcurrent: number; maxQueued: number };
}

type Env = { Variables: { principal: Principal; log: Logger; requestId: string } };

function transcript(turns: Awaited<ReturnType<ConversationRepository['turns']>>) {
  return turns.map((t) => ({ seq: t.seq, role: t.role, channel: t.channel, text: t.text, at: t.createdAt.toISOString(), ...(t.role === 'bot' ? { decision: t.decision, citations: t.citations, confidence: t.confidence } : {}) }));
}

/** The HTTP API: thin handlers that parse, call the domain and return JSON. */
export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();
  const { keys } = deps;
  const limit = rateLimit({ perMinute: deps.rateLimitPerMinute ?? 600 });
  const gate = new AnswerGate(deps.answers ?? { maxConcurrent: 4, maxQueued: 512 });
  const answer = (req: AnswerRequest, options?: AnswerCallOptions) => gate.run(() => deps.agent.answer(req, options));
  const audit = new AuditLog(deps.db);
  const tickets = new TicketRepository(deps.db);
  // Changes by agents, knowledge managers and admins go to the audit log (who, what, when). Only
  // changes that happened: a rejected request writes nothing (its log line remains).
  const audited: MiddlewareHandler<Env> = async (c, next) => {
    await next();
    const p = c.get('principal');
    if (!p || p.role === 'channel' || c.req.method === 'GET' || c.res.status >= 400) return;
    const entry = { actor: p.name, role: p.role, action: `${c.req.method} ${c.req.routePath}`, target: c.req.param('id') ?? null, status: c.res.status, requestId: c.get('requestId'), createdAt: new Date() };
    await audit.record(entry);
    c.get('log').info({ audit: entry }, 'audited change');
  };
  // Authenticate, then count the request against the key's rate limit.
  const role = (...roles: Role[]) => [requireRole(keys, ...roles), limit, audited] as const;
  const channel = role('channel');
  const agentRole = role('agent');
  const knowledge = role('knowledge');
  const channelOrAgent = role('channel', 'agent');
  // Retries of one request (same key and Idempotency-Key) share the first answer (per process).
  const idempotent = new Map<string, Promise<AnswerResult>>();

  app.use(requestId());
  app.use(async (c, next) => {
    c.set('log', deps.logger.child({ requestId: c.get('requestId') }));
    await next();
  });
  app.use(
    timeout(deps.requestTimeoutMs ?? 30_000, () => new HTTPException(504, { message: 'the request took too long' })),
  );
  app.use(bodyLimit({ maxSize: deps.maxBodyBytes ?? 1024 * 1024, onError: (c) => c.json(errorBody('payload_too_large', 'request body too large'), 413) }));
  app.onError((err, c) => toResponse(c, err));
  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404));

  app.get('/health', (c) => c.json({ status: 'ok' }));
  const spec = openApiDocument();
  app.get('/openapi.json', (c) => c.json(spec));
  app.get('/docs', (c) => c.html(docsPage()));
  app.get('/ready', async (c) => {
    await deps.db.query('SELECT 1');
    const stats = deps.kb.stats();
    return c.json({ status: 'ready', store: deps.db.kind, index: { documents: stats.documents, chunks: stats.chunks, vectors: stats.vectors }, embedder: deps.status.embedder, llm: deps.status.llm });
  });

  app.post('/v1/answer', ...channel, async (c) => {
    const req = parse(AnswerRequestSchema, await jsonBody(c));
    if (c.req.header('accept')?.includes('text/event-stream')) {
      return streamSSE(c, async (stream) => {
        let writes = Promise.resolve();
        const onEvent = (e: AnswerEvent) => {
          writes = writes.then(() => stream.writeSSE({ event: e.type, data: JSON.stringify(e) }));
        };
        try {
          const result = await answer(req, { onEvent });
          await writes;
          await stream.writeSSE({ event: 'result', data: JSON.stringify(result) });
        } catch (err) {
          await writes;
          const body = err instanceof DeskmateError ? errorBody(err.code, err.message, err.details) : errorBody('internal_error', 'internal error');
          await stream.writeSSE({ event: 'error', data: JSON.stringify(body) });
        }
      });
    }
    const key = c.req.header('idempotency-key');
    if (!key) return c.json(await answer(req));
    const scoped = `${c.get('principal').name}\u0000${key}`;
    let pending = idempotent.get(scoped);
    if (!pending) {
      pending = answer(req);
      idempotent.set(scoped, pending);
      pending.catch(() => idempotent.delete(scoped)); // a failed first try may be retried
      if (idempotent.size > 10_000) idempotent.delete(idempotent.keys().next().value!);
    }
    return c.json(await pending);
  });

  app.get('/v1/conversations/:id', ...channelOrAgent, async (c) => {
    const id = parse(Id, c.req.param('id'), 'id');
    const conversation = await deps.conversations.conversation(id);
    if (!conversation) throw new NotFoundError('conversation', id);
    return c.json({ conversation, turns: transcript(await deps.conversations.turns(id)) });
  });

  app.get('/v1/conversations/:id/events', ...channelOrAgent, async (c) => {
    const id = parse(Id, c.req.param('id'), 'id');
    const after = parse(z.coerce.number().int().min(0).default(0), c.req.query('after'), 'after');
    if (!(await deps.conversations.conversation(id))) throw new NotFoundError('conversation', id);
    return c.json({ events: transcript((await deps.conversations.turns(id)).filter((t) => t.seq > after)) });
  });

  app.post('/v1/conversations/:id/feedback', ...channel, async (c) => {
    const id = parse(Id, c.req.param('id'), 'id');
    const body = parse(FeedbackBody, await jsonBody(c));
    if (!(await deps.conversations.conversation(id))) throw new NotFoundError('conversation', id);
    const resolved = await tickets.latestOf(id, ['resolved', 'closed']);
    if (resolved && (body.csat !== undefined || body.nps !== undefined)) {
      const r = await deps.desk.rate(resolved.id, { csat: body.csat, nps: body.nps, comment: body.comment });
      return c.json({ recorded: true, followUpTicketId: r.followUp?.id ?? null });
    }
    await new KnowledgeRepository(deps.db).addSatisfaction({ conversationId: id, ticketId: null, csat: body.csat ?? null, nps: body.nps ?? null, comment: body.comment ?? (body.helpful === undefined ? null : body.helpful ? 'helpful' : 'not helpful'), createdAt: new Date() });
    return c.json({ recorded: true, followUpTicketId: null });
  });

  app.get('/v1/queue', ...agentRole, async (c) => {
    const q = parse(QueueQuery, c.req.query(), 'query');
    const entries = await deps.desk.queue({ priority: q.priority, skill: q.skill, language: q.language, atRisk: q.at_risk === 'true' });
    return c.json({ tickets: entries.map((e) => ({ ...e.ticket, sla: e.sla })) });
  });

  app.get('/v1/tickets/:id', ...agentRole, async (c) => {
    const id = parse(Id, c.req.param('id'), 'id');
    return c.json({ ticket: await deps.desk.ticket(id), summary: await deps.desk.summary(id) });
  });

  app.get('/v1/tickets/:id/suggestions', ...agentRole, async (c) => {
    const ticket = await deps.desk.ticket(parse(Id, c.req.param('id'), 'id'));
    return c.json({ suggestions: await deps.agent.suggestions(ticket.conversationId) });
  });

  app.post('/v1/tickets/:id/:action', ...agentRole, async (c) => {
    const id = parse(Id, c.req.param('id'), 'id');
    const action = parse(ActionSchema, c.req.param('action'), 'action');
    const body = parse(TicketActionBody, c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : await jsonBody(c));
    const who = c.get('principal').name;
    const agentId = body.agentId ?? who;
    const ticket = await ticketAction(deps.desk, id, action, { who, agentId, text: body.text, team: body.team });
    return c.json({ ticket });
  });

  const MetricsQuery = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });
  app.get('/v1/metrics', ...role('agent', 'knowledge'), async (c) => {
    const q = parse(MetricsQuery, c.req.query(), 'query');
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
    const gaps = (await deps.knowledgeTasks.gaps(from)).slice(0, 10).map((g) => ({ question: g.question, count: g.count }));
    return c.json({ ...(await supportMetrics(deps.db, { from, to })), top_knowledge_gaps: gaps });
  });
  app.get('/metrics', ...role('admin'), async (c) => {
    const text = prometheus(await supportMetrics(deps.db, { from: new Date(0), to: new Date(Date.now() + 60_000) }));
    return c.text(text, 200, { 'content-type': 'text/plain; version=0.0.4' });
  });

  app.post('/v1/agents', ...role('admin'), async (c) => c.json({ agent: await deps.desk.registerAgent(parse(AgentBody, await jsonBody(c))) }, 201));

  app.post('/v1/search', ...knowledge, async (c) => {
    const b = parse(SearchBody, await jsonBody(c));
    const hits = await deps.kb.search(b.query, { k: b.k, field: b.field, filters: b.filters });
    return c.json({ hits: hits.map((h, i) => ({ rank: i + 1, score: h.score, docId: h.chunk.docId, chunkId: h.chunk.id, title: h.chunk.title, text: h.chunk.text, source: h.chunk.source, language: h.chunk.language })) });
  });

  app.get('/v1/documents', ...knowledge, (c) => c.json({ documents: deps.kb.documents().map(({ chunkIds, ...d }) => ({ ...d, chunks: chunkIds.length })) }));

  app.post('/v1/documents', ...knowledge, async (c) => {
    if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
      const form = await c.req.parseBody({ all: true });
      const files = Object.values(form).flat().filter((v): v is File => v instanceof File);
      if (!files.length) throw new DeskmateError('validation_error', 'no files in the upload', [{ field: 'file', message: 'attach one or more files' }]);
      const summary = await deps.ingestFiles(await Promise.all(files.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) }))));
      return c.json({ summary }, summary.files.ingested ? 201 : 422);
    }
    const { entries } = parse(DocumentsBody, await jsonBody(c));
    const ids = await deps.publish(entries, `api-${c.get('requestId')}`);
    return c.json({ documents: ids }, 201);
  });

  app.delete('/v1/documents/:id', ...knowledge, async (c) => {
    const id = parse(Id, c.req.param('id'), 'id');
    if (!(await deps.removeDocument(id))) throw new NotFoundError('document', id);
    return c.json({ deleted: id });
  });

  app.get('/v1/knowledge-gaps', ...knowledge, async (c) => c.json({ gaps: await deps.knowledgeTasks.gaps() }));
  app.get('/v1/knowledge-tasks', ...knowledge, async (c) => c.json({ tasks: await deps.knowledgeTasks.list(parse(z.enum(['draft', 'accepted', 'dismissed']).optional(), c.req.query('state'), 'state')) }));
  app.post('/v1/knowledge-tasks/:id/:decision', ...knowledge, async (c) => {
    const id = parse(z.string().uuid(), c.req.param('id'), 'id');
    const decision = parse(z.enum(['accept', 'dismiss']), c.req.param('decision'), 'decision');
    const who = c.get('principal').name;
    const task = decision === 'accept' ? await deps.knowledgeTasks.accept(id, who) : await deps.knowledgeTasks.dismiss(id, who);
    return c.json({ task });
  });

  return app;
}

function ticketAction(desk: HandoffDesk, id: string, action: z.infer<typeof ActionSchema>, a: { who: string; agentId: string; text?: string; team?: string }) {
  switch (action) {
    case 'claim':
      return desk.claim(id, a.agentId);
    case 'reply':
      if (!a.text) throw new DeskmateError('validation_error', 'reply needs text', [{ field: 'text', message: 'required' }]);
      return desk.reply(id, a.agentId, a.text);
    case 'transfer':
      return desk.transfer(id, a.who, { agentId: a.agentId === a.who ? undefined : a.agentId, team: a.team });
    case 'escalate':
      return desk.escalate(id, a.who);
    case 'resolve':
      return desk.resolve(id, a.who);
    case 'close':
      return desk.close(id, a.who);
    case 'reopen':
      return desk.reopen(id, a.who);
  }
}

