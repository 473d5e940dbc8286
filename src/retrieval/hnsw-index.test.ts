import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IndexMismatchError } from '../errors.js';
import { seededRandom } from '../random.js';
import { HnswVectorIndex, type HnswOptions } from './hnsw-index.js';

const DIMS = 8;
const OPTIONS: HnswOptions = { m: 16, efConstruction: 100, efSearch: 50 };
const IDENTITY = { embedderId: 'test:model@embeddings.test', dimensions: DIMS };

function randomVectors(n: number, dims: number, seed: number): number[][] {
  const next = seededRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: dims }, () => next() * 2 - 1));
}

/** Unit vector along axis i. */
function axis(i: number, dims = DIMS): number[] {
  return Array.from({ length: dims }, (_, j) => (j === i ? 1 : 0));
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

function axesIndex(): HnswVectorIndex {
  const index = HnswVectorIndex.create(IDENTITY, OPTIONS);
  index.upsert(Array.from({ length: DIMS }, (_, i) => ({ id: `axis-${i}`, vector: axis(i) })));
  return index;
}

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'deskmate-hnsw-'));
  tempDirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('HnswVectorIndex', () => {
  it('returns the nearest vectors by cosine with their similarity as score', () => {
    const index = axesIndex();
    // closest to axis 2, then axis 5; magnitude must not matter for cosine
    const query = [0, 0, 10, 0, 0, 4, 0, 0];
    const hits = index.search(query, 3);
    expect(hits.map((h) => h.id).slice(0, 2)).toEqual(['axis-2', 'axis-5']);
    expect(hits[0]!.score).toBeCloseTo(cosine(query, axis(2)), 5);
    expect(hits[1]!.score).toBeCloseTo(cosine(query, axis(5)), 5);
    expect(hits[2]!.score).toBeCloseTo(0, 5);
  });

  it('scores an identical vector ~1 and an opposite one ~-1', () => {
    const index = HnswVectorIndex.create(IDENTITY, OPTIONS);
    const v = [1, 2, 3, 4, 5, 6, 7, 8];
    index.upsert([
      { id: 'same', vector: v },
      { id: 'opposite', vector: v.map((x) => -x) },
    ]);
    const hits = index.search(v, 2);
    expect(hits.map((h) => h.id)).toEqual(['same', 'opposite']);
    expect(hits[0]!.score).toBeCloseTo(1, 5);
    expect(hits[1]!.score).toBeCloseTo(-1, 5);
  });

  it('returns at most size results, and none when empty', () => {
    const empty = HnswVectorIndex.create(IDENTITY, OPTIONS);
    expect(empty.search(axis(0), 5)).toEqual([]);
    const index = axesIndex();
    expect(index.search(axis(0), 100)).toHaveLength(DIMS);
    expect(index.size).toBe(DIMS);
  });

  it('replaces the vector of an id upserted again', () => {
    const index = axesIndex();
    index.upsert([{ id: 'axis-0', vector: axis(7) }]);
    expect(index.size).toBe(DIMS);
    const nearAxis7 = index.search(axis(7), 2);
    expect(nearAxis7.map((h) => h.id).sort()).toEqual(['axis-0', 'axis-7']);
    expect(nearAxis7.every((h) => h.score > 0.999)).toBe(true);
    // the old position is gone
    const nearAxis0 = index.search(axis(0), 1);
    expect(nearAxis0[0]!.score).toBeLessThan(0.5);
  });

  it('removes deleted ids from results and from has()', () => {
    const index = axesIndex();
    index.delete(['axis-3', 'never-added']);
    expect(index.has('axis-3')).toBe(false);
    expect(index.has('axis-4')).toBe(true);
    expect(index.size).toBe(DIMS - 1);
    const hits = index.search(axis(3), DIMS);
    expect(hits).toHaveLength(DIMS - 1);
    expect(hits.map((h) => h.id)).not.toContain('axis-3');
  });

  it('can re-add a deleted id', () => {
    const index = axesIndex();
    index.delete(['axis-3']);
    index.upsert([{ id: 'axis-3', vector: axis(3) }]);
    expect(index.has('axis-3')).toBe(true);
    expect(index.search(axis(3), 1)[0]).toMatchObject({ id: 'axis-3' });
  });

  it('reuses deleted slots and grows past its capacity when full', () => {
    const index = HnswVectorIndex.create(IDENTITY, OPTIONS, 4);
    index.upsert([0, 1, 2, 3].map((i) => ({ id: `v${i}`, vector: axis(i) })));
    index.delete(['v0']);
    index.upsert([{ id: 'v4', vector: axis(4) }]); // fits in the freed slot
    index.upsert([5, 6, 7].map((i) => ({ id: `v${i}`, vector: axis(i) }))); // needs a resize
    expect(index.size).toBe(7);
    for (const i of [1, 2, 3, 4, 5, 6, 7]) {
      expect(index.search(axis(i), 1)[0], `v${i}`).toMatchObject({ id: `v${i}` });
    }
    expect(index.search(axis(0), 7).map((h) => h.id)).not.toContain('v0');
  });

  it('grows beyond the default capacity of 1024', () => {
    const index = HnswVectorIndex.create(IDENTITY, OPTIONS);
    const vectors = randomVectors(1500, DIMS, 42);
    index.upsert(vectors.map((vector, i) => ({ id: `doc-${i}`, vector })));
    expect(index.size).toBe(1500);
    expect(index.has('doc-1499')).toBe(true);
    for (const i of [0, 1023, 1024, 1499]) {
      const [top] = index.search(vectors[i]!, 1);
      expect(top, `doc-${i}`).toMatchObject({ id: `doc-${i}` });
      expect(top!.score).toBeCloseTo(1, 4);
    }
  });

  it('restricts results to ids passing the filter', () => {
    const index = axesIndex();
    const allowed = new Set(['axis-1', 'axis-6']);
    const hits = index.search(axis(0), 5, (id) => allowed.has(id));
    expect(hits.map((h) => h.id).sort()).toEqual(['axis-1', 'axis-6']);
    expect(index.search(axis(0), 5, () => false)).toEqual([]);
  });

  it('filters out the nearest neighbour when asked to', () => {
    const index = axesIndex();
    const hits = index.search([1, 0.5, 0, 0, 0, 0, 0, 0], 1, (id) => id !== 'axis-0');
    expect(hits).toEqual([{ id: 'axis-1', score: expect.closeTo(cosine([1, 0.5, 0, 0, 0, 0, 0, 0], axis(1)), 5) }]);
  });

  it('rejects a vector of the wrong dimensions', () => {
    const index = axesIndex();
    expect(() => index.upsert([{ id: 'short', vector: [1, 2, 3] }])).toThrow(IndexMismatchError);
    expect(index.has('short')).toBe(false);
  });

  describe('save and load', () => {
    it('loads an index that answers exactly as the saved one', async () => {
      const index = HnswVectorIndex.create(IDENTITY, OPTIONS);
      const vectors = randomVectors(200, DIMS, 7);
      index.upsert(vectors.map((vector, i) => ({ id: `doc-${i}`, vector })));
      index.delete(['doc-5']);
      const dir = await tempDir();
      const files = await index.save(dir);
      expect(files.map((f) => path.dirname(f))).toEqual([dir, dir]);

      const loaded = await HnswVectorIndex.load(dir, IDENTITY, OPTIONS);
      expect(loaded.size).toBe(199);
      expect(loaded.dimensions).toBe(DIMS);
      expect(loaded.has('doc-5')).toBe(false);
      expect(loaded.has('doc-6')).toBe(true);
      for (const q of randomVectors(5, DIMS, 99)) {
        expect(loaded.search(q, 10)).toEqual(index.search(q, 10));
      }
      expect(loaded.search(vectors[5]!, 199).map((h) => h.id)).not.toContain('doc-5');
    });

    it('keeps working after load: upserts take new labels, not existing ones', async () => {
      const index = axesIndex();
      index.delete(['axis-0']);
      const dir = await tempDir();
      await index.save(dir);
      const loaded = await HnswVectorIndex.load(dir, IDENTITY, OPTIONS);
      loaded.upsert([
        { id: 'new', vector: [1, 1, 0, 0, 0, 0, 0, 0] },
        { id: 'axis-1', vector: axis(0) },
      ]);
      expect(loaded.size).toBe(DIMS);
      expect(loaded.search(axis(0), 1)[0]).toMatchObject({ id: 'axis-1' });
      // the new point did not overwrite an existing one
      expect(loaded.search(axis(2), 1)[0]).toMatchObject({ id: 'axis-2', score: expect.closeTo(1, 5) });
      expect(loaded.search([1, 1, 0, 0, 0, 0, 0, 0], 1)[0]).toMatchObject({ id: 'new', score: expect.closeTo(1, 5) });
    });

    it('refuses an index built by another embedder, telling the user to re-ingest', async () => {
      const dir = await tempDir();
      await axesIndex().save(dir);
      const err = await HnswVectorIndex.load(dir, { embedderId: 'openai:other-model@api.openai.com', dimensions: DIMS }, OPTIONS).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(IndexMismatchError);
      expect((err as IndexMismatchError).code).toBe('index_mismatch');
      expect((err as Error).message).toContain('deskmate ingest --rebuild');
      expect((err as Error).message).toContain(IDENTITY.embedderId);
      expect((err as Error).message).toContain('openai:other-model@api.openai.com');
    });

    it('refuses an index of other dimensions', async () => {
      const dir = await tempDir();
      await axesIndex().save(dir);
      await expect(HnswVectorIndex.load(dir, { ...IDENTITY, dimensions: 16 }, OPTIONS)).rejects.toThrow(
        expect.objectContaining({ name: 'IndexMismatchError', message: expect.stringContaining('deskmate ingest --rebuild') }),
      );
    });
  });
});
