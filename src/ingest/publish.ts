import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeBase } from '../retrieval/knowledge-base.js';
import { ingest, type IngestOptions, type IngestSummary } from './pipeline.js';

export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  language?: string;
  category?: string;
  tags?: string[];
}

/**
 * Adds FAQ entries that arrive as data (an accepted knowledge task, an API upload) as a source
 * file under `dir`, then ingests it like any other: the entry survives a rebuild and `--prune`,
 * and re-publishing the same id replaces it.
 */
export async function publishFaqEntries(kb: KnowledgeBase, entries: readonly FaqEntry[], options: IngestOptions & { dir: string; name: string }): Promise<IngestSummary> {
  await mkdir(options.dir, { recursive: true });
  const file = path.join(options.dir, `${options.name.replace(/[^\w.-]+/g, '_')}.jsonl`);
  await writeFile(`${file}.tmp`, `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
  await rename(`${file}.tmp`, file);
  return ingest(kb, [file], options);
}
