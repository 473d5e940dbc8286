import { describe, expect, it } from 'vitest';
import { AnswerGate } from './admission.js';
import { buildTestApp, TEST_KEYS } from './testing.js';

// Lets admitted runs start (the gate yields to the event loop once before each).
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};
const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('answer admission', () => {
  it('runs at most maxConcurrent at once and the waiting ones in arrival order', async () => {
    const gate = new AnswerGate({ maxConcurrent: 2, maxQueued: 10 });
    const started: number[] = [];
    const blockers = Array.from({ length: 5 }, deferred);
    const runs = blockers.map((b, i) =>
      gate.run(async () => {
        started.push(i);
        await b.promise;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([gate.active, gate.queued]).toEqual([2, 3]);
    blockers[1]!.resolve();
    await runs[1];
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const b of blockers) b.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses with 503, Retry-After and the error shape once the queue is full, and answers the admitted ones', async () => {
    const t = await buildTestApp({ answers: { maxConcurrent: 1, maxQueued: 2 } });
    try {
      const ask = (i: number) =>
        t.app.request('/v1/answer', {
          method: 'POST',
          headers: { authorization: `Bearer ${TEST_KEYS.channel}`, 'content-type': 'application/json' },
          body: JSON.stringify({ customer: { id: `c${i}` }, channel: 'web', message: 'When will I receive my refund?' }),
        });
      const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => ask(i)));
      const statuses = responses.map((r) => r.status);
      // One running and two waiting are admitted; the other three are turned away at once.
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 503)).toHaveLength(3);
      const refused = responses.find((r) => r.status === 503)!;
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.json()).toMatchObject({ error: { code: 'overloaded' } });
      const answered = (await responses.find((r) => r.status === 200)!.json()) as { citations: Array<{ docId: string }> };
      expect(answered.citations[0]?.docId).toBe('faq-refund');
      expect((await ask(9)).status).toBe(200); // the queue drained: admitted again
    } finally {
      await t.close();
    }
  });
});
