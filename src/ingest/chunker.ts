import { createHash } from 'node:crypto';
import path from 'node:path';
import { detectLanguage } from '../retrieval/language.js';
import { embeddingText, type Chunk, type ChunkMetadata, type DocumentRecord } from '../retrieval/types.js';
import type { Block, FaqEntry, LoadedSource, ManualSource } from './types.js';

export interface ChunkingOptions {
  /** Target maximum characters per manual chunk. */
  chunkSize: number;
  /** Characters of the previous chunk's text repeated at the start of the next one in a section. */
  chunkOverlap: number;
}

export interface ChunkedDocument {
  doc: DocumentRecord;
  chunks: Chunk[];
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Primary language subtag ("zh-CN" → "zh"); detected from the text when not given. */
function languageOf(given: string | undefined, sample: string): string {
  const tag = given?.toLowerCase().split(/[-_]/)[0];
  return tag || detectLanguage(sample);
}

export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '') // accents decomposed by NFKD: "Crème" → "creme", not "cre-me"
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .slice(0, 80)
      .replace(/^-+|-+$/g, '') || 'document'
  );
}

function chunkId(docId: string, chunk: Omit<Chunk, 'id'>): string {
  // Content-addressed: an unchanged passage keeps its id, so its vector is reused on re-ingest.
  const alternates = chunk.alternates?.length ? `\n${chunk.alternates.join('\n')}` : '';
  return `${docId}#${sha(`${docId}\n${embeddingText(chunk)}\n${chunk.text}${alternates}`).slice(0, 12)}`;
}

function record(doc: Omit<DocumentRecord, 'contentHash' | 'chunkIds' | 'updatedAt'>, chunks: Chunk[]): ChunkedDocument {
  const contentHash = sha(JSON.stringify({ doc, chunks })).slice(0, 32);
  return { doc: { ...doc, contentHash, chunkIds: chunks.map((c) => c.id), updatedAt: new Date().toISOString() }, chunks };
}

function faqDocument(entry: FaqEntry, source: string, format: string): ChunkedDocument {
  // Without a given id, the question identifies the entry: editing its answer updates it in place.
  const docId = entry.id ?? `faq-${sha(entry.question.toLowerCase()).slice(0, 12)}`;
  const language = languageOf(entry.language, `${entry.question} ${entry.answer}`);
  const metadata: ChunkMetadata = {
    module: entry.module,
    fault_type: entry.fault_type,
    category: entry.category,
    tags: entry.tags,
    url: entry.url,
    ...(entry.translation_of ? { translationOf: entry.translation_of } : {}),
  };
  const base = { docId, kind: 'faq' as const, title: entry.question, question: entry.question, text: entry.answer, headingPath: [], language, source, position: 0, metadata, ...(entry.alternate_questions ? { alternates: entry.alternate_questions } : {}) };
  const chunk: Chunk = { id: chunkId(docId, base), ...base };
  return record({ id: docId, kind: 'faq', title: entry.question, source, format, language, metadata }, [chunk]);
}

type Unit = { kind: 'text'; text: string } | { kind: 'row'; text: string; header: string; table: number };

