import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvaluationReport } from '../evaluate.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ReportMeta } from './sections.js';

/** Writes report.md, report.html and report.json (the full report, readable by `eval compare`) into `dir`. */
export async function writeReport(dir: string, report: EvaluationReport, meta: ReportMeta = {}): Promise<{ markdown: string; html: string; json: string }> {
  await mkdir(dir, { recursive: true });
  const files = { markdown: path.join(dir, 'report.md'), html: path.join(dir, 'report.html'), json: path.join(dir, 'report.json') };
  await Promise.all([
    writeFile(files.markdown, renderMarkdown(report, meta)),
    writeFile(files.html, renderHtml(report, meta)),
    writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`),
  ]);
  return files;
}
