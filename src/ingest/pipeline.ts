import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeBase } from '../retrieval/knowledge-base.js';
import type { Language } from '../retrieval/language.js';
import type { SnapshotStep } from '../retrieval/snapshot.js';
import type { Chunk } from '../retrieval/types.js';
import { vectorTexts } from '../retrieval/vector-texts.js';
import { chunkSource, type ChunkedDocument, type ChunkingOptions } from './chunker.js';
import { loaderFor, SUPPORTED_EXTENSIONS } from './loaders/index.js';
import { readSourceFile } from './read-file.js';
import { isQuestionsFile, questionsFileFor, readSectionQuestions } from './section-questions.js';
import { IngestFileError, type LoadedSource } from './types.js';

export interface IngestOptions extends ChunkingOptions {
  maxFileBytes: number;
  /** Remove documents whose source file (under the given paths) no longer exists. */
  prune?: boolean;
  /** Texts per embedding request. */
  batchSize?: number;
  onProgress?: (event: IngestProgress) => void;
  /** Paths are stored relative to this folder (default: the working directory). */
  cwd?: string;
  /** Observes the atomic save (crash tests stop the process at an exact step). */
  onSaveStep?: (step: SnapshotStep) => void;
}

export type IngestProgress =
  | { phase: 'load'; done: number; total: number; file: string }
  | { phase: 'embed'; done: number; total: number };

export interface IngestSummary {
  files: { seen: number; ingested: number; failed: number };
  documents: { added: number; updated: number; unchanged: number; removed: number };
  chunks: { total: number; embedded: number };
  errors: Array<{ file: string; reason: string }>;
}

const IGNORED_DIRS = new Set(['node_modules', '.git']);

/** Every file under the given paths (hidden files and folders skipped), in a stable order. */
async function walk(paths: string[], errors: IngestSummary['errors'], cwd: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (p: string, explicit: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(p);
    } catch {
      errors.push({ file: display(p, cwd), reason: 'no such file or folder' });
      return;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(p)).sort();
      for (const e of entries) {
        if (e.startsWith('.') || IGNORED_DIRS.has(e)) continue;
        await visit(path.join(p, e), false);
      }
    } else if (info.isFile()) {
      if (!explicit && path.basename(p).startsWith('.')) return;
      out.push(p);
    }
  };
  for (const p of paths) await visit(path.resolve(cwd, p), true);
  return [...new Set(out)];
}

/** How a source is recorded: relative to the working folder when inside it, POSIX separators. */
function display(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
}

/** Gives a manual its example questions; a broken file or an unknown heading is reported, the manual still ingested. */
async function attachQuestions(source: Extract<LoadedSource, { kind: 'manual' }>, abs: string, file: string, errors: IngestSummary['errors']): Promise<void> {
  let questions;
  try {
    questions = await readSectionQuestions(abs, file);
  } catch (err) {
    if (!(err instanceof IngestFileError)) throw err;
    errors.push({ file: err.file, reason: `${err.reason}; ${file} ingested without its example questions` });
    return;
  }
  if (!questions) return;
  const headings = new Set(source.blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : [])));
  for (const heading of Object.keys(questions).filter((h) => !headings.has(h))) {
    errors.push({ file: questionsFileFor(file), reason: `no section "${heading}" in ${file}; its questions are not used` });
  }
  source.questions = questions;
}

function needsVector(kb: KnowledgeBase, chunk: Chunk): boolean {
  const embedder = kb.embedder;
  return embedder !== null && embedder.servesLanguage(chunk.language as Language) && !kb.hasVector(chunk.id);
}

/**
 * Loads, chunks and indexes files into the knowledge base, then saves it atomically when
 * something changed. Only chunks without a vector are embedded, so unchanged sources cost nothing.
 * A file that cannot be read is reported by name and leaves its previous documents in place.
 */
