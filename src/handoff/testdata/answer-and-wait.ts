// Child process for durability.test.ts: answers one message on the configured runtime (PGlite
// under DESKMATE_DATA_DIR), prints the result, then waits to be killed.
import { openRuntime } from '../../agent/runtime.js';
import { loadConfig } from '../../config.js';

const rt = await openRuntime(loadConfig());
const r = await rt.agent.answer({ customer: { id: 'kill-me', tier: 'vip' }, channel: 'app', message: process.argv[2] ?? 'I want to talk to a real person' });
process.stdout.write(`${JSON.stringify({ decision: r.decision, ticketId: r.ticketId, conversationId: r.conversationId })}\n`);
setInterval(() => undefined, 60_000);
