// HTTP benchmark of POST /v1/answer on the embedded default (extractive, fixtures KB), over
// loopback with autocannon, at 1, 16 and 64 connections. The embedding latency it is judged
// against (one USE-lite query) is measured in the same run. Prints one JSON line last:
// {"embed_p50_ms": e, "c1": S, "c16": S, "c64": S}, S = {"p50_ms", "p95_ms", "rps", "errors", "non2xx"}
// Usage: npm run bench:api -- --json [--seconds 10]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
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

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

const dataDir = await mkdtemp(path.join(tmpdir(), 'deskmate-bench-api-'));
const key = 'bench-channel-key';
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
// The server runs as `deskmate serve` does, in its own process: a load generator sharing its event
// loop would be measured as server latency.
const server = spawn(process.execPath, [path.join(import.meta.dirname, '../bin/deskmate.js'), 'serve'], {
  env: { ...process.env, DESKMATE_DATA_DIR: dataDir, DESKMATE_PORT: String(port), DESKMATE_API_KEYS: `channel:bench:${key}`, DESKMATE_RATE_LIMIT_PER_MINUTE: '0', DESKMATE_LOG_LEVEL: 'silent', DESKMATE_LLM_BASE_URL: '', DESKMATE_LLM_API_KEY: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
try {
  log('starting the server (ingesting the demo KB)…');
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    const ready = await fetch(`${url}/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 250));
  }

  // The reference: embedding one short query with the same model, p50 over the messages.
  const embedder = new UseLiteEmbeddings();
  // Warmed up like the server's model (JIT, WASM): a cold first few would read as a slower embedder.
  for (let i = 0; i < 20; i++) await embedder.embedQuery(`warm up ${i}`);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
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
      url: `${url}/v1/answer`,
      method: 'POST',
      connections,
      duration: seconds,
      // As long as the server's own request timeout (30 s, then a 504): autocannon's default of 10 s
      // would count a request the server is still entitled to finish as an error.
      timeout: 30,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      // Each request a new customer (no conversation lock shared between connections) and a new
      // text (no embedding served from memory): every request does the whole pipeline. The number
      // goes first: a suffix after the "?" would read as a second clause, classified on its own.
      requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ customer: { id: `bench-${n++}` }, channel: 'api', message: `#${n} ${MESSAGES[n % MESSAGES.length]}` }) }) }],
    });
    if (result.errors + result.timeouts) log(`c${connections}: ${result.errors} errors (${result.timeouts} timeouts)`);
    return { p50_ms: result.latency.p50, p95_ms: (result.latency as unknown as Record<string, number>).p97_5 ?? result.latency.p99, rps: Math.round(result.requests.average * 10) / 10, errors: result.errors + result.timeouts, non2xx: result.non2xx };
  };
  await run(1); // warm-up: trained model, KB labels, JIT
  const out = { embed_p50_ms: Math.round(embedP50 * 10) / 10, c1: await run(1), c16: await run(16), c64: await run(64) };
  console.log(JSON.stringify(out));
} finally {
  server.kill('SIGTERM');
  await exited;
  await rm(dataDir, { recursive: true, force: true });
}
