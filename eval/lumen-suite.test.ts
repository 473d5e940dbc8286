import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { checkGate, evaluate } from './evaluate.js';
import { ROOT } from './temporary-kb.js';

// The regression gate on the held-out Lumen suite, extractive mode (the embedded default): the
// floors sit just under today's figures so a change that makes the bot worse fails CI. They are
// not the targets (see the README); move them with the operating point (the threshold trades
// resolution for wrong answers: 0.83, the escalation dev suites' pick at wrong <= 5%) and raise them as the
// agent improves, never tune on this suite. Measured once at this point: answerable 0.827, wrong
// 0.040, handoff recall 0.966, reason accuracy 0.929.
const GATE = 'answerable>=0.81,wrong<=0.05,handoff_recall>=0.95,reason_accuracy>=0.92';

describe('Lumen QA suite (held out), extractive', () => {
  it(`passes the gate ${GATE}`, { timeout: 600_000 }, async () => {
    const config = loadConfig({ DESKMATE_CACHE_DIR: path.join(tmpdir(), 'deskmate-test-cache'), DESKMATE_LOG_LEVEL: 'silent' });
    const report = await evaluate(config, { suites: [path.join(ROOT, 'fixtures/eval/lumen-suite.jsonl')], kb: [path.join(ROOT, 'fixtures/kb')] });
    expect(report.metrics.cases).toBeGreaterThanOrEqual(150);
    expect(Object.keys(report.by_lang).sort()).toEqual(['en', 'zh']);
    expect(checkGate(GATE, report.metrics), JSON.stringify(report.metrics)).toEqual([]);
  });
});
