import { describe, expect, it } from 'vitest';
import { chunkSource, slug, type ChunkingOptions } from './chunker.js';
import type { Block, FaqEntry, FaqSource, ManualSource } from './types.js';

const opts: ChunkingOptions = { chunkSize: 1000, chunkOverlap: 150 };
const faqSource = (...entries: FaqEntry[]): FaqSource => ({ kind: 'faq', entries, invalid: [] });
const manual = (blocks: Block[], extra: Partial<ManualSource> = {}): ManualSource => ({ kind: 'manual', metadata: {}, blocks, ...extra });
const h = (level: number, text: string): Block => ({ type: 'heading', level, text });
const t = (text: string): Block => ({ type: 'text', text });

/** Chunks of a manual (exactly one document). */
function chunksOf(source: ManualSource, options: ChunkingOptions = opts, file = 'kb/hub.md') {
  const docs = chunkSource(source, file, 'markdown', options);
  expect(docs).toHaveLength(1);
  return docs[0]!;
}

/** Number of leading lines of `next` that repeat the trailing lines of `prev`. */
function overlapLines(prev: string[], next: string[]): number {
  for (let k = Math.min(prev.length, next.length); k > 0; k--) {
    if (next.slice(0, k).join('\n') === prev.slice(-k).join('\n')) return k;
  }
  return 0;
}

/** The section's units in order, with the repeated overlap removed. */
function withoutOverlap(texts: string[]): string[] {
  const out: string[] = [];
  let prev: string[] = [];
  for (const text of texts) {
    const lines = text.split('\n');
    out.push(...lines.slice(overlapLines(prev, lines)));
    prev = lines;
  }
  return out;
}

describe('chunkSource: FAQ', () => {
  const entries: FaqEntry[] = [
    { id: 'refund-time', question: 'How long do refunds take?', answer: 'Five to ten business days.', module: 'billing', fault_type: 'refund', category: 'returns', tags: ['refund', 'card'], url: 'https://help.example.com/refunds' },
    { id: 'e1042', question: 'What does error E1042 mean?', answer: 'Pairing timed out.' },
  ];

  it('makes one document with one chunk per entry, keeping the given id and metadata', () => {
    const docs = chunkSource(faqSource(...entries), 'kb/faq.csv', 'faq', opts);
    expect(docs.map((d) => d.doc.id)).toEqual(['refund-time', 'e1042']);
    const [refund] = docs;
    expect(refund!.chunks).toHaveLength(1);
    const chunk = refund!.chunks[0]!;
    expect(chunk).toMatchObject({
      docId: 'refund-time',
      kind: 'faq',
      title: 'How long do refunds take?',
      question: 'How long do refunds take?',
      text: 'Five to ten business days.',
      headingPath: [],
      language: 'en',
      source: 'kb/faq.csv',
      position: 0,
    });
    expect(chunk.id.startsWith('refund-time#')).toBe(true);
    const metadata = { module: 'billing', fault_type: 'refund', category: 'returns', tags: ['refund', 'card'], url: 'https://help.example.com/refunds' };
    expect(chunk.metadata).toEqual(metadata);
    expect(refund!.doc).toMatchObject({ kind: 'faq', format: 'faq', source: 'kb/faq.csv', language: 'en', metadata, chunkIds: [chunk.id] });
  });

  it('without an id, derives a stable id from the question (case-insensitive), not the answer', () => {
    const q = { question: 'How do I reset the hub?', answer: 'Hold the button for 10 seconds.' };
    const [a] = chunkSource(faqSource(q), 'kb/a.csv', 'faq', opts);
    const [again] = chunkSource(faqSource({ ...q }), 'kb/a.csv', 'faq', opts);
    const [upper] = chunkSource(faqSource({ ...q, question: 'HOW DO I RESET THE HUB?' }), 'kb/a.csv', 'faq', opts);
    const [edited] = chunkSource(faqSource({ ...q, answer: 'Hold the button for 15 seconds.' }), 'kb/a.csv', 'faq', opts);
    const [other] = chunkSource(faqSource({ ...q, question: 'How do I reset the plug?' }), 'kb/a.csv', 'faq', opts);

    expect(a!.doc.id).toMatch(/^faq-[0-9a-f]{12}$/);
    expect(again!.doc.id).toBe(a!.doc.id);
    expect(again!.chunks[0]!.id).toBe(a!.chunks[0]!.id);
    expect(again!.doc.contentHash).toBe(a!.doc.contentHash);
    expect(upper!.doc.id).toBe(a!.doc.id);
    expect(other!.doc.id).not.toBe(a!.doc.id);

    // An edited answer updates the same document, but its passage must be replaced.
    expect(edited!.doc.id).toBe(a!.doc.id);
    expect(edited!.chunks[0]!.id).not.toBe(a!.chunks[0]!.id);
    expect(edited!.doc.contentHash).not.toBe(a!.doc.contentHash);
  });

  it('takes the primary language subtag when given, and detects it otherwise', () => {
    const docs = chunkSource(
      faqSource(
        { question: 'Where is my order?', answer: 'Check the app.', language: 'zh-CN' },
        { question: '集线器连不上网怎么办？', answer: '请重启路由器。' },
        { question: 'Why is the light red?', answer: 'The battery is low.' },
      ),
      'kb/faq.json',
      'faq',
      opts,
    );
    expect(docs.map((d) => d.doc.language)).toEqual(['zh', 'zh', 'en']);
    expect(docs.map((d) => d.chunks[0]!.language)).toEqual(['zh', 'zh', 'en']);
  });
});

