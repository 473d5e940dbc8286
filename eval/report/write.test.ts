import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportOf, sampleCases } from './testing.js';
import { writeReport } from './write.js';

describe('writeReport', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates the folder and writes report.md, report.html and the full report.json', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'deskmate-report-'));
    const report = reportOf(sampleCases());
    const files = await writeReport(path.join(dir, 'nested', 'run-1'), report, { suites: ['s.jsonl'] });
    expect(await readFile(files.markdown, 'utf8')).toContain('## Failed cases (4 of 6)');
    expect(await readFile(files.html, 'utf8')).toContain('id="risk-coverage-chart"');
    expect(JSON.parse(await readFile(files.json, 'utf8'))).toEqual(report);
  });
});
