import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CachedEmbeddings } from '../retrieval/embeddings/cached.js';
import { HashingEmbeddings } from '../retrieval/embeddings/hashing.js';
import { seededGaussian } from '../random.js';
import { IntentClassifier } from './classifier.js';
import type { FeatureVector } from './features.js';
import { Featurizer } from './features.js';
import { LinearModel } from './linear-model.js';

// Three well-separated Gaussian blobs in a dense space: any working softmax learns them.
function blobs(n: number, seed: number): Array<{ x: FeatureVector; labels: number[] }> {
  const g = seededGaussian(seed);
  const centers = [[3, 0, 0], [0, 3, 0], [0, 0, 3]];
  return Array.from({ length: n }, (_, i) => {
    const c = i % 3;
    return { x: { dense: Float32Array.from(centers[c]!, (v) => v + g()), idx: new Int32Array(), val: new Float32Array() }, labels: [c] };
  });
}

describe('LinearModel', () => {
  it('learns separable classes, deterministically, and survives a JSON round trip', () => {
    const train = blobs(300, 1);
    const test = blobs(90, 2);
    const opts = { loss: 'softmax' as const, epochs: 5, learningRate: 0.3 };
    const model = LinearModel.train(train, ['a', 'b', 'c'], { dense: 3, hash: 8 }, opts);
    const argmax = (p: Float64Array) => p.indexOf(Math.max(...p));
    const acc = test.filter((t) => argmax(model.probabilities(t.x)) === t.labels[0]).length / test.length;
    expect(acc).toBeGreaterThan(0.9);
    const again = LinearModel.train(train, ['a', 'b', 'c'], { dense: 3, hash: 8 }, opts);
    expect([...again.probabilities(test[0]!.x)]).toEqual([...model.probabilities(test[0]!.x)]);
    const copy = LinearModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect([...copy.probabilities(test[5]!.x)]).toEqual([...model.probabilities(test[5]!.x)]);
  });

  it('temperature calibration does not increase held-out log-loss', () => {
    const model = LinearModel.train(blobs(300, 3), ['a', 'b', 'c'], { dense: 3, hash: 8 }, { loss: 'softmax', epochs: 30, learningRate: 1 });
    const held = blobs(150, 4);
    const nll = () => -held.reduce((s, h) => s + Math.log(model.probabilities(h.x)[h.labels[0]!]!), 0);
    const before = nll();
    model.calibrate(held);
    expect(nll()).toBeLessThanOrEqual(before + 1e-9);
  });
});

describe('IntentClassifier', () => {
  it('learns intents from text with lexical features only, and flags out-of-scope messages', async () => {
    const featurizer = new Featurizer({ embedder: null, hashBits: 12 });
    const examples = [
      ...['where is my order', 'track my order', 'has my order shipped', 'order status please', 'when will my order arrive'].map((text) => ({ text, labels: ['order_status'] })),
      ...['i want a refund', 'refund my money', 'give me a refund please', 'how do i get a refund', 'refund for my purchase'].map((text) => ({ text, labels: ['refund'] })),
      ...Array.from({ length: 25 }, (_, i) => ({ text: ['tell me a joke', 'weather tomorrow', 'best pizza recipe', 'football scores', 'capital of france'][i % 5]! + ` ${i}`, labels: [] })),
    ];
    const classifier = await IntentClassifier.train(featurizer, examples, { epochs: 20, thresholds: { outOfScope: 0.3 } });
    expect(classifier.intents).toEqual(['order_status', 'refund']);
    expect((await classifier.predict('where is my order now')).top.name).toBe('order_status');
    expect((await classifier.predict('i would like a refund')).intents.map((i) => i.name)).toContain('refund');
    const oos = await classifier.predict('what is the weather like');
    expect(oos.outOfScope).toBe(true);
    expect(oos.intents).toEqual([]);
  });
});

describe('CachedEmbeddings', () => {
  it('embeds each text once and reads it back from disk in a new process', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'deskmate-embcache-'));
    try {
      let calls = 0;
      const inner = new (class extends HashingEmbeddings {
        override async embedDocuments(texts: string[]) {
          calls += texts.length;
          return super.embedDocuments(texts);
        }
      })(16);
      const first = await new CachedEmbeddings(inner, dir).embedDocuments(['a b', 'c d', 'a b']);
      expect(calls).toBe(2);
      const second = new CachedEmbeddings(inner, dir);
      expect(await second.embedDocuments(['c d', 'a b'])).toEqual([first[1], first[0]].map((v) => v!.map((x) => Math.fround(x))));
      expect(calls).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
