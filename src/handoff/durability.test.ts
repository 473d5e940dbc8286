import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/open.js';
import { HandoffDesk } from './desk.js';

// An acknowledged handoff is in the database before the reply says so: the process is SIGKILLed
// the moment answer() has returned handed_off, and a fresh process finds the ticket queued.
const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'deskmate-kill-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('durability of a handoff', () => {
  it('after SIGKILL right after answer() returned handed_off, the ticket is in the queue with its summary', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'testdata/answer-and-wait.ts'), 'this is useless, get me a real person NOW'], {
      cwd: root,
      env: { ...process.env, DESKMATE_DATA_DIR: dataDir, DESKMATE_CACHE_DIR: path.join(dataDir, 'cache'), DESKMATE_EMBEDDINGS: 'none', DESKMATE_LOG_LEVEL: 'silent', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
    });
    child.kill('SIGKILL');
    await exited;
    const result = JSON.parse(line) as { decision: { type: string; reasons: string[] }; ticketId: string; conversationId: string };
    expect(result.decision.type).toBe('handed_off');
    expect(result.decision.reasons).toContain('human_requested');

    const db = await openDatabase({ dataDir });
    try {
      const desk = new HandoffDesk(db);
      const queued = (await desk.queue()).find((e) => e.ticket.id === result.ticketId);
      expect(queued?.ticket).toMatchObject({ conversationId: result.conversationId, state: 'pending', tier: 'vip' });
      const summary = await desk.summary(result.ticketId);
      expect(summary.customerWords).toEqual(['this is useless, get me a real person NOW']);
      expect(summary.reasons).toContain('human_requested');
    } finally {
      await db.close();
    }
  });
});
