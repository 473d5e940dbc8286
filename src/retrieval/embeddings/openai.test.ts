import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OpenAIEmbeddingsSettings } from '../../config.js';
import { EmbeddingError } from '../../errors.js';
import { OpenAICompatibleEmbeddings } from './openai.js';

const BASE_URL = 'http://embeddings.test/v1';
const MODEL = 'text-embedding-3-small';
const API_KEY = 'sk-test-0123456789abcdef';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function settings(overrides: Partial<OpenAIEmbeddingsSettings> = {}): OpenAIEmbeddingsSettings {
  return {
    baseUrl: BASE_URL,
    model: MODEL,
    apiKey: API_KEY,
    languages: ['*'],
    batchSize: 64,
    timeoutMs: 5_000,
    maxRetries: 2,
    ...overrides,
  };
}

/** A distinct, exactly representable vector per input text. */
function fakeVector(text: string, dims = 4): number[] {
  return Array.from({ length: dims }, (_, i) => (text.charCodeAt(i % text.length) + i) / 8);
}

/** Shaped like a recorded api.openai.com /v1/embeddings response (float encoding). */
function embeddingsBody(vectors: unknown[], model = MODEL) {
  return {
    object: 'list',
    data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    model,
    usage: { prompt_tokens: 8 * vectors.length, total_tokens: 8 * vectors.length },
  };
}

const RATE_LIMIT_BODY = {
  error: {
    message:
      'Rate limit reached for text-embedding-3-small in organization org-test on requests per min (RPM): Limit 3000, Used 3000, Requested 1. Visit https://platform.openai.com/account/rate-limits to learn more.',
    type: 'requests',
    param: null,
    code: 'rate_limit_exceeded',
  },
};
const SERVER_ERROR_BODY = {
  error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null },
};
const BAD_KEY_BODY = {
  error: {
    message: 'Incorrect API key provided: sk-test-***cdef. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  },
};

interface SeenRequest {
  body: { model: string; input: string | string[]; dimensions?: number; encoding_format?: string };
  authorization: string | null;
}

type Reply = (body: SeenRequest['body'], attempt: number) => Response | Promise<Response>;

/** Mocks POST <baseUrl>/embeddings; by default embeds each input with fakeVector. */
function mockEmbeddings(reply?: Reply, baseUrl = BASE_URL): SeenRequest[] {
  const seen: SeenRequest[] = [];
  server.use(
    http.post(`${baseUrl}/embeddings`, async ({ request }) => {
      const body = (await request.json()) as SeenRequest['body'];
      seen.push({ body, authorization: request.headers.get('authorization') });
      if (reply) return reply(body, seen.length);
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      return HttpResponse.json(embeddingsBody(inputs.map((t) => fakeVector(t, body.dimensions ?? 4))));
    }),
  );
  return seen;
}

async function rejection(promise: Promise<unknown>): Promise<EmbeddingError> {
  const err = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EmbeddingError);
  return err as EmbeddingError;
}

