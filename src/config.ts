import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// The one place that reads the environment. Everything else receives a `Config` (or a part of it).

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const optionalInt = (min = 1) => z.coerce.number().int().min(min).optional();
// z.coerce.boolean() turns "false" into true, so flags are spelled out.
const flag = (def: 'true' | 'false') => z.enum(['true', 'false']).default(def).transform((v) => v === 'true');
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const EnvSchema = z
  .object({
    DESKMATE_DATA_DIR: z.string().min(1).default('./data'),
    // Embedding and trained-model caches (safe to delete; rebuilt on demand).
    DESKMATE_CACHE_DIR: z.string().min(1).default('./.cache'),
    // The public evaluation datasets (read at evaluation time, never copied into the repo).
    DESKMATE_DATASETS_DIR: z.string().min(1).default('../shared/datasets'),
    DESKMATE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DESKMATE_REDACT_PII: flag('true'),

    DESKMATE_EMBEDDINGS: z.enum(['use-lite', 'openai', 'none']).default('use-lite'),
    DESKMATE_EMBEDDINGS_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    DESKMATE_EMBEDDINGS_MODEL: z.string().min(1).default('text-embedding-3-small'),
    DESKMATE_EMBEDDINGS_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    DESKMATE_EMBEDDINGS_DIMENSIONS: z.preprocess(emptyAsUndefined, optionalInt()),
    // Languages the configured endpoint embeds well ("*" = all); queries in others are searched lexically.
    DESKMATE_EMBEDDINGS_LANGUAGES: list.default(['*']),
    DESKMATE_EMBEDDINGS_BATCH_SIZE: int(64, 1),
    DESKMATE_EMBEDDINGS_TIMEOUT_MS: int(30_000, 1),
    DESKMATE_EMBEDDINGS_MAX_RETRIES: int(3, 0),

    DESKMATE_HNSW_M: int(16, 2),
    DESKMATE_HNSW_EF_CONSTRUCTION: int(200, 8),
    DESKMATE_HNSW_EF_SEARCH: int(100, 1),

    DESKMATE_CHUNK_SIZE: int(1000, 100),
    DESKMATE_CHUNK_OVERLAP: int(150, 0),
    DESKMATE_INGEST_MAX_FILE_MB: z.coerce.number().positive().default(20),
    DESKMATE_SEARCH_K: int(5, 1),
    DESKMATE_SEARCH_FUSION: z.enum(['convex', 'rrf']).default('convex'),
    // Share of the dense ranking in hybrid search (0 = BM25 only, 1 = vectors only).
    DESKMATE_SEARCH_DENSE_WEIGHT: z.coerce.number().min(0).max(1).default(0.5),
    // Query expansion with the bilingual support glossary (synonyms and EN<->ZH translations).
    DESKMATE_SEARCH_GLOSSARY: flag('true'),

    // A PostgreSQL server for conversations and tickets; without it, PGlite under the data dir.
    DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
    // Tests only: a PostgreSQL server the store suite runs against as well as PGlite (CI sets it).
    DESKMATE_TEST_DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
    CI: z.preprocess(emptyAsUndefined, z.string().optional()),

    // Any OpenAI-compatible chat endpoint; without a base URL or key, answers are extractive.
    DESKMATE_LLM_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    DESKMATE_LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
    DESKMATE_LLM_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    DESKMATE_LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0),
    DESKMATE_LLM_TIMEOUT_MS: int(20_000, 1),
    DESKMATE_LLM_STREAMING: flag('true'),

    // The intents the classifier is trained on (default: the Lumen demo's, fixtures/intents).
    DESKMATE_INTENTS_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),

    // The HTTP server (deskmate serve / npm start).
    DESKMATE_PORT: int(8787, 0),
    DESKMATE_HOST: z.string().min(1).default('127.0.0.1'),
    // API keys: "role:key" or "role:name:key", comma-separated; roles channel, agent, knowledge, admin.
    // Empty: `deskmate serve` makes a local demo key (admin) and prints it.
    DESKMATE_API_KEYS: z.preprocess(emptyAsUndefined, list.optional()),
    DESKMATE_MAX_BODY_KB: int(1024, 1),
    DESKMATE_RATE_LIMIT_PER_MINUTE: int(600, 0),
    // Outbound webhooks per channel ("web=https://…,app=https://…"), signed with the secret.
    DESKMATE_WEBHOOK_URLS: z.preprocess(emptyAsUndefined, list.optional()),
    DESKMATE_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, 'use at least 16 characters').optional()),
    DESKMATE_REQUEST_TIMEOUT_MS: int(30_000, 1),
    DESKMATE_MAX_CONCURRENT_ANSWERS: int(4, 1),
    DESKMATE_MAX_QUEUED_ANSWERS: int(512, 0),

    // The escalation policy (src/agent/policy.ts).
    // Calibrated on the escalation dev suites (lumen-dev-5..8), which the ranker is not fitted on:
    // on the suites it is fitted on, its confidence is optimistic (README, "Evaluation").
    DESKMATE_CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.83),
    DESKMATE_FRUSTRATION_THRESHOLD: z.coerce.number().min(0).max(1).default(0.6),
    DESKMATE_MAX_UNRESOLVED_TURNS: int(2, 1),
    // What says a message is outside what the bot serves: the intent catalog (the default, for a
    // business that wrote one), or only the knowledge base (a KB without an intent catalog).
    DESKMATE_SCOPE: z.enum(['intents', 'knowledge']).default('intents'),
    // A customer's open conversation idle for longer than this starts afresh on their next message.
    DESKMATE_CONVERSATION_IDLE_HOURS: z.coerce.number().positive().default(24),
  })
  .superRefine((env, ctx) => {
    if (env.DESKMATE_CHUNK_OVERLAP >= env.DESKMATE_CHUNK_SIZE) {
      ctx.addIssue({
        code: 'custom',
        path: ['DESKMATE_CHUNK_OVERLAP'],
        message: 'must be smaller than DESKMATE_CHUNK_SIZE',
      });
    }
    if (env.DESKMATE_WEBHOOK_URLS?.length && !env.DESKMATE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['DESKMATE_WEBHOOK_SECRET'], message: 'webhooks are signed: set DESKMATE_WEBHOOK_SECRET' });
    }
    for (const entry of env.DESKMATE_WEBHOOK_URLS ?? []) {
      const m = /^(web|app|email|social|api)=(https?:\/\/.+)$/.exec(entry);
      if (!m || !URL.canParse(m[2]!)) ctx.addIssue({ code: 'custom', path: ['DESKMATE_WEBHOOK_URLS'], message: `"${entry}": expected <channel>=<http(s) URL> with channel web, app, email, social or api` });
    }
    if (
      env.DESKMATE_EMBEDDINGS === 'openai' &&
      !env.DESKMATE_EMBEDDINGS_BASE_URL &&
      !env.DESKMATE_EMBEDDINGS_API_KEY
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['DESKMATE_EMBEDDINGS_BASE_URL'],
        message: 'DESKMATE_EMBEDDINGS=openai needs DESKMATE_EMBEDDINGS_BASE_URL (a compatible endpoint) or DESKMATE_EMBEDDINGS_API_KEY (api.openai.com)',
      });
    }
  });

