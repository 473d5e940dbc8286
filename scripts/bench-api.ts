// HTTP benchmark of POST /v1/answer on the embedded default (extractive, fixtures KB), over
// loopback with autocannon, at 1, 16 and 64 connections. The embedding latency it is judged
// against (one USE-lite query) is measured in the same run. Prints one JSON line last:
// {"embed_p50_ms": e, "c1": S, "c16": S, "c64": S}, S = {"p50_ms", "p95_ms", "rps", "errors", "non2xx"}
// Usage: npm run bench:api -- --json [--seconds 10]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../src/api/server.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { UseLiteEmbeddings } from '../src/retrieval/embeddings/use-lite.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 10;
const json = process.argv.includes('--json');
const log = (m: string) => (json ? process.stderr : process.stdout).write(`${m}\n`);
const MESSAGES = [
  'how long until my refund arrives?',
  'my hub says E1042 when I add a sensor',
  'can I cancel my order before it ships',
  'what is the warranty on the C4 camera',
  '退款多久到账',
  '设备连不上wifi怎么办',
  'forgot my password',
  'do you ship to Canada?',
];

const dataDir = await mkdtemp(path.join(tmpdir(), 'deskmate-bench-api-'));
const key = 'bench-channel-key';
const config = loadConfig({ ...process.env, DESKMATE_DATA_DIR: dataDir, DESKMATE_PORT: '0', DESKMATE_API_KEYS: `channel:bench:${key}`, DESKMATE_RATE_LIMIT_PER_MINUTE: '0', DESKMATE_LOG_LEVEL: 'silent' });
try {
  log('starting the server (ingesting the demo KB)…');
  const server = await startServer(config, createLogger({ level: 'silent' }));

  // The reference: embedding one short query with the same model, p50 over the messages.
  const embedder = new UseLiteEmbeddings();
  await embedder.embedQuery('warm up');
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    await embedder.embedQuery(`${MESSAGES[i % MESSAGES.length]} ${i}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const embedP50 = times[Math.floor(times.length / 2)]!;

  let n = 0;
  const run = async (connections: number) => {
    log(`c${connections}: ${seconds} s`);
    const result = await autocannon({
      url: `${server.url}/v1/answer`,
      method: 'POST',
      connections,
      duration: seconds,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      // Each request a new customer (no conversation lock shared between connections) and a new
      // text (no embedding served from memory): every request does the whole pipeline. The number
      // goes first: a suffix after the "?" would read as a second clause, classified on its own.
      requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ customer: { id: `bench-${n++}` }, channel: 'api', message: `#${n} ${MESSAGES[n % MESSAGES.length]}` }) }) }],
    });
    return { p50_ms: result.latency.p50, p95_ms: (result.latency as unknown as Record<string, number>).p97_5 ?? result.latency.p99, rps: Math.round(result.requests.average * 10) / 10, errors: result.errors + result.timeouts, non2xx: result.non2xx };
  };
  await run(1); // warm-up: trained model, KB labels, JIT
  const out = { embed_p50_ms: Math.round(embedP50 * 10) / 10, c1: await run(1), c16: await run(16), c64: await run(64) };
  await server.stop();
  console.log(JSON.stringify(out));
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