describe('OpenAICompatibleEmbeddings', () => {
  describe('against a well-behaved endpoint', () => {
    afterEach(() => server.resetHandlers());

    it('returns one vector per input, in input order, and learns the dimensions', async () => {
      const seen = mockEmbeddings();
      const embeddings = new OpenAICompatibleEmbeddings(settings());
      expect(embeddings.dimensions).toBeUndefined();

      const texts = ['How do I get a refund?', 'Reset my password', 'XR-200 will not pair'];
      const vectors = await embeddings.embedDocuments(texts);

      expect(vectors).toEqual(texts.map((t) => fakeVector(t)));
      expect(embeddings.dimensions).toBe(4);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.body.model).toBe(MODEL);
      expect(seen[0]!.body.input).toEqual(texts);
      expect(seen[0]!.body).not.toHaveProperty('dimensions');
      expect(seen[0]!.authorization).toBe(`Bearer ${API_KEY}`);
    });

    it('sends the configured dimensions and accepts vectors of that size', async () => {
      const seen = mockEmbeddings();
      const embeddings = new OpenAICompatibleEmbeddings(settings({ dimensions: 6 }));
      expect(embeddings.dimensions).toBe(6);

      const vectors = await embeddings.embedDocuments(['a question']);

      expect(seen[0]!.body.dimensions).toBe(6);
      expect(vectors[0]).toHaveLength(6);
    });

    it('embeds a query as a single input', async () => {
      const seen = mockEmbeddings();
      const embeddings = new OpenAICompatibleEmbeddings(settings());

      await expect(embeddings.embedQuery('where is my order?')).resolves.toEqual(fakeVector('where is my order?'));
      expect(seen).toHaveLength(1);
      expect(seen[0]!.body.input).toBe('where is my order?');
    });

    it('decodes base64 embeddings (what api.openai.com returns to the SDK by default)', async () => {
      const vector = [0.5, -0.25, 0.125, 1];
      const seen = mockEmbeddings(() => {
        const base64 = Buffer.from(new Float32Array(vector).buffer).toString('base64');
        return HttpResponse.json(embeddingsBody([base64]));
      });
      const embeddings = new OpenAICompatibleEmbeddings(settings());

      await expect(embeddings.embedDocuments(['x'])).resolves.toEqual([vector]);
      expect(seen[0]!.body.encoding_format).toBe('base64');
    });

    it('works without an API key (local endpoints)', async () => {
      const seen = mockEmbeddings();
      const embeddings = new OpenAICompatibleEmbeddings(settings({ apiKey: undefined }));

      await expect(embeddings.embedDocuments(['hello'])).resolves.toHaveLength(1);
      expect(seen).toHaveLength(1);
    });

    it('makes no request for no texts', async () => {
      const seen = mockEmbeddings();
      await expect(new OpenAICompatibleEmbeddings(settings()).embedDocuments([])).resolves.toEqual([]);
      expect(seen).toHaveLength(0);
    });

    it('splits inputs into batches and keeps input order when batches finish out of order', async () => {
      const seen = mockEmbeddings(async (body) => {
        const inputs = body.input as string[];
        // the first batch answers last
        if (inputs[0] === 'alpha') await delay(50);
        return HttpResponse.json(embeddingsBody(inputs.map((t) => fakeVector(t))));
      });
      const embeddings = new OpenAICompatibleEmbeddings(settings({ batchSize: 2 }));
      const texts = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];

      const vectors = await embeddings.embedDocuments(texts);

      expect(seen).toHaveLength(3);
      expect(seen.map((r) => r.body.input).sort()).toEqual([['alpha', 'bravo'], ['charlie', 'delta'], ['echo']]);
      expect(vectors).toEqual(texts.map((t) => fakeVector(t)));
    });
  });

  describe('errors that are not retried', () => {
    afterEach(() => server.resetHandlers());

    it('rejects a 401 at once, without retrying and without leaking the key', async () => {
      const seen = mockEmbeddings(() => HttpResponse.json(BAD_KEY_BODY, { status: 401 }));
      const embeddings = new OpenAICompatibleEmbeddings(settings({ maxRetries: 3 }));

      const err = await rejection(embeddings.embedDocuments(['hello']));

      expect(seen).toHaveLength(1);
      expect(err.code).toBe('embedding_failed');
      expect(err.message).toContain('HTTP 401');
      expect(err.message).toContain(embeddings.id);
      expect(err.message).not.toContain(API_KEY);
      expect(err.details).toEqual({ status: 401 });
    });

    it('rejects when the endpoint does not answer within timeoutMs', async () => {
      const seen = mockEmbeddings(async () => {
        await delay(2_000);
        return HttpResponse.json(embeddingsBody([fakeVector('late')]));
      });
      const embeddings = new OpenAICompatibleEmbeddings(settings({ timeoutMs: 100, maxRetries: 0 }));
      const started = Date.now();

      const err = await rejection(embeddings.embedQuery('hello'));

      expect(Date.now() - started).toBeLessThan(1_500);
      expect(err.message).toMatch(/timed out/i);
      expect(seen).toHaveLength(1);
    });

    it.each([
      ['a response without data', { object: 'list', model: MODEL, usage: { prompt_tokens: 1, total_tokens: 1 } }],
      ['data that is not a list', { object: 'list', data: {}, model: MODEL }],
      ['an HTML error page', '<html><body>502 Bad Gateway</body></html>'],
    ])('rejects %s as a malformed response, without retrying', async (_name, body) => {
      const seen = mockEmbeddings(() =>
        typeof body === 'string' ? new HttpResponse(body, { headers: { 'content-type': 'text/html' } }) : HttpResponse.json(body),
      );
      const embeddings = new OpenAICompatibleEmbeddings(settings());

      const err = await rejection(embeddings.embedDocuments(['hello']));

      expect(err.message).toContain('malformed response');
      expect(err.message).toContain('embeddings.test');
      expect(seen).toHaveLength(1);
    });

    it('rejects malformed responses to a query too', async () => {
      mockEmbeddings(() => HttpResponse.json({ object: 'list', model: MODEL }));
      await rejection(new OpenAICompatibleEmbeddings(settings()).embedQuery('hello'));
    });

    it.each([
      ['strings', ['0.1', '0.2']],
      ['nulls', [0.1, null]],
      ['an empty vector', []],
      ['a nested list', [[0.1, 0.2]]],
    ])('rejects an embedding made of %s', async (_name, embedding) => {
      mockEmbeddings(() => HttpResponse.json(embeddingsBody([embedding])));
      const err = await rejection(new OpenAICompatibleEmbeddings(settings()).embedDocuments(['hello']));
      expect(err.message).toContain('malformed embedding');
    });

    it('rejects fewer vectors than inputs', async () => {
      mockEmbeddings(() => HttpResponse.json(embeddingsBody([fakeVector('a')])));
      await rejection(new OpenAICompatibleEmbeddings(settings()).embedDocuments(['a', 'b']));
    });

    it('rejects vectors of different sizes in one response', async () => {
      mockEmbeddings(() => HttpResponse.json(embeddingsBody([[0.5, 0.25, 0.125], [0.5, 0.25]])));
      const err = await rejection(new OpenAICompatibleEmbeddings(settings()).embedDocuments(['a', 'b']));
      expect(err.message).toContain('expected 3 dimensions, got 2');
    });

    it('rejects a later response whose size differs from the learned dimensions', async () => {
      let dims = 3;
      mockEmbeddings((body) => HttpResponse.json(embeddingsBody([fakeVector(String(body.input), dims)])));
      const embeddings = new OpenAICompatibleEmbeddings(settings());
      await embeddings.embedQuery('first');
      dims = 5;

      const err = await rejection(embeddings.embedQuery('second'));

      expect(err.message).toContain('expected 3 dimensions, got 5');
      expect(embeddings.dimensions).toBe(3);
    });

    it('rejects vectors that do not have the configured dimensions', async () => {
      mockEmbeddings(() => HttpResponse.json(embeddingsBody([[0.5, 0.25, 0.125]])));
      const err = await rejection(new OpenAICompatibleEmbeddings(settings({ dimensions: 4 })).embedDocuments(['a']));
      expect(err.message).toContain('expected 4 dimensions, got 3');
    });
  });

  // Backoff is shortened (retryBaseMs) so retries cost milliseconds; each test has its own host.
  describe.concurrent('retries', () => {
    it('retries a plain 429 (no Retry-After, as compatible servers send it), then succeeds', async ({ expect }) => {
      const baseUrl = 'http://plain-429.embeddings.test/v1';
      const seen = mockEmbeddings(
        (body, attempt) =>
          attempt <= 2
            ? HttpResponse.json(RATE_LIMIT_BODY, { status: 429 })
            : HttpResponse.json(embeddingsBody((body.input as string[]).map((t) => fakeVector(t)))),
        baseUrl,
      );
      const embeddings = new OpenAICompatibleEmbeddings(settings({ baseUrl, maxRetries: 3, retryBaseMs: 5 }));
      await expect(embeddings.embedDocuments(['a'])).resolves.toEqual([fakeVector('a')]);
      expect(seen).toHaveLength(3);
    });

    it('gives up on a persistent 429 after maxRetries with the status in the error', async ({ expect }) => {
      const baseUrl = 'http://always-429.embeddings.test/v1';
      const seen = mockEmbeddings(() => HttpResponse.json(RATE_LIMIT_BODY, { status: 429, headers: { 'retry-after-ms': '1' } }), baseUrl);
      const err = await rejection(new OpenAICompatibleEmbeddings(settings({ baseUrl, maxRetries: 2, retryBaseMs: 5 })).embedDocuments(['a']));
      expect(err.message).toContain('HTTP 429');
      expect(seen).toHaveLength(3);
    });

    it('retries a 429 that carries Retry-After, then succeeds', async ({ expect }) => {
      const baseUrl = 'http://rate-limited.embeddings.test/v1';
      const seen = mockEmbeddings(
        (body, attempt) =>
          attempt === 1
            ? HttpResponse.json(RATE_LIMIT_BODY, { status: 429, headers: { 'retry-after': '0' } })
            : HttpResponse.json(embeddingsBody([fakeVector(String(body.input))])),
        baseUrl,
      );
      const embeddings = new OpenAICompatibleEmbeddings(settings({ baseUrl, maxRetries: 2, retryBaseMs: 5 }));

      await expect(embeddings.embedQuery('hello')).resolves.toEqual(fakeVector('hello'));
      expect(seen).toHaveLength(2);
    });

    it('retries a 500, then succeeds', async ({ expect }) => {
      const baseUrl = 'http://flaky.embeddings.test/v1';
      const seen = mockEmbeddings(
        (body, attempt) =>
          attempt === 1
            ? HttpResponse.json(SERVER_ERROR_BODY, { status: 500 })
            : HttpResponse.json(embeddingsBody((body.input as string[]).map((t) => fakeVector(t)))),
        baseUrl,
      );
      const embeddings = new OpenAICompatibleEmbeddings(settings({ baseUrl, maxRetries: 2, retryBaseMs: 5 }));

      await expect(embeddings.embedDocuments(['a', 'b'])).resolves.toEqual([fakeVector('a'), fakeVector('b')]);
      expect(seen).toHaveLength(2);
      // the retry resends the same request
      expect(seen[1]!.body).toEqual(seen[0]!.body);
    });

    it('gives up after maxRetries on a persistent 500 with an EmbeddingError naming the endpoint and status', async ({ expect }) => {
      const baseUrl = 'http://down.embeddings.test/v1';
      const seen = mockEmbeddings(() => HttpResponse.json(SERVER_ERROR_BODY, { status: 500 }), baseUrl);
      const embeddings = new OpenAICompatibleEmbeddings(settings({ baseUrl, maxRetries: 1, retryBaseMs: 5 }));

      const err = await rejection(embeddings.embedDocuments(['hello']));

      expect(seen).toHaveLength(2);
      expect(err.message).toBe(`openai:${MODEL}@down.embeddings.test: embedding request failed (HTTP 500)`);
      expect(err.details).toEqual({ status: 500 });
      expect((err.cause as { status?: number }).status).toBe(500);
    });

    it('does not retry when maxRetries is 0', async ({ expect }) => {
      const baseUrl = 'http://no-retry.embeddings.test/v1';
      const seen = mockEmbeddings(() => HttpResponse.json(SERVER_ERROR_BODY, { status: 503 }), baseUrl);
      const embeddings = new OpenAICompatibleEmbeddings(settings({ baseUrl, maxRetries: 0 }));

      const err = await rejection(embeddings.embedDocuments(['hello']));

      expect(err.message).toContain('HTTP 503');
      expect(seen).toHaveLength(1);
    });
  });

  describe('servesLanguage', () => {
    it("serves every language for '*'", () => {
      const embeddings = new OpenAICompatibleEmbeddings(settings({ languages: ['*'] }));
      expect(embeddings.languages).toBe('all');
      for (const lang of ['en', 'zh', 'other'] as const) expect(embeddings.servesLanguage(lang)).toBe(true);
    });

    it('serves only the configured languages', () => {
      const embeddings = new OpenAICompatibleEmbeddings(settings({ languages: ['en'] }));
      expect(embeddings.servesLanguage('en')).toBe(true);
      expect(embeddings.servesLanguage('zh')).toBe(false);
      expect(embeddings.servesLanguage('other')).toBe(false);

      const bilingual = new OpenAICompatibleEmbeddings(settings({ languages: ['en', 'zh'] }));
      expect(bilingual.servesLanguage('zh')).toBe(true);
      expect(bilingual.servesLanguage('other')).toBe(false);
    });
  });

  describe('id', () => {
    const idOf = (overrides: Partial<OpenAIEmbeddingsSettings> = {}) => new OpenAICompatibleEmbeddings(settings(overrides)).id;

    it('names the model and the endpoint host', () => {
      expect(idOf()).toBe(`openai:${MODEL}@embeddings.test`);
      expect(idOf({ baseUrl: undefined })).toBe(`openai:${MODEL}@api.openai.com`);
      expect(idOf({ baseUrl: 'http://localhost:11434/v1', model: 'nomic-embed-text' })).toBe('openai:nomic-embed-text@localhost:11434');
    });

    it('is stable across instances and settings that do not change the vectors', () => {
      const base = idOf();
      expect(idOf()).toBe(base);
      expect(idOf({ apiKey: 'sk-another-key', batchSize: 8, timeoutMs: 1_000, maxRetries: 0, languages: ['en'] })).toBe(base);
    });

    it('changes with the model, the endpoint or the dimensions', () => {
      const base = idOf();
      const others = [
        idOf({ model: 'text-embedding-3-large' }),
        idOf({ baseUrl: 'http://other-embeddings.test/v1' }),
        idOf({ baseUrl: 'http://embeddings.test:8080/v1' }),
        idOf({ dimensions: 256 }),
        idOf({ dimensions: 512 }),
      ];
      expect(new Set([base, ...others]).size).toBe(others.length + 1);
      expect(idOf({ dimensions: 256 })).toBe(`openai:${MODEL}@embeddings.test/256`);
    });

    it('never contains the API key', () => {
      expect(idOf()).not.toContain(API_KEY);
    });
  });
});
