import { describe, expect, it } from 'vitest';
import type { Chunk, SearchHit } from '../retrieval/types.js';
import { CANDIDATES, candidatesFor } from './candidates.js';

const hit = (docId: string, kind: Chunk['kind'], i: number): SearchHit => ({
  chunk: { id: `${docId}#${i}`, docId, kind, title: docId, question: docId, text: '', headingPath: [], language: 'en', source: 's', position: i, metadata: {} },
  score: 1 / (i + 1),
});

describe('candidatesFor', () => {
  it('keeps the best passages of manuals that many matching FAQ entries crowd out, in search order', async () => {
    const ranked = [
      ...Array.from({ length: 20 }, (_, i) => hit(`faq-${i}`, 'faq', i)),
      hit('manual-a', 'manual', 20),
      hit('manual-a', 'manual', 21),
      hit('manual-b', 'manual', 22),
      hit('manual-c', 'manual', 23),
      hit('manual-d', 'manual', 24),
    ];
    const asked: number[] = [];
    const kb = { search: async (_q: string, o?: { k?: number }) => (asked.push(o?.k ?? 0), ranked.slice(0, o?.k)) };
    const out = await candidatesFor(kb, 'q');
    expect(asked).toEqual([50]);
    expect(out.slice(0, CANDIDATES)).toEqual(ranked.slice(0, CANDIDATES));
    expect(out.slice(CANDIDATES).map((h) => h.chunk.id)).toEqual(['manual-a#20', 'manual-b#22', 'manual-c#23']);
  });

  it('adds nothing when manuals are already among the best', async () => {
    const ranked = [hit('manual-a', 'manual', 0), hit('manual-b', 'manual', 1), hit('manual-c', 'manual', 2), ...Array.from({ length: 20 }, (_, i) => hit(`faq-${i}`, 'faq', i + 3)), hit('manual-d', 'manual', 30)];
    const out = await candidatesFor({ search: async () => ranked }, 'q');
    expect(out).toEqual(ranked.slice(0, CANDIDATES));
  });
});