describe('chunkSource: manual structure', () => {
  const blocks: Block[] = [
    h(1, 'Hub manual'),
    t('Welcome.'),
    h(2, 'Setup'),
    t('Plug in the hub.'),
    h(3, 'Wi-Fi'),
    t('Join your network.'),
    h(3, 'Bluetooth'),
    t('Turn on Bluetooth.'),
    h(2, 'Errors'),
    t('Codes follow.'),
  ];

  it('carries the heading path, without the document title, and resets it at sibling headings', () => {
    const { doc, chunks } = chunksOf(manual(blocks, { id: 'hub', title: 'Hub manual', metadata: { module: 'hub' } }));
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([
      [[], 'Welcome.'],
      [['Setup'], 'Plug in the hub.'],
      [['Setup', 'Wi-Fi'], 'Join your network.'],
      [['Setup', 'Bluetooth'], 'Turn on Bluetooth.'],
      [['Errors'], 'Codes follow.'],
    ]);
    expect(chunks.map((c) => c.question)).toEqual(['', 'Setup', 'Setup > Wi-Fi', 'Setup > Bluetooth', 'Errors']);
    expect(chunks.map((c) => c.position)).toEqual([0, 1, 2, 3, 4]);
    expect(chunks.every((c) => c.docId === 'hub' && c.kind === 'manual' && c.title === 'Hub manual' && c.metadata.module === 'hub')).toBe(true);
    expect(doc.chunkIds).toEqual(chunks.map((c) => c.id));
    expect(new Set(doc.chunkIds).size).toBe(chunks.length);
  });

  it('keeps a top heading that is not the document title in the path', () => {
    const { chunks } = chunksOf(manual(blocks, { title: 'Something else' }));
    expect(chunks[1]!.headingPath).toEqual(['Hub manual', 'Setup']);
    expect(chunks[0]!.headingPath).toEqual(['Hub manual']);
  });

  it('without an id, names the document slug(basename) and titles it with the file name', () => {
    const { doc, chunks } = chunksOf(manual([t('Some text.')]), opts, 'kb/Hub Manual (v2).md');
    expect(doc.id).toBe('hub-manual-v2');
    expect(doc.title).toBe('Hub Manual (v2).md');
    expect(chunks[0]!.id.startsWith('hub-manual-v2#')).toBe(true);
  });

  it('gives the same passage twice in one manual distinct chunk ids', () => {
    const { chunks } = chunksOf(manual([h(2, 'Note'), t('Unplug first.'), h(2, 'Note'), t('Unplug first.')], { id: 'dup' }));
    expect(chunks).toHaveLength(2);
    expect(chunks[0]!.id).not.toBe(chunks[1]!.id);
  });

  it('makes no document from a manual with headings only', () => {
    expect(chunkSource(manual([h(1, 'Empty')]), 'kb/e.md', 'markdown', opts)).toEqual([]);
  });
});

