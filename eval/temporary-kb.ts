import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../src/config.js';
import { ingest } from '../src/ingest/pipeline.js';
import { openKnowledgeBase } from '../src/retrieval/open.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Builds a fresh knowledge base from `paths` in a temporary folder; returns the folder. */
export async function buildTemporaryKb(config: Config, paths: string[] = [path.join(ROOT, 'fixtures/kb')]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'deskmate-kb-'));
  const kb = await openKnowledgeBase(config, { dir });
  const summary = await ingest(kb, paths, { ...config.ingest, cwd: ROOT, batchSize: config.embeddings.openai.batchSize });
  if (summary.errors.length) throw new Error(`ingest failed: ${summary.errors.map((e) => `${e.file}: ${e.reason}`).join('; ')}`);
  return dir;
}
