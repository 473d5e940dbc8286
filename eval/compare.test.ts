import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import { compareReports, parseReport, renderComparison } from './compare.js';
import { reportOf, sampleCases } from './report/testing.js';
import { writeReport } from './report/write.js';

// Baseline: the six sample cases. Candidate: zh-low now answered correctly, en-vague gone, new-1 added.
const a = reportOf(sampleCases());
const bCases = sampleCases().filter((c) => c.id !== 'en-vague').map((c) => (c.id === 'zh-low' ? { ...c, outcome: 'resolved' as const, decision: { type: 'answered' as const, reasons: [] } } : c));
bCases.push({ ...sampleCases()[0]!, id: 'new-1' });
const b = reportOf(bCases);

describe('compareReports', () => {
  const c = compareReports(parseReport(JSON.stringify(a)), parseReport(JSON.stringify(b)));

  it('gives a, b and the delta of every numeric metric, overall and per language', () => {
    expect(c.metrics.self_service_resolution_rate).toEqual({ a: 0.1667, b: 0.5, delta: 0.3333 });
    expect(c.metrics.wrong_answer_rate).toEqual({ a: 0.6667, b: 0.4, delta: -0.2667 });
    expect(c.metrics.cases).toEqual({ a: 6, b: 6, delta: 0 });
    expect(c.by_lang.zh!.answerable_resolution_rate).toEqual({ a: 0, b: 1, delta: 1 });
    expect(Object.keys(c.by_lang)).toEqual(['en', 'zh']);
  });

  it('null where a side cannot measure a metric or lacks it (pass^k only with --repeat)', () => {
    expect(c.by_lang.en!.reason_accuracy).toEqual({ a: null, b: null, delta: null });
    const repeated = reportOf(sampleCases().map((x) => ({ ...x, passAll: true })));
    expect(compareReports(parseReport(JSON.stringify(a)), parseReport(JSON.stringify(repeated))).metrics['pass^k']).toEqual({ a: null, b: 1, delta: null });
  });

  it('lists the cases that changed outcome, with the last customer turn, and those in only one report', () => {
    expect(c.changed).toEqual([{ id: 'zh-low', from: 'unnecessary_handoff', to: 'resolved', last_turn: '我的退款什么时候到账？' }]);
    expect(c.only_in_a).toEqual([{ id: 'en-vague', outcome: 'clarified' }]);
    expect(c.only_in_b).toEqual([{ id: 'new-1', outcome: 'resolved' }]);
    const text = renderComparison(c);
    expect(text).toMatch(/self_service_resolution_rate\s+0\.1667\s+0\.5\s+\+0\.3333/);
    expect(text).toContain('zh-low: unnecessary_handoff → resolved  "我的退款什么时候到账？"');
    expect(text).toContain('only in a: en-vague (clarified)');
  });

  it('reads a whole JSON file or output whose last line is the report, and names a file that is neither', () => {
    expect(parseReport(`${JSON.stringify(a, null, 2)}\n`).cases).toHaveLength(6);
    expect(parseReport(`progress 1/6\n${JSON.stringify(a)}\n\n`).cases).toHaveLength(6);
    expect(() => parseReport('not json\nat all', 'x.txt')).toThrow(/x\.txt: neither the file nor its last line/);
    expect(() => parseReport('{"metrics":{}}', 'y.json')).toThrow(ValidationError);
  });
});

describe('deskmate eval compare (CLI)', () => {
  const run = promisify(execFile);
  const root = path.resolve(import.meta.dirname, '..');
  let dir: string;
  const deskmate = (...args: string[]) => run(process.execPath, ['bin/deskmate.js', ...args], { cwd: root, env: { ...process.env, DESKMATE_LOG_LEVEL: 'silent' } });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'deskmate-compare-'));
    // One side as `eval --report` writes it, the other as saved `eval --json` output.
    await writeReport(path.join(dir, 'a'), a);
    await writeFile(path.join(dir, 'b.jsonl'), `${JSON.stringify(b)}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints one JSON object with --json after the files', async () => {
    const { stdout } = await deskmate('eval', 'compare', path.join(dir, 'a', 'report.json'), path.join(dir, 'b.jsonl'), '--json');
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['metrics', 'by_lang', 'changed', 'only_in_a', 'only_in_b']);
    expect(out.changed).toEqual([expect.objectContaining({ id: 'zh-low', from: 'unnecessary_handoff', to: 'resolved' })]);
  });

  it('prints a table without --json, and one clear line for a missing file', async () => {
    const { stdout } = await deskmate('eval', 'compare', path.join(dir, 'a', 'report.json'), path.join(dir, 'b.jsonl'));
    expect(stdout).toContain('changed outcome: 1');
    await expect(deskmate('eval', 'compare', path.join(dir, 'a', 'report.json'), path.join(dir, 'missing.json'))).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^deskmate: .*missing\.json: cannot read \(ENOENT\)\n$/) });
  });

  it('still requires --suite for a plain `eval`', async () => {
    await expect(deskmate('eval')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("required option '--suite <file...>' not specified") });
  });
});
