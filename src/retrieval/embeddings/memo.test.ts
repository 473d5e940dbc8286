import { describe, expect, it } from 'vitest';
import { HashingEmbeddings } from './hashing.js';
import { MemoEmbeddings } from './memo.js';

class Counting extends HashingEmbeddings {
  calls: string[][] = [];
  override async embedDocuments(texts: string[]) {
    this.calls.push(texts);
    return super.embedDocuments(texts);
  }
}

describe('MemoEmbeddings', () => {
  it('embeds a text once however many parts of the pipeline ask for it', async () => {
    const inner = new Counting();
    const memo = new MemoEmbeddings(inner);
    const a = await memo.embedQuery('where is my order');
    const [b, c] = await memo.embedDocuments(['where is my order', 'refund please']);
    expect(b).toEqual(a);
    expect(c).toEqual(await inner.embedQuery('refund please'));
    expect(inner.calls.slice(0, 2)).toEqual([['where is my order'], ['refund please']]);
    expect(memo.id).toBe(inner.id);
  });

  it('forgets the least recently used text beyond its capacity', async () => {
    const inner = new Counting();
    const memo = new MemoEmbeddings(inner, 2);
    await memo.embedDocuments(['a', 'b']);
    await memo.embedQuery('a');
    await memo.embedQuery('c'); // evicts b
    inner.calls = [];
    await memo.embedDocuments(['a', 'b']);
    expect(inner.calls).toEqual([['b']]);
  });
});

describe('MemoEmbeddings with a batch larger than its capacity', () => {
  it('still returns a vector for every text', async () => {
    const memo = new MemoEmbeddings(new HashingEmbeddings(), 2);
    const texts = ['a', 'b', 'c', 'd', 'a'];
    const vectors = await memo.embedDocuments(texts);
    expect(vectors).toHaveLength(5);
    expect(vectors[4]).toEqual(vectors[0]);
  });
});