export interface OpenAIEmbeddingsSettings {
  baseUrl?: string;
  model: string;
  apiKey?: string;
  dimensions?: number;
  languages: string[];
  batchSize: number;
  timeoutMs: number;
  maxRetries: number;
  /** First retry backoff (default 500 ms); tests shorten it. */
  retryBaseMs?: number;
}

export interface Config {
  dataDir: string;
  cacheDir: string;
  datasetsDir: string;
  log: { level: z.infer<typeof EnvSchema>['DESKMATE_LOG_LEVEL']; redactPii: boolean };
  embeddings: { provider: 'use-lite' | 'openai' | 'none'; openai: OpenAIEmbeddingsSettings };
  hnsw: { m: number; efConstruction: number; efSearch: number };
  ingest: { chunkSize: number; chunkOverlap: number; maxFileBytes: number };
  search: { k: number; fusion: 'convex' | 'rrf'; denseWeight: number; glossary: boolean };
  store: { databaseUrl?: string; testDatabaseUrl?: string; ci: boolean };
  llm: LlmSettings | null;
  policy: PolicySettings;
  conversationIdleMs: number;
  intentsFile: string;
  server: { port: number; host: string; apiKeys: string[] | null; maxBodyBytes: number; rateLimitPerMinute: number; requestTimeoutMs: number; answers: { maxConcurrent: number; maxQueued: number } };
  webhooks: { urls: Record<string, string>; secret: string } | null;
}

export interface LlmSettings {
  baseUrl?: string;
  model: string;
  apiKey?: string;
  temperature: number;
  timeoutMs: number;
  streaming: boolean;
}