describe('chunkSource: long sections', () => {
  // Numbered, so every sentence is unique and order can be checked.
  const sentences = Array.from({ length: 30 }, (_, i) => `Sentence number ${String(i).padStart(2, '0')} explains one step of the hub setup.`);
  const longest = Math.max(...sentences.map((s) => s.length));
  const source = manual([h(2, 'Setup'), t(sentences.join(' '))], { id: 'hub' });

  it('splits by size at sentence ends, overlapping by whole trailing sentences within chunkOverlap', () => {
    const options = { chunkSize: 300, chunkOverlap: 80 };
    const { chunks } = chunksOf(source, options);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.headingPath.join('/') === 'Setup')).toBe(true);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(options.chunkSize + longest);
      for (const line of c.text.split('\n')) expect(sentences).toContain(line);
    }
    for (let i = 1; i < chunks.length; i++) {
      const prev = chunks[i - 1]!.text.split('\n');
      const next = chunks[i]!.text.split('\n');
      const k = overlapLines(prev, next);
      expect(k).toBeGreaterThanOrEqual(1);
      expect(next.slice(0, k).join('').length).toBeLessThanOrEqual(options.chunkOverlap);
    }
    // Nothing lost, nothing repeated beyond the overlap.
    expect(withoutOverlap(chunks.map((c) => c.text))).toEqual(sentences);
  });

  it('does not repeat anything when chunkOverlap is 0', () => {
    const { chunks } = chunksOf(source, { chunkSize: 300, chunkOverlap: 0 });
    const lines = chunks.flatMap((c) => c.text.split('\n'));
    expect(lines).toEqual(sentences);
  });

  it('splits long Chinese text at 。！？ boundaries', () => {
    const ends = ['。', '！', '？'];
    const zh = Array.from({ length: 40 }, (_, i) => `第${i}步请按住集线器上的按钮并等待指示灯闪烁${ends[i % 3]}`);
    const { doc, chunks } = chunksOf(manual([t(zh.join(''))]), { chunkSize: 200, chunkOverlap: 40 }, 'kb/用户手册.txt');
    expect(doc.language).toBe('zh');
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) for (const line of c.text.split('\n')) expect(zh).toContain(line);
    expect(withoutOverlap(chunks.map((c) => c.text))).toEqual(zh);
  });
});

describe('chunkSource: tables', () => {
  const header = 'Code | Meaning | Fix';
  const rows = Array.from({ length: 60 }, (_, i) => `E${1000 + i} | Error ${i} happened | Restart the hub and retry step ${i}`);

  it('splits a long table only between rows, repeating the header, losing and duplicating nothing', () => {
    const { chunks } = chunksOf(
      manual([h(2, 'Error codes'), t('The table lists every code.'), { type: 'table', header, rows }, t('Call support if unsure.')], { id: 'hub' }),
    );
    const rowSet = new Set(rows);
    const tableChunks = chunks.filter((c) => c.text.split('\n').some((l) => rowSet.has(l)));
    expect(tableChunks.length).toBeGreaterThan(1);
    for (const c of tableChunks) {
      const [first, ...rest] = c.text.split('\n');
      expect(first).toBe(header);
      for (const line of rest) expect(rowSet.has(line)).toBe(true);
    }
    expect(tableChunks.flatMap((c) => c.text.split('\n').slice(1))).toEqual(rows);
    // Prose stays out of the row chunks.
    const prose = chunks.filter((c) => !tableChunks.includes(c)).map((c) => c.text);
    expect(prose).toEqual(['The table lists every code.', 'Call support if unsure.']);
  });

  it('keeps two tables of one section apart, each chunk with its own header', () => {
    const other = 'Light | State';
    const lights = ['Red | Offline', 'Green | Online'];
    const { chunks } = chunksOf(manual([h(2, 'Codes'), { type: 'table', header, rows: rows.slice(0, 2) }, { type: 'table', header: other, rows: lights }], { id: 'hub' }));
    expect(chunks.map((c) => c.text)).toEqual([[header, ...rows.slice(0, 2)].join('\n'), [other, ...lights].join('\n')]);
  });
});

