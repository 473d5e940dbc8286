import { z } from 'zod';
import { AnswerRequestSchema } from '../agent/types.js';
import { ActionSchema, AgentBody, DocumentsBody, FeedbackBody, QueueQuery, SearchBody, TicketActionBody } from './schemas.js';

// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.

interface Route {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  roles: string[];
  body?: z.ZodType;
  query?: z.ZodObject;
  sse?: boolean;
}

const ROUTES: Route[] = [
  { method: 'get', path: '/health', summary: 'Alive', roles: [] },
  { method: 'get', path: '/ready', summary: 'Store reachable, index loaded, embedder mode, LLM configured', roles: [] },
  { method: 'post', path: '/v1/answer', summary: "Answer a customer's message (Accept: text/event-stream streams it; Idempotency-Key makes retries safe)", roles: ['channel'], body: AnswerRequestSchema, sse: true },
  { method: 'get', path: '/v1/conversations/{id}', summary: 'Transcript and state', roles: ['channel', 'agent'] },
  { method: 'get', path: '/v1/conversations/{id}/events', summary: 'Turns after a sequence number (?after=)', roles: ['channel', 'agent'] },
  { method: 'post', path: '/v1/conversations/{id}/feedback', summary: 'Helpful, CSAT 1–5, NPS 0–10', roles: ['channel'], body: FeedbackBody },
  { method: 'get', path: '/v1/queue', summary: 'Open tickets by priority, then SLA deadline', roles: ['agent'], query: QueueQuery },
  { method: 'get', path: '/v1/tickets/{id}', summary: 'A ticket with its handoff summary', roles: ['agent'] },
  { method: 'get', path: '/v1/tickets/{id}/suggestions', summary: 'Suggested replies with sources', roles: ['agent'] },
  { method: 'post', path: '/v1/tickets/{id}/{action}', summary: `Ticket actions: ${ActionSchema.options.join(', ')}`, roles: ['agent'], body: TicketActionBody },
  { method: 'post', path: '/v1/agents', summary: 'Register or update an agent', roles: ['admin'], body: AgentBody },
  { method: 'post', path: '/v1/search', summary: 'Hybrid search over the knowledge base', roles: ['knowledge'], body: SearchBody },
  { method: 'get', path: '/v1/documents', summary: 'Documents in the knowledge base', roles: ['knowledge'] },
  { method: 'post', path: '/v1/documents', summary: 'Add FAQ entries', roles: ['knowledge'], body: DocumentsBody },
  { method: 'delete', path: '/v1/documents/{id}', summary: 'Remove a document', roles: ['knowledge'] },
  { method: 'get', path: '/v1/knowledge-gaps', summary: 'Escalated questions the KB could not answer, clustered', roles: ['knowledge'] },
  { method: 'get', path: '/v1/knowledge-tasks', summary: 'Knowledge-task drafts from resolved tickets (?state=)', roles: ['knowledge'] },
  { method: 'post', path: '/v1/knowledge-tasks/{id}/{decision}', summary: 'Accept (publish into the KB) or dismiss', roles: ['knowledge'] },
];

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
};

export function openApiDocument(version = '0.1.0') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = r.query ? Object.entries(z.toJSONSchema(r.query, { io: 'input' }).properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema })) : [];
    const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      ...(r.roles.length ? { security: [{ apiKey: [] }], 'x-roles': r.roles } : {}),
      ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input' }) } } } } : {}),
      responses: {
        200: { description: 'OK', content: { 'application/json': {}, ...(r.sse ? { 'text/event-stream': {} } : {}) } },
        ...(r.roles.length ? { 401: error('no or unknown API key'), 403: error('a key of another role'), 429: error('rate limited (Retry-After)') } : {}),
        ...(r.body ? { 413: error('body too large'), 415: error('not JSON'), 422: error('invalid fields, named in details') } : {}),
        ...(r.sse ? { 503: error('too many answers waiting (Retry-After)') } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Deskmate', version, description: 'AI-assisted customer support: grounded answers with citations, and a human handoff when it does not know.' },
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } }, schemas: { Error: ERROR } },
    paths,
  };
}

/** A self-contained docs page (no CDN: the machines it runs on may be offline). */
export function docsPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deskmate API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}code{background:#f3f3f3;padding:0 .3em}
.op{border-top:1px solid #ddd;padding:.6rem 0}.m{display:inline-block;width:4.5rem;font-weight:600;text-transform:uppercase}pre{background:#f7f7f7;padding:.6rem;overflow:auto;font-size:12px}</style></head>
<body><h1>Deskmate API</h1><p>Send <code>Authorization: Bearer &lt;key&gt;</code>. Errors: <code>{"error": {"code", "message", "details"?}}</code>. Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p><div id="ops">Loading…</div>
<script>fetch('/openapi.json').then(r=>r.json()).then(d=>{const el=document.getElementById('ops');el.textContent='';for(const[p,ms]of Object.entries(d.paths))for(const[m,op]of Object.entries(ms)){const div=document.createElement('div');div.className='op';
const h=document.createElement('div');h.innerHTML='<span class="m"></span><code></code> — <span></span>';h.children[0].textContent=m;h.children[1].textContent=p;h.children[2].textContent=op.summary+(op['x-roles']?' ('+op['x-roles'].join(', ')+')':'');div.append(h);
const s=op.requestBody&&op.requestBody.content['application/json'].schema;if(s){const pre=document.createElement('pre');pre.textContent=JSON.stringify(s,null,2);div.append(pre)}el.append(div)}});</script></body></html>`;
}