export async function ingest(kb: KnowledgeBase, paths: string[], options: IngestOptions): Promise<IngestSummary> {
  const cwd = options.cwd ?? process.cwd();
  const summary: IngestSummary = {
    files: { seen: 0, ingested: 0, failed: 0 },
    documents: { added: 0, updated: 0, unchanged: 0, removed: 0 },
    chunks: { total: 0, embedded: 0 },
    errors: [],
  };
  const found = await walk(paths, summary.errors, cwd);
  // A manual's example questions are read with the manual, not as a document.
  const files = found.filter((f) => !isQuestionsFile(f));
  const manualsBeside = new Set(files.map(questionsFileFor));
  for (const q of found.filter((f) => isQuestionsFile(f) && !manualsBeside.has(f))) {
    summary.errors.push({ file: display(q, cwd), reason: 'example questions with no manual of the same name beside them; not used' });
  }
  summary.files.seen = files.length;

  const incoming = new Map<string, ChunkedDocument>();
  const loadedSources = new Set<string>();
  for (const [i, abs] of files.entries()) {
    const file = display(abs, cwd);
    options.onProgress?.({ phase: 'load', done: i, total: files.length, file });
    const loader = loaderFor(abs);
    try {
      if (!loader) throw new IngestFileError(file, `unsupported file type "${path.extname(abs) || '(none)'}"; supported: ${SUPPORTED_EXTENSIONS.join(' ')}`);
      const source = await loader.load({ ...(await readSourceFile(abs, { maxBytes: options.maxFileBytes, binary: loader.binary ?? false })), path: file });
      if (source.kind === 'faq') {
        for (const bad of source.invalid) summary.errors.push({ file, reason: `${bad.where}: ${bad.reason}` });
      } else {
        await attachQuestions(source, abs, file, summary.errors);
      }
      const docs = chunkSource(source, file, loader.format, options);
      if (docs.length === 0) throw new IngestFileError(file, 'no text to index');
      for (const d of docs) {
        const clash = incoming.get(d.doc.id);
        if (clash) {
          summary.errors.push({ file, reason: `duplicate document id "${d.doc.id}" (first seen in ${clash.doc.source}); skipped` });
          continue;
        }
        incoming.set(d.doc.id, d);
      }
      loadedSources.add(file);
      summary.files.ingested++;
    } catch (err) {
      if (!(err instanceof IngestFileError)) throw err;
      summary.errors.push({ file, reason: err.reason });
      summary.files.failed++;
    }
  }
  options.onProgress?.({ phase: 'load', done: files.length, total: files.length, file: '' });

  // What changes: new or edited documents, and documents gone from a file that was read.
  const changed: ChunkedDocument[] = [];
  for (const d of incoming.values()) {
    const existing = kb.document(d.doc.id);
    if (existing && existing.contentHash === d.doc.contentHash && !d.chunks.some((c) => needsVector(kb, c))) {
      summary.documents.unchanged++;
    } else {
      changed.push(d);
      summary.documents[existing ? 'updated' : 'added']++;
    }
  }
  const scopes = paths.map((p) => display(path.resolve(cwd, p), cwd));
  const removed = kb
    .documents()
    .filter((d) => !incoming.has(d.id))
    .filter((d) => loadedSources.has(d.source) || (options.prune && scopes.some((s) => d.source === s || d.source.startsWith(`${s}/`)) && !files.some((f) => display(f, cwd) === d.source)))
    .map((d) => d.id);

  // Embed before touching the KB: a failing endpoint leaves it as it was.
  const toEmbed = new Map<string, Chunk>();
  for (const d of changed) for (const c of d.chunks) if (needsVector(kb, c)) toEmbed.set(c.id, c);
  const vectors = new Map<string, number[]>();
  const embedder = kb.embedder!;
  const pending = [...toEmbed.values()].flatMap((c) => vectorTexts(c, (language) => embedder.servesLanguage(language)));
  const batchSize = options.batchSize ?? 32;
  if (pending.length > 0) options.onProgress?.({ phase: 'embed', done: 0, total: pending.length });
  for (let i = 0; i < pending.length; i += batchSize) {
    const batch = pending.slice(i, i + batchSize);
    const embedded = await embedder.embedDocuments(batch.map((t) => t.text));
    batch.forEach((t, j) => vectors.set(t.id, embedded[j]!));
    options.onProgress?.({ phase: 'embed', done: Math.min(i + batchSize, pending.length), total: pending.length });
  }
  summary.chunks.embedded = toEmbed.size;

  for (const d of changed) kb.putDocument(d.doc, d.chunks, vectors);
  for (const id of removed) kb.removeDocument(id);
  summary.documents.removed = removed.length;
  summary.chunks.total = kb.stats().chunks;
  if (changed.length > 0 || removed.length > 0) await kb.save({ onStep: options.onSaveStep });
  return summary;
}
