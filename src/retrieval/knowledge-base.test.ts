import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexMismatchError } from '../errors.js';
import { chunkSource } from '../ingest/chunker.js';
import type { FaqEntry } from '../ingest/types.js';
import { HashingEmbeddings } from './embeddings/hashing.js';
import type { EmbeddingProvider } from './embeddings/provider.js';
import { Glossary } from './glossary.js';
import { KnowledgeBase } from './knowledge-base.js';
import { KnowledgeBaseRetriever } from './retriever.js';
import { embeddingText } from './types.js';

const hnsw = { m: 16, efConstruction: 100, efSearch: 50 };
const glossary = new Glossary([
  { zh: ['礼品卡'], en: ['gift card'] },
  { zh: ['退款'], en: ['refund'] },
]);

const entries: FaqEntry[] = [
  { id: 'en-refund', question: 'When will I get my refund?', answer: 'Refunds arrive within 5 to 10 business days.', module: 'store', tags: ['returns'] },
  { id: 'zh-refund', question: '退款多久到账？', answer: '退款会在 5 到 10 个工作日内退回原支付方式。', module: 'store' },
  { id: 'en-gift', question: 'Do you sell gift cards?', answer: 'Yes, digital gift cards from $25 in the online store.', module: 'store' },
  { id: 'en-pairing', question: 'Why does adding a device fail?', answer: 'Move it closer to the hub and retry. Error E1042 means pairing timed out.', module: 'hub' },
  { id: 'en-hub', question: 'Is the hub offline?', answer: 'Check the hub LED and restart your router.', module: 'hub' },
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'deskmate-kb-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function build(embedder: EmbeddingProvider | null = new HashingEmbeddings(64)) {
  const kb = await KnowledgeBase.open({ dir, embedder, hnsw, glossary });
  for (const { doc, chunks } of chunkSource({ kind: 'faq', entries, invalid: [] }, 'faq.json', 'faq', { chunkSize: 1000, chunkOverlap: 0 })) {
    const vectors = new Map<string, number[]>();
    if (embedder) {
      const embedded = await embedder.embedDocuments(chunks.map(embeddingText));
      chunks.forEach((c, i) => vectors.set(c.id, embedded[i]!));
    }
    kb.putDocument(doc, chunks, vectors);
  }
  return kb;
}

const top = async (kb: KnowledgeBase, q: string, opts = {}) => (await kb.search(q, { k: 5, ...opts })).map((h) => h.chunk.docId);

describe('KnowledgeBase search', () => {
  it('prefers the passage in the language the customer writes', async () => {
    const kb = await build();
    expect((await top(kb, 'refund'))[0]).toBe('en-refund');
    expect((await top(kb, '退款'))[0]).toBe('zh-refund');
  });

  it('finds an English-only article for a Chinese question through the glossary', async () => {
    const kb = await build();
    expect((await top(kb, '有礼品卡卖吗'))[0]).toBe('en-gift');
  });

  it('puts passages that mention a quoted error code first', async () => {
    const kb = await build();
    expect((await top(kb, 'my hub says E1042'))[0]).toBe('en-pairing');
  });

  it('searches only answers with field=answer, and honours metadata filters', async () => {
    const kb = await build();
    expect(await top(kb, 'refund', { field: 'answer', k: 1 })).toEqual(['en-refund']);
    expect(await top(kb, 'When will I get', { field: 'answer' })).toEqual([]);
    const hubOnly = await top(kb, 'refund hub', { filters: { module: 'hub' } });
    expect(hubOnly.length).toBeGreaterThan(0);
    expect(hubOnly.every((id) => id.startsWith('en-pairing') || id === 'en-hub')).toBe(true);
    expect(await top(kb, 'refund', { filters: { tags: 'returns' } })).toEqual(['en-refund']);
  });

  it('works lexically without an embedder', async () => {
    const kb = await build(null);
    expect((await top(kb, 'gift card'))[0]).toBe('en-gift');
    expect(kb.stats().vectors).toBe(0);
  });

  it('survives save and reopen, and removes documents from both indexes', async () => {
    const kb = await build();
    await kb.save();
    const reopened = await KnowledgeBase.open({ dir, embedder: new HashingEmbeddings(64), hnsw, glossary });
    expect(reopened.stats()).toMatchObject({ documents: 5, chunks: 5, vectors: 5 });
    reopened.removeDocument('en-gift');
    expect(await top(reopened, 'gift cards', { mode: 'dense' })).not.toContain('en-gift');
    expect(await top(reopened, 'gift cards', { mode: 'lexical' })).not.toContain('en-gift');
  });

  it('refuses a knowledge base built by another embedder, telling the user to re-ingest', async () => {
    const kb = await build(new HashingEmbeddings(64));
    await kb.save();
    await expect(KnowledgeBase.open({ dir, embedder: new HashingEmbeddings(32), hnsw })).rejects.toThrow(IndexMismatchError);
    await expect(KnowledgeBase.open({ dir, embedder: new HashingEmbeddings(32), hnsw })).rejects.toThrow(/deskmate ingest --rebuild/);
    const rebuilt = await KnowledgeBase.open({ dir, embedder: new HashingEmbeddings(32), hnsw, rebuild: true });
    expect(rebuilt.stats().documents).toBe(0);
  });

  it('serves LangChain as a BaseRetriever with citation metadata', async () => {
    const kb = await build();
    const docs = await new KnowledgeBaseRetriever(kb, { k: 2 }).invoke('When do refunds arrive?');
    expect(docs[0]!.metadata).toMatchObject({ docId: 'en-refund', kind: 'faq', source: 'faq.json' });
    expect(docs[0]!.pageContent).toContain('5 to 10 business days');
  });
});
