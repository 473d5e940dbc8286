import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunkSource } from '../ingest/chunker.js';
import type { FaqEntry } from '../ingest/types.js';
import { Glossary } from '../retrieval/glossary.js';
import { KnowledgeBase } from '../retrieval/knowledge-base.js';
import type { Chunk } from '../retrieval/types.js';
import { EntryClassifier, KnowledgeAnswers } from './entry-classifier.js';

// The answer classifier learns from a real knowledge base's passages (no embedder: it is lexical).
const glossary = new Glossary([
  { zh: ['订单'], en: ['order'] },
  { zh: ['取消'], en: ['cancel', 'call off'] },
  { zh: ['退货'], en: ['return'] },
]);

const ENTRIES: FaqEntry[] = [
  {
    id: 'cancel',
    question: 'Can I cancel an order after placing it?',
    alternate_questions: ['I ordered the wrong thing, can I stop the order?', 'how do I call off an order that has not shipped', 'changed my mind, cancel my purchase please'],
    answer: 'You can cancel while the order is Received or Preparing for shipment.',
  },
  {
    id: 'return',
    question: 'How do I return a product?',
    alternate_questions: ['I want to send the camera back', 'can I get my money back for something I received', 'the plug arrived and I do not want it, how to return'],
    answer: 'Return any product within 30 days of delivery from Account > Orders.',
  },
  { id: 'cancel-zh', question: '下单后可以取消订单吗？', alternate_questions: ['订单还没发货，怎么取消'], answer: '订单在已接收或备货中时可以取消。', translation_of: 'cancel', language: 'zh' },
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'deskmate-answers-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function chunksOf(entries: readonly FaqEntry[]) {
  return chunkSource({ kind: 'faq', entries: [...entries], invalid: [] }, 'faq.json', 'faq', { chunkSize: 1000, chunkOverlap: 0 });
}

async function kbWith(entries: readonly FaqEntry[]): Promise<KnowledgeBase> {
  const kb = await KnowledgeBase.open({ dir, embedder: null, hnsw: { m: 16, efConstruction: 100, efSearch: 50 }, glossary });
  for (const { doc, chunks } of chunksOf(entries)) kb.putDocument(doc, chunks, new Map());
  return kb;
}

const best = (scores: Map<string, number>) => [...scores].sort((a, b) => b[1] - a[1])[0]![0];

describe('EntryClassifier', () => {
  it('tells neighbouring answers apart by the words their wordings use, and an entry and its translation are one answer', async () => {
    const classifier = (await EntryClassifier.train(chunksOf(ENTRIES).flatMap((d) => d.chunks), glossary))!;
    const scores = await classifier.scores('please call off my order, it has not shipped yet');
    expect([...scores.keys()].sort()).toEqual(['cancel', 'return']);
    expect(best(scores)).toBe('cancel');
    expect([...scores.keys()][0]).toBe('cancel'); // likeliest first, as the ranker reads it
    expect(scores.get('cancel')!).toBeGreaterThan(0.6);
    expect(best(await classifier.scores('I want to send it back and get my money back'))).toBe('return');
    // The Chinese wordings teach the English entry's class.
    expect(best(await classifier.scores('我想取消订单'))).toBe('cancel');
  });

  it("learns a manual from its headings, example questions and sentences", async () => {
    const manual: Chunk = {
      id: 'hub#1',
      docId: 'manual-hub',
      kind: 'manual',
      title: 'Hub manual',
      question: 'Hub manual > Status light',
      text: 'A blinking amber light means the hub has lost its internet connection. A solid green light means it is online.',
      headingPath: ['Hub manual', 'Status light'],
      language: 'en',
      source: 'hub.md',
      position: 0,
      metadata: {},
      alternates: ['网关的灯一直闪黄色'],
    };
    const examples = EntryClassifier.examples([manual]);
    expect(examples.map((e) => e.text)).toEqual(['Hub manual > Status light', '网关的灯一直闪黄色', 'A blinking amber light means the hub has lost its internet connection.', 'A solid green light means it is online.']);
    expect(examples.every((e) => e.labels[0] === 'manual-hub')).toBe(true);
    const classifier = (await EntryClassifier.train([manual, ...chunksOf(ENTRIES).flatMap((d) => d.chunks)], glossary))!;
    expect(best(await classifier.scores('why is the light on my hub blinking amber'))).toBe('manual-hub');
    // A Chinese question reaches the English manual through its Chinese example question.
    expect(best(await classifier.scores('网关闪黄灯'))).toBe('manual-hub');
  });

  it('has nothing to tell apart in a knowledge base of one answer', async () => {
    expect(await EntryClassifier.train(chunksOf(ENTRIES.slice(0, 1)).flatMap((d) => d.chunks))).toBeNull();
  });
});

describe('KnowledgeAnswers', () => {
  it('retrains once after the knowledge base changes, so a new entry is a class and a removed one is not', async () => {
    const kb = await kbWith(ENTRIES.slice(0, 2));
    const answers = new KnowledgeAnswers(kb, glossary);
    const first = answers.current();
    expect(answers.current()).toBe(first); // one training for the messages that wait on it
    expect([...(await answers.scores('cancel my order')).keys()].sort()).toEqual(['cancel', 'return']);

    const [gift] = chunksOf([{ id: 'gift', question: 'Do you sell gift cards?', alternate_questions: ['can I buy a voucher for a friend'], answer: 'Yes, from $25.' }]);
    kb.putDocument(gift!.doc, gift!.chunks, new Map());
    expect(answers.current()).not.toBe(first);
    expect(best(await answers.scores('buy a gift card voucher for a friend'))).toBe('gift');

    kb.removeDocument('return');
    expect([...(await answers.scores('return it')).keys()].sort()).toEqual(['cancel', 'gift']);
    kb.removeDocument('gift');
    expect(await answers.scores('cancel my order')).toEqual(new Map());
  });

  it('goes on without the signal when training fails, and trains again on the next message', async () => {
    const kb = await kbWith(ENTRIES.slice(0, 2));
    let broken = true;
    const flaky = { revision: 0, documents: () => kb.documents(), chunksOf: (id: string) => (broken ? [{ ...kb.chunksOf(id)[0]!, question: undefined as unknown as string }] : kb.chunksOf(id)) };
    const answers = new KnowledgeAnswers(flaky, glossary);
    expect(await answers.scores('cancel my order')).toEqual(new Map());
    broken = false;
    expect(best(await answers.scores('cancel my order'))).toBe('cancel');
  });
});