export interface PolicySettings {
  confidenceThreshold: number;
  frustrationThreshold: number;
  maxUnresolvedTurns: number;
  /** `knowledge`: intents do not decide scope or ranking; the ranker's "none of these" does (default `intents`). */
  scope?: 'intents' | 'knowledge';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses settings from an environment (default: this process's). Throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.DESKMATE_DATA_DIR),
    cacheDir: path.resolve(e.DESKMATE_CACHE_DIR),
    datasetsDir: path.resolve(e.DESKMATE_DATASETS_DIR),
    log: { level: e.DESKMATE_LOG_LEVEL, redactPii: e.DESKMATE_REDACT_PII },
    embeddings: {
      provider: e.DESKMATE_EMBEDDINGS,
      openai: {
        baseUrl: e.DESKMATE_EMBEDDINGS_BASE_URL,
        model: e.DESKMATE_EMBEDDINGS_MODEL,
        apiKey: e.DESKMATE_EMBEDDINGS_API_KEY,
        dimensions: e.DESKMATE_EMBEDDINGS_DIMENSIONS,
        languages: e.DESKMATE_EMBEDDINGS_LANGUAGES,
        batchSize: e.DESKMATE_EMBEDDINGS_BATCH_SIZE,
        timeoutMs: e.DESKMATE_EMBEDDINGS_TIMEOUT_MS,
        maxRetries: e.DESKMATE_EMBEDDINGS_MAX_RETRIES,
      },
    },
    hnsw: { m: e.DESKMATE_HNSW_M, efConstruction: e.DESKMATE_HNSW_EF_CONSTRUCTION, efSearch: e.DESKMATE_HNSW_EF_SEARCH },
    ingest: {
      chunkSize: e.DESKMATE_CHUNK_SIZE,
      chunkOverlap: e.DESKMATE_CHUNK_OVERLAP,
      maxFileBytes: Math.round(e.DESKMATE_INGEST_MAX_FILE_MB * 1024 * 1024),
    },
    search: { k: e.DESKMATE_SEARCH_K, fusion: e.DESKMATE_SEARCH_FUSION, denseWeight: e.DESKMATE_SEARCH_DENSE_WEIGHT, glossary: e.DESKMATE_SEARCH_GLOSSARY },
    store: { databaseUrl: e.DATABASE_URL, testDatabaseUrl: e.DESKMATE_TEST_DATABASE_URL, ci: e.CI !== undefined && e.CI !== 'false' },
    llm:
      e.DESKMATE_LLM_BASE_URL || e.DESKMATE_LLM_API_KEY
        ? {
            baseUrl: e.DESKMATE_LLM_BASE_URL,
            model: e.DESKMATE_LLM_MODEL,
            apiKey: e.DESKMATE_LLM_API_KEY,
            temperature: e.DESKMATE_LLM_TEMPERATURE,
            timeoutMs: e.DESKMATE_LLM_TIMEOUT_MS,
            streaming: e.DESKMATE_LLM_STREAMING,
          }
        : null,
    policy: {
      confidenceThreshold: e.DESKMATE_CONFIDENCE_THRESHOLD,
      frustrationThreshold: e.DESKMATE_FRUSTRATION_THRESHOLD,
      maxUnresolvedTurns: e.DESKMATE_MAX_UNRESOLVED_TURNS,
      scope: e.DESKMATE_SCOPE,
    },
    conversationIdleMs: e.DESKMATE_CONVERSATION_IDLE_HOURS * 3_600_000,
    server: { port: e.DESKMATE_PORT, host: e.DESKMATE_HOST, apiKeys: e.DESKMATE_API_KEYS ?? null, maxBodyBytes: e.DESKMATE_MAX_BODY_KB * 1024, rateLimitPerMinute: e.DESKMATE_RATE_LIMIT_PER_MINUTE, requestTimeoutMs: e.DESKMATE_REQUEST_TIMEOUT_MS, answers: { maxConcurrent: e.DESKMATE_MAX_CONCURRENT_ANSWERS, maxQueued: e.DESKMATE_MAX_QUEUED_ANSWERS } },
    webhooks: e.DESKMATE_WEBHOOK_URLS?.length && e.DESKMATE_WEBHOOK_SECRET ? { urls: Object.fromEntries(e.DESKMATE_WEBHOOK_URLS.map((x) => [x.slice(0, x.indexOf('=')), x.slice(x.indexOf('=') + 1)])), secret: e.DESKMATE_WEBHOOK_SECRET } : null,
    intentsFile: e.DESKMATE_INTENTS_FILE ? path.resolve(e.DESKMATE_INTENTS_FILE) : fileURLToPath(new URL('../fixtures/intents/lumen-intents.json', import.meta.url)),
  };
}

/** A table of every variable with its default, for the README and `deskmate config`. */
export function describeConfig(): Array<{ name: string; default: string }> {
  return Object.entries(EnvSchema.shape).map(([name, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(undefined);
    const value = parsed.success ? parsed.data : undefined;
    return { name, default: value === undefined ? '' : Array.isArray(value) ? value.join(',') : String(value) };
  });
}