describe('chunkSource: stable ids', () => {
  const build = (errorsText: string) =>
    manual([h(1, 'Hub'), h(2, 'Setup'), t('Plug in the hub.'), h(2, 'Errors'), t(errorsText), h(2, 'Warranty'), t('Two years.')], { id: 'hub', title: 'Hub' });

  it('gives identical ids and content hash for the same source', () => {
    const a = chunksOf(build('E1 means offline.'));
    const b = chunksOf(build('E1 means offline.'));
    expect(b.chunks.map((c) => c.id)).toEqual(a.chunks.map((c) => c.id));
    expect(b.doc.contentHash).toBe(a.doc.contentHash);
  });

  it('changes only the edited section’s chunk ids', () => {
    const a = chunksOf(build('E1 means offline.'));
    const b = chunksOf(build('E1 means the hub is offline.'));
    const ids = (d: typeof a) => d.chunks.map((c) => c.id);
    expect(ids(b)[0]).toBe(ids(a)[0]);
    expect(ids(b)[1]).not.toBe(ids(a)[1]);
    expect(ids(b)[2]).toBe(ids(a)[2]);
    expect(b.doc.contentHash).not.toBe(a.doc.contentHash);
  });
});

describe('slug', () => {
  it('lowercases and joins words with single hyphens', () => {
    expect(slug('Hub Manual')).toBe('hub-manual');
    expect(slug('  Error codes: E1042!! ')).toBe('error-codes-e1042');
    expect(slug('A__B--c (v2)')).toBe('a-b-c-v2');
  });

  it('keeps Chinese characters', () => {
    expect(slug('用户手册 V2')).toBe('用户手册-v2');
  });

  it('falls back to "document" and caps the length', () => {
    expect(slug('!!!')).toBe('document');
    expect(slug('a'.repeat(100))).toBe('a'.repeat(80));
    expect(slug(`${'a'.repeat(79)} b`)).toBe('a'.repeat(79)); // no trailing hyphen after the cut
  });

  it('folds accents instead of splitting words at them', () => {
    expect(slug('Café Crème')).toBe('cafe-creme');
  });
});

describe('chunk size bounds', () => {
  it('no chunk exceeds chunkSize, even with a long heading path and overlap carried over', async () => {
    const { chunkSource } = await import('./chunker.js');
    const blocks = [
      { type: 'heading' as const, level: 1, text: 'A rather long heading that takes up a good part of a small chunk budget' },
      { type: 'text' as const, text: `${'A'.repeat(99)}.` },
      { type: 'text' as const, text: `${'B'.repeat(949)}.` },
      ...Array.from({ length: 10 }, (_, i) => ({ type: 'text' as const, text: `Sentence number ${i} is short.` })),
    ];
    for (const opts of [{ chunkSize: 1000, chunkOverlap: 150 }, { chunkSize: 100, chunkOverlap: 0 }, { chunkSize: 200, chunkOverlap: 60 }]) {
      const [doc] = chunkSource({ kind: 'manual', id: 'm', title: 'T', metadata: {}, blocks }, 'm.md', 'markdown', opts);
      for (const c of doc!.chunks) expect(c.text.length, JSON.stringify(opts)).toBeLessThanOrEqual(opts.chunkSize);
    }
  });
});
