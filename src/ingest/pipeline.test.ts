import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { HashingEmbeddings } from '../retrieval/embeddings/hashing.js';
import { KnowledgeBase } from '../retrieval/knowledge-base.js';
import { ingest, type IngestOptions } from './pipeline.js';
import { makePdf } from './testdata/make-pdf.js';

/** Counts what reaches the embedder: re-ingesting unchanged content must embed nothing. */
class CountingEmbeddings extends HashingEmbeddings {
  embedded = 0;
  override async embedDocuments(texts: string[]) {
    this.embedded += texts.length;
    return super.embedDocuments(texts);
  }
}

const hnsw = { m: 16, efConstruction: 100, efSearch: 50 };
let root: string;
let src: string;
let kbDir: string;
let embedder: CountingEmbeddings;
let options: IngestOptions;

const write = (name: string, content: string | Buffer) => writeFile(path.join(src, name), content);
const open = () => KnowledgeBase.open({ dir: kbDir, embedder, hnsw });

const faqs = [
  { id: 'faq-1', question: 'How long do refunds take?', answer: 'Refunds reach your card in 5–10 business days.', category: 'returns' },
  { id: 'faq-2', question: 'What does error E1042 mean?', answer: 'Pairing timed out. Move the device closer to the hub.', tags: 'errors;pairing' },
];
const manual = `---
id: manual-x
title: Hub manual
module: hub
---
# Hub manual

## Setup

Plug in the hub and open the app.

## Error codes

| Code | Meaning |
| --- | --- |
| E1001 | No Wi-Fi |
| E1042 | Pairing timed out |
`;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'deskmate-ingest-'));
  src = path.join(root, 'kb');
  kbDir = path.join(root, 'data');
  await mkdir(src);
  embedder = new CountingEmbeddings(32);
  options = { chunkSize: 1000, chunkOverlap: 150, maxFileBytes: 64 * 1024, cwd: root };
  await write('faq.json', JSON.stringify(faqs));
  await write('hub.md', manual);
  return () => rm(root, { recursive: true, force: true });
});