/** Splits long prose at sentence ends (English and Chinese), then hard-wraps what is still too long. */
function sentences(text: string, max: number): string[] {
  const parts = text.match(/[^.!?。！？\n]+(?:[.!?。！？]+["')\]」』]*|\n|$)\s*/gu) ?? [text];
  const out: string[] = [];
  for (const p of parts.map((s) => s.trim()).filter(Boolean)) {
    for (let i = 0; i < p.length; i += max) out.push(p.slice(i, i + max));
  }
  return out;
}

function sectionUnits(blocks: Block[], maxUnit: number, tableSeq: { n: number }): Unit[] {
  const units: Unit[] = [];
  for (const b of blocks) {
    if (b.type === 'table') {
      const table = tableSeq.n++;
      // A table is split only between rows; a header-only table is one unit.
      if (b.rows.length === 0) units.push({ kind: 'text', text: b.header });
      for (const row of b.rows) units.push({ kind: 'row', text: row, header: b.header, table });
    } else if (b.type === 'text') {
      if (b.text.length <= maxUnit) units.push({ kind: 'text', text: b.text });
      else for (const s of sentences(b.text, maxUnit)) units.push({ kind: 'text', text: s });
    }
  }
  return units;
}

/** Packs a section's units into chunks of at most `chunkSize` characters, overlapping whole sentences. */
function pack(units: Unit[], options: ChunkingOptions): string[] {
  const chunks: string[] = [];
  let lines: string[] = [];
  let size = 0;
  let table: number | null = null;
  let fresh = 0; // units added since the carried-over overlap
  const push = (u: Unit) => {
    if (u.kind === 'row' && table !== u.table) {
      lines.push(u.header); // a table continued in a new chunk repeats its header
      size += u.header.length + 1;
    }
    table = u.kind === 'row' ? u.table : null;
    lines.push(u.text);
    size += u.text.length + 1;
  };
  const close = () => {
    if (fresh > 0) chunks.push(lines.join('\n'));
    lines = [];
    size = 0;
    table = null;
    fresh = 0;
  };
  let last: Unit[] = [];
  for (const u of units) {
    const cost = u.text.length + 1 + (u.kind === 'row' && table !== u.table ? u.header.length + 1 : 0);
    if (fresh > 0 && size + cost > options.chunkSize) {
      close();
      // Overlap: repeat the previous chunk's trailing prose (never a partial table row).
      const carry: Unit[] = [];
      let carried = 0;
      for (let i = last.length - 1; i >= 0; i--) {
        const p = last[i]!;
        const fits = carried + p.text.length <= options.chunkOverlap && carried + p.text.length + cost <= options.chunkSize;
        if (p.kind !== 'text' || !fits) break;
        carry.unshift(p);
        carried += p.text.length;
      }
      for (const p of carry) push(p);
      last = [...carry];
    }
    push(u);
    last.push(u);
    fresh++;
  }
  close();
  return chunks;
}

// Table rows are packed into small chunks of their own: a customer quoting an error code should
// land on that code's row (with the header), not on a long passage where it is one term of many.
const TABLE_CHUNK = 400;

function packSection(blocks: Block[], budget: number, options: ChunkingOptions, tableSeq: { n: number }): string[] {
  const out: string[] = [];
  let prose: Block[] = [];
  const flush = () => {
    if (prose.length) out.push(...pack(sectionUnits(prose, budget, tableSeq), { ...options, chunkSize: budget }));
    prose = [];
  };
  for (const b of blocks) {
    if (b.type !== 'table') {
      prose.push(b);
      continue;
    }
    flush();
    const size = Math.min(budget, TABLE_CHUNK);
    out.push(...pack(sectionUnits([b], size, tableSeq), { chunkSize: size, chunkOverlap: 0 }));
  }
  flush();
  return out;
}

function manualDocument(source: ManualSource, file: string, format: string, options: ChunkingOptions): ChunkedDocument {
  const docId = source.id ?? slug(path.basename(file).replace(/\.[^.]+$/, ''));
  const title = source.title ?? path.basename(file);
  const allText = source.blocks.map((b) => (b.type === 'table' ? [b.header, ...b.rows].join('\n') : b.text)).join('\n');
  const language = languageOf(source.language, allText.slice(0, 4000));

  // Sections: runs of content under one heading path.
  const sections: Array<{ path: string[]; blocks: Block[] }> = [];
  const stack: Array<{ level: number; text: string }> = [];
  let current: { path: string[]; blocks: Block[] } | null = null;
  for (const b of source.blocks) {
    if (b.type === 'heading') {
      while (stack.length && stack[stack.length - 1]!.level >= b.level) stack.pop();
      stack.push({ level: b.level, text: b.text });
      current = null;
      continue;
    }
    if (!current) {
      // The document title as the top heading adds nothing to each chunk's path.
      const headingPath = stack.map((s) => s.text).filter((t, i) => !(i === 0 && t === title));
      current = { path: headingPath, blocks: [] };
      sections.push(current);
    }
    current.blocks.push(b);
  }

  const chunks: Chunk[] = [];
  const seen = new Set<string>();
  const tableSeq = { n: 0 };
  for (const section of sections) {
    const prefix = section.path.join(' > ');
    // A section's example questions belong to its own heading: a sub-section has its own.
    const alternates = source.questions?.[section.path.at(-1) ?? title];
    // The heading path is embedded with the text; it may take at most half the budget.
    const budget = options.chunkSize - Math.min(prefix.length, Math.floor(options.chunkSize / 2));
    for (const text of packSection(section.blocks, budget, options, tableSeq)) {
      const base = {
        docId,
        kind: 'manual' as const,
        title,
        question: prefix,
        text,
        headingPath: section.path,
        language,
        source: file,
        position: chunks.length,
        metadata: source.metadata,
        ...(alternates?.length ? { alternates } : {}),
      };
      let id = chunkId(docId, base);
      if (seen.has(id)) id = `${id}-${chunks.length}`; // the same passage twice in one manual
      seen.add(id);
      chunks.push({ id, ...base });
    }
  }
  return record({ id: docId, kind: 'manual', title, source: file, format, language, metadata: source.metadata }, chunks);
}

/** Turns a loaded file into documents with their chunks: one per FAQ entry, one per manual. */
export function chunkSource(source: LoadedSource, file: string, format: string, options: ChunkingOptions): ChunkedDocument[] {
  if (source.kind === 'faq') return source.entries.map((e) => faqDocument(e, file, format));
  const doc = manualDocument(source, file, format, options);
  return doc.chunks.length > 0 ? [doc] : [];
}
