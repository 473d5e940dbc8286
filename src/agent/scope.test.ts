import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTemporaryKb } from '../../eval/temporary-kb.js';
import { loadConfig, type Config } from '../config.js';
import { migrate } from '../store/migrations.js';
import { openPglite } from '../store/pglite.js';
import type { Database } from '../store/database.js';
import { openRuntime, type Runtime } from './runtime.js';

// A knowledge base from another business (a bakery) served with the Lumen intent catalog: scoped
// by intents, its questions are out of scope; scoped by the knowledge base (DESKMATE_SCOPE=knowledge)
// they are answered, and what it does not cover still goes to a person.
const BAKERY = [
  { id: 'bk-1', question: 'Do your sourdough loaves contain any dairy or eggs?', answer: 'Our sourdough is made from flour, water, salt and starter only: no dairy and no eggs.' },
  { id: 'bk-2', question: 'How far in advance must I order a birthday cake?', answer: 'Order celebration cakes at least 72 hours ahead; tiered cakes need a week.' },
  { id: 'bk-3', question: 'Can I freeze croissants and bake them later?', answer: 'Yes. Freeze them unbaked for up to a month and bake from frozen at 180°C for 20 minutes.' },
];

let dir: string;
let kbDir: string;
const opened: Array<{ rt: Runtime; db: Database }> = [];

async function runtime(scope: 'intents' | 'knowledge'): Promise<Runtime> {
  const base = loadConfig({ DESKMATE_CACHE_DIR: path.join(tmpdir(), 'deskmate-test-cache') });
  const config: Config = { ...base, policy: { ...base.policy, scope } };
  const db = await openPglite();
  await migrate(db);
  const rt = await openRuntime(config, { kbDir, db, chat: null });
  opened.push({ rt, db });
  return rt;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'deskmate-scope-'));
  const file = path.join(dir, 'bakery.jsonl');
  await writeFile(file, BAKERY.map((e) => JSON.stringify(e)).join('\n'));
  kbDir = await buildTemporaryKb(loadConfig({ DESKMATE_CACHE_DIR: path.join(tmpdir(), 'deskmate-test-cache') }), [file]);
});
afterAll(async () => {
  for (const { rt, db } of opened) {
    await rt.close();
    await db.close();
  }
  await rm(dir, { recursive: true, force: true });
  await rm(kbDir, { recursive: true, force: true });
});

describe('scope', () => {
  it('scoped by the knowledge base, answers what it covers and hands off what it does not', async () => {
    const rt = await runtime('knowledge');
    const covered = await rt.agent.answer({ customer: { id: 'k1' }, channel: 'web', message: 'is there milk or egg in the sourdough bread?' });
    expect(covered.decision).toEqual({ type: 'answered', reasons: [] });
    expect(covered.citations[0]?.docId).toBe('bk-1');
    const notCovered = await rt.agent.answer({ customer: { id: 'k2' }, channel: 'web', message: 'what time does the parking garage downtown close' });
    expect(notCovered.decision.type).toBe('handed_off');
    expect(notCovered.decision.reasons).toContain('low_confidence');
    expect(notCovered.decision.reasons).not.toContain('out_of_scope');
  });

  it('scoped by the Lumen intents, the same covered question is out of scope', async () => {
    const rt = await runtime('intents');
    const r = await rt.agent.answer({ customer: { id: 'i1' }, channel: 'web', message: 'is there milk or egg in the sourdough bread?' });
    expect(r.decision.type).toBe('handed_off');
    expect(r.decision.reasons).toContain('out_of_scope');
  });
});