describe('ingest', () => {
  it('indexes FAQ entries under their given ids and manuals under their front-matter id', async () => {
    const kb = await open();
    const s = await ingest(kb, ['kb'], options);
    expect(s.errors).toEqual([]);
    expect(s.files).toEqual({ seen: 2, ingested: 2, failed: 0 });
    expect(s.documents).toEqual({ added: 3, updated: 0, unchanged: 0, removed: 0 });
    expect(kb.documents().map((d) => d.id).sort()).toEqual(['faq-1', 'faq-2', 'manual-x']);
    expect(kb.document('faq-2')!.metadata.tags).toEqual(['errors', 'pairing']);
    expect(kb.document('manual-x')!.source).toBe('kb/hub.md');
    expect(s.chunks.embedded).toBe(s.chunks.total);
  });

  it('re-ingesting unchanged sources embeds nothing and does not rewrite the index', async () => {
    await ingest(await open(), ['kb'], options);
    const before = embedder.embedded;
    const again = await ingest(await open(), ['kb'], options);
    expect(again.chunks.embedded).toBe(0);
    expect(embedder.embedded).toBe(before);
    expect(again.documents).toEqual({ added: 0, updated: 0, unchanged: 3, removed: 0 });
  });

  it('a changed document replaces its chunks; only the changed chunk is embedded', async () => {
    await ingest(await open(), ['kb'], options);
    await write('faq.json', JSON.stringify([faqs[0], { ...faqs[1], answer: 'Pairing timed out. Restart the hub and try again.' }]));
    const kb = await open();
    const s = await ingest(kb, ['kb'], options);
    expect(s.documents).toMatchObject({ updated: 1, unchanged: 2 });
    expect(s.chunks.embedded).toBe(1);
    expect(kb.chunksOf('faq-2').map((c) => c.text)).toEqual(['Pairing timed out. Restart the hub and try again.']);
    const reopened = await open();
    expect((await reopened.search('restart', { k: 1 }))[0]!.chunk.docId).toBe('faq-2');
    expect(reopened.stats().vectors).toBe(reopened.stats().chunks);
  });

  it("indexes each wording of an FAQ question that has alternates, and replaces or removes them with the entry", async () => {
    const alternates = ['when do I get my money back', 'refund still not on my card'];
    await write('faq.json', JSON.stringify([{ ...faqs[0], alternate_questions: alternates }, faqs[1]]));
    let kb = await open();
    await ingest(kb, ['kb'], options);
    // faq-1: its own vector and one per wording (question + 2 alternates); faq-2 and the manual: one each.
    const manualChunks = kb.chunksOf('manual-x').length;
    expect(kb.stats().vectors).toBe(1 + 3 + 1 + manualChunks);
    // The hashing embedder maps equal texts to equal vectors: an alternate's exact words find its entry.
    const [hit] = await kb.search('refund still not on my card', { k: 1, mode: 'dense' });
    expect(hit!.chunk.docId).toBe('faq-1');
    expect(hit!.questionSimilarity).toBeCloseTo(1, 5);
    // An alternate's words are searchable lexically too.
    expect((await kb.search('money', { k: 1, mode: 'lexical' }))[0]!.chunk.docId).toBe('faq-1');

    await write('faq.json', JSON.stringify([{ ...faqs[0], alternate_questions: [alternates[0]] }, faqs[1]]));
    kb = await open();
    const s = await ingest(kb, ['kb'], options);
    expect(s.documents).toMatchObject({ updated: 1 });
    expect(kb.stats().vectors).toBe(1 + 2 + 1 + manualChunks);
    expect((await kb.search('refund still not on my card', { k: 1, mode: 'dense' }))[0]!.questionSimilarity ?? 0).toBeLessThan(0.99);

    await write('faq.json', JSON.stringify([faqs[1]]));
    kb = await open();
    await ingest(kb, ['kb'], options);
    expect(kb.stats().vectors).toBe(1 + manualChunks);
  });

  describe("a manual's example questions (hub.questions.json beside hub.md)", () => {
    const questions = { Setup: ['how do I get the hub going the first time', '网关第一次怎么装'] };

    it('belong to their section: searchable, embedded, and replaced when the file changes', async () => {
      await write('hub.questions.json', JSON.stringify(questions));
      let kb = await open();
      const s = await ingest(kb, ['kb'], options);
      expect(s.errors).toEqual([]);
      // Read with the manual, not as a document of its own.
      expect(s.files.seen).toBe(2);
      const setup = kb.chunksOf('manual-x').find((c) => c.headingPath.at(-1) === 'Setup')!;
      const codes = kb.chunksOf('manual-x').find((c) => c.headingPath.at(-1) === 'Error codes')!;
      expect(setup.alternates).toEqual(questions.Setup);
      expect(codes.alternates).toBeUndefined();
      // Matched lexically (a long section is several chunks: no vectors of their own for them).
      expect((await kb.search('going the first time', { k: 1, mode: 'lexical' }))[0]!.chunk.id).toBe(setup.id);
      expect((await kb.search('网关第一次怎么装', { k: 1, mode: 'lexical' }))[0]!.chunk.id).toBe(setup.id);
      expect(kb.stats().vectors).toBe(2 + kb.chunksOf('manual-x').length);

      // Editing only the questions re-indexes the manual.
      await write('hub.questions.json', JSON.stringify({ Setup: ['where do I plug the hub in'] }));
      kb = await open();
      expect((await ingest(kb, ['kb'], options)).documents).toMatchObject({ updated: 1 });
      expect(kb.chunksOf('manual-x').find((c) => c.headingPath.at(-1) === 'Setup')!.alternates).toEqual(['where do I plug the hub in']);
    });

    it('an unknown heading, a broken file or a file with no manual is reported by name; the manual is still ingested', async () => {
      await write('hub.questions.json', JSON.stringify({ ...questions, Pairing: ['how do I pair a bulb'] }));
      await write('lost.questions.json', JSON.stringify(questions));
      let kb = await open();
      let s = await ingest(kb, ['kb'], options);
      expect(s.errors).toEqual([
        { file: 'kb/lost.questions.json', reason: expect.stringContaining('no manual of the same name') },
        { file: 'kb/hub.questions.json', reason: expect.stringContaining('no section "Pairing" in kb/hub.md') },
      ]);
      expect(kb.chunksOf('manual-x').some((c) => c.alternates?.length)).toBe(true);

      await write('hub.questions.json', '{"Setup": "not a list"}');
      kb = await open();
      s = await ingest(kb, ['kb'], options);
      expect(s.errors).toContainEqual({ file: 'kb/hub.questions.json', reason: expect.stringContaining('ingested without its example questions') });
      expect(kb.chunksOf('manual-x').length).toBeGreaterThan(0);
      expect(kb.chunksOf('manual-x').some((c) => c.alternates?.length)).toBe(false);
    });
  });

  it('entries with many wordings do not crowd every other passage out of vector search', async () => {
    // 20 entries whose 8 wordings each are all nearer the query than any other passage: 180
    // vectors for 20 chunks, more than the 100 first looked at hold.
    const many = Array.from({ length: 20 }, (_, n) => ({ id: `faq-r${n}`, question: `refund still not on my card, case q${n}x`, answer: 'Refunds take 5–10 business days.', alternate_questions: Array.from({ length: 8 }, (_, i) => `refund still not on my card, ref w${n}x${i}y`) }));
    await write('faq.json', JSON.stringify([...many, faqs[1]]));
    const kb = await open();
    await ingest(kb, ['kb'], options);
    const hits = await kb.search('refund still not on my card', { k: 22, mode: 'dense' });
    expect(new Set(hits.map((h) => h.chunk.id)).size).toBe(22);
  });

  it('an entry removed from a re-read FAQ file is removed from the knowledge base', async () => {
    await ingest(await open(), ['kb'], options);
    await write('faq.json', JSON.stringify([faqs[0]]));
    const kb = await open();
    const s = await ingest(kb, ['kb'], options);
    expect(s.documents.removed).toBe(1);
    expect(kb.document('faq-2')).toBeUndefined();
    expect((await kb.search('E1042 pairing')).map((h) => h.chunk.docId)).not.toContain('faq-2');
  });

  it('--prune removes documents whose source file is gone; without it they stay', async () => {
    await ingest(await open(), ['kb'], options);
    await rm(path.join(src, 'hub.md'));
    const kept = await ingest(await open(), ['kb'], options);
    expect(kept.documents.removed).toBe(0);
    const kb = await open();
    const pruned = await ingest(kb, ['kb'], { ...options, prune: true });
    expect(pruned.documents.removed).toBe(1);
    expect(kb.document('manual-x')).toBeUndefined();
    expect(kb.stats().chunks).toBe(2);
  });

  it('reports invalid FAQ rows by file and row and ingests the valid ones', async () => {
    await write('more.csv', 'id,question,answer\nfaq-3,Do you ship to Canada?,Yes within 7 days.\nfaq-4,,Missing question\n');
    const kb = await open();
    const s = await ingest(kb, ['kb/more.csv'], options);
    expect(kb.document('faq-3')).toBeDefined();
    expect(s.errors).toEqual([{ file: 'kb/more.csv', reason: expect.stringMatching(/^line 3: question/) }]);
  });

  it('a duplicate document id in a second file is reported and skipped', async () => {
    await write('dup.jsonl', JSON.stringify({ id: 'faq-1', question: 'Another question', answer: 'Another answer' }));
    const kb = await open();
    const s = await ingest(kb, ['kb'], options);
    expect(s.errors).toEqual([{ file: 'kb/faq.json', reason: expect.stringContaining('duplicate document id "faq-1"') }]);
    expect(kb.chunksOf('faq-1')).toHaveLength(1);
  });

  describe('bad files are reported by name and everything else is still ingested', () => {
    const cases: Array<[string, string, () => Promise<string | Buffer>, RegExp]> = [
      ['corrupt PDF', 'broken.pdf', async () => (await makePdf(['1 Overview', 'Text.'])).subarray(0, 300), /corrupt|unreadable|no extractable/i],
      ['file that is not a PDF at all', 'fake.pdf', async () => 'hello, I am text', /not a PDF/],
      ['binary file', 'image.md', async () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), /binary/],
      ['empty file', 'empty.txt', async () => '', /empty/],
      ['whitespace-only file', 'blank.md', async () => '  \n\n  ', /empty/],
      ['non-UTF-8 text', 'latin1.txt', async () => Buffer.from('Caf\xe9 cr\xe8me: r\xe9glages', 'latin1'), /UTF-8/],
      ['oversized file', 'huge.md', async () => `# Big\n\n${'word '.repeat(20_000)}`, /too large/],
      ['unsupported type', 'notes.docx', async () => 'PK\u0003\u0004', /unsupported file type/],
      ['invalid JSON', 'faq-broken.json', async () => '[{"question": "x", ', /invalid JSON/],
      ['CSV without the needed columns', 'faq.csv', async () => 'title,body\na,b\n', /"question" and "answer"/],
    ];
    it.each(cases)('%s', async (_label, name, content, reason) => {
      await write(name, await content());
      const kb = await open();
      const s = await ingest(kb, ['kb'], options);
      expect(s.errors).toEqual([{ file: `kb/${name}`, reason: expect.stringMatching(reason) }]);
      expect(s.files).toEqual({ seen: 3, ingested: 2, failed: 1 });
      expect(kb.documents().map((d) => d.id).sort()).toEqual(['faq-1', 'faq-2', 'manual-x']);
      // A broken re-export of a file leaves its previously ingested documents alone.
      await write('hub.md', Buffer.from([0xff, 0xfe, 0x00, 0x41]));
      const s2 = await ingest(kb, ['kb'], options);
      expect(s2.errors.map((e) => e.file)).toContain('kb/hub.md');
      expect(kb.document('manual-x')).toBeDefined();
    });
  });

  it('a path that does not exist is reported', async () => {
    const s = await ingest(await open(), ['kb/missing.md'], options);
    expect(s.errors).toEqual([{ file: 'kb/missing.md', reason: 'no such file or folder' }]);
  });

  it('ingests PDFs with headings and error-code tables', async () => {
    await write('plug.pdf', await makePdf(['1 Overview', 'The plug reports energy use.', '2 Troubleshooting', 'Code | Meaning', 'E4001 | Overload protection tripped'], { Subject: 'manual-plug', Title: 'Plug manual' }));
    const kb = await open();
    const s = await ingest(kb, ['kb/plug.pdf'], options);
    expect(s.errors).toEqual([]);
    const chunks = kb.chunksOf('manual-plug');
    expect(chunks.map((c) => c.headingPath)).toEqual([['1 Overview'], ['2 Troubleshooting']]);
    expect(chunks[1]!.text).toBe('Code | Meaning\nE4001 | Overload protection tripped');
    expect((await kb.search('E4001'))[0]!.chunk.docId).toBe('manual-plug');
  });
});
