import pLimit from 'p-limit';
import { DeskmateError } from '../errors.js';

/**
 * Admission control for the answer pipeline. Answering is CPU-bound on one event loop: letting 64
 * requests interleave their steps makes every one slow and some starve past the client's timeout.
 * A few run at once; the rest wait in arrival order (first come, first answered). Past `maxQueued`
 * waiting, a request is refused at once with 503 and Retry-After rather than queued for minutes.
 */
export class AnswerGate {
  private readonly limit: ReturnType<typeof pLimit>;

  constructor(private readonly options: { maxConcurrent: number; maxQueued: number }) {
    this.limit = pLimit(options.maxConcurrent);
  }

  get active(): number {
    return this.limit.activeCount;
  }

  get queued(): number {
    return this.limit.pendingCount;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.limit.pendingCount >= this.options.maxQueued) {
      return Promise.reject(new DeskmateError('overloaded', `too many answers waiting (${this.limit.pendingCount}); retry shortly`, { retryAfterSeconds: 1 }));
    }
    return this.limit(async () => {
      // The pipeline's awaits (PGlite, the embedding model) settle as microtasks, so an admitted
      // answer would otherwise run to its end before the server reads another socket: requests
      // would be served in whatever order the sockets are polled, and some would starve. Yielding
      // once lets the waiting requests join the queue in the order they came.
      await new Promise((resolve) => setImmediate(resolve));
      return fn();
    });
  }
}
