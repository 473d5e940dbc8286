import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';

// Smoke tests of the evaluation commands on small, deterministic subsamples of the public datasets
// (../shared/datasets, read at run time). The full runs are the same commands without --sample.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const config = loadConfig();
const present = existsSync(config.datasetsDir);
if (config.store.ci && !present) throw new Error(`CI is set but the datasets are missing at ${config.datasetsDir}`);
let cacheDir: string;

async function deskmate(...args: string[]) {
  const { stdout } = await run(process.execPath, ['bin/deskmate.js', ...args, '--json'], {
    cwd: root,
    env: { ...process.env, DESKMATE_CACHE_DIR: cacheDir, DESKMATE_LOG_LEVEL: 'silent' },
    maxBuffer: 10 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

const rate = expect.toSatisfy((x: number) => x >= 0 && x <= 1);

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'deskmate-eval-smoke-'));
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

describe.skipIf(!present)('evaluation commands on subsamples', () => {
  it.each([
    ['banking77', 0.3, {}],
    ['clinc150', 0.3, { in_scope_accuracy: rate, oos_recall: rate, oos_false_positive_rate: rate }],
    ['bitext', 0.5, { handoff_precision: rate, handoff_recall: rate }],
    ['nlupp', 0.1, { handoff_precision: rate, handoff_recall: rate }],
  ] as const)('intents eval --dataset %s prints the result JSON, well above chance', async (dataset, floor, extra) => {
    const out = await deskmate('intents', 'eval', '--dataset', dataset, '--sample', '40');
    expect(out).toMatchObject({ dataset, deskmate: { accuracy: rate, macro_f1: rate, n: 40, train_s: expect.any(Number), predict_p50_ms: expect.any(Number), ...extra } });
    expect(out.deskmate.accuracy).toBeGreaterThan(floor);
  });

  it('intents eval --peer nlpjs scores NLP.js on the same rows', async () => {
    const out = await deskmate('intents', 'eval', '--dataset', 'banking77', '--sample', '20', '--peer', 'nlpjs');
    expect(out.nlpjs).toMatchObject({ accuracy: rate, macro_f1: rate, n: 20 });
  });

  it.each([
    ['airline', 0.7],
    ['waimai', 0.65],
    ['shopping', 0.65],
  ] as const)('sentiment eval --dataset %s prints the result JSON, well above chance', async (dataset, floor) => {
    const out = await deskmate('sentiment', 'eval', '--dataset', dataset, '--sample', '300', '--peer', 'nlpjs');
    expect(out).toMatchObject({ dataset, deskmate: { accuracy: rate, macro_f1: rate, n: 300 } });
    expect(out.deskmate.accuracy).toBeGreaterThan(floor);
    if (dataset === 'airline') expect(out.nlpjs).toMatchObject({ accuracy: rate, n: 300 });
  });
});
