// Retrieval benchmark: `npm run bench:retrieval -- --json`. Prints one JSON object on its last line:
// rank metrics per set and mode, HNSW recall against exact search with latency, and the ingest
// pipeline's throughput against the bare embedder on the same texts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { readJsonl } from '../eval/jsonl.js';
import { dedupe, firstGoldRank, rankMetrics, type RankMetrics } from '../eval/metrics/retrieval.js';
import { loadConfig } from '../src/config.js';
import { seededGaussian } from '../src/random.js';
import { chunkSource } from '../src/ingest/chunker.js';
import { faqLoader } from '../src/ingest/loaders/faq.js';
import { ingest } from '../src/ingest/pipeline.js';
import { UseLiteEmbeddings } from '../src/retrieval/embeddings/use-lite.js';
import { defaultGlossary } from '../src/retrieval/glossary.js';
import { HnswVectorIndex } from '../src/retrieval/hnsw-index.js';
import { KnowledgeBase } from '../src/retrieval/knowledge-base.js';
import { detectLanguage } from '../src/retrieval/language.js';
import { embeddingText, type SearchMode } from '../src/retrieval/types.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    datasets: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/datasets') },
    'hnsw-n': { type: 'string', default: '100000' },
    'hnsw-queries': { type: 'string', default: '500' },
    skip: { type: 'string', default: '' }, // comma list of: sets,hnsw,ingest
  },
});
const skip = new Set(args.skip.split(',').filter(Boolean));
const config = loadConfig();
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const root = path.resolve(import.meta.dirname, '..');

interface Query {
  id: string;
  query: string;
  gold_ids: string[];
}

async function withKb<T>(sources: string[], fn: (kb: KnowledgeBase) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'deskmate-bench-'));
  try {
    const kb = await KnowledgeBase.open({ dir, embedder: new UseLiteEmbeddings(), hnsw: config.hnsw, search: config.search, glossary: config.search.glossary ? defaultGlossary() : undefined });
    const summary = await ingest(kb, sources, { ...config.ingest, cwd: root });
    if (summary.errors.length) throw new Error(`ingest errors: ${JSON.stringify(summary.errors)}`);
    return await fn(kb);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function evaluateSet(sources: string[], queries: Query[]): Promise<Record<SearchMode, RankMetrics>> {
  const answerable = queries.filter((q) => q.gold_ids.length > 0);
  return withKb(sources, async (kb) => {
    const embedder = kb.embedder!;
    const out = {} as Record<SearchMode, RankMetrics>;
    // Embed each query once; the modes differ only in ranking.
    const vectors = new Map<string, number[]>();
    const english = answerable.filter((q) => embedder.servesLanguage(detectLanguage(q.query)));
    const embedded = await embedder.embedDocuments(english.map((q) => q.query));
    english.forEach((q, i) => vectors.set(q.id, embedded[i]!));
    for (const mode of ['lexical', 'dense', 'hybrid'] as const) {
      const ranks: Array<number | null> = [];
      for (const q of answerable) {
        const vector = vectors.get(q.id);
        if (mode === 'dense' && !vector) {
          ranks.push(null); // the embedder does not serve this language: dense finds nothing
          continue;
        }
        const hits = await kb.search(q.query, { k: 30, mode, queryVector: vector });
        ranks.push(firstGoldRank(dedupe(hits.map((h) => h.chunk.docId)), q.gold_ids));
      }
      out[mode] = rankMetrics(ranks);
    }
    return out;
  });
}

async function benchSets() {
  const ds = args.datasets;
  log('sets: fixtures');
  const fixtures = await evaluateSet(['fixtures/kb'], await readJsonl<Query>(path.join(root, 'fixtures/eval/retrieval.jsonl')));
  log('sets: stackfaq');
  const stackfaq = await evaluateSet([path.join(ds, 'stackfaq/faq_entries.jsonl')], await readJsonl<Query>(path.join(ds, 'stackfaq/queries.jsonl')));
  log('sets: covid_faq');
  const covid = await evaluateSet([path.join(ds, 'covid_faq/faq_entries.jsonl')], await readJsonl<Query>(path.join(ds, 'covid_faq/queries_merged.jsonl')));
  return { fixtures, stackfaq, covid_faq: covid };
}

function normalize(v: Float32Array): number[] {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s) || 1;
  return Array.from(v, (x) => x / n);
}

/**
 * Sentence embeddings are not uniform noise: they cluster by topic. Vectors here are topic centroids
 * plus per-item noise, which is harder for HNSW than isotropic random data of the same size.
 */
function syntheticVectors(n: number, dims: number, seed: number, centroids: Float32Array[]): number[][] {
  const gauss = seededGaussian(seed);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const c = centroids[Math.floor(Math.abs(gauss() * 1e6)) % centroids.length]!;
    const v = new Float32Array(dims);
    for (let d = 0; d < dims; d++) v[d] = c[d]! + 0.6 * gauss();
    out.push(normalize(v));
  }
  return out;
}

function benchHnsw(n: number, queryCount: number) {
  const dims = 512;
  const k = 10;
  const gauss = seededGaussian(7);
  const centroids = Array.from({ length: 500 }, () => Float32Array.from({ length: dims }, () => gauss()));
  log(`hnsw: generating ${n} vectors`);
  const data = syntheticVectors(n, dims, 11, centroids);
  const queries = syntheticVectors(queryCount, dims, 13, centroids);

  const index = HnswVectorIndex.create({ embedderId: 'bench', dimensions: dims }, config.hnsw, n);
  log(`hnsw: building (M=${config.hnsw.m}, efConstruction=${config.hnsw.efConstruction})`);
  const t0 = performance.now();
  const batch = 5000;
  for (let i = 0; i < n; i += batch) {
    index.upsert(data.slice(i, i + batch).map((vector, j) => ({ id: String(i + j), vector })));
  }
  const buildS = (performance.now() - t0) / 1000;

  // Exact neighbours by brute force over the same vectors (inner product on unit vectors = cosine).
  const exact = new hnswlib.BruteforceSearch('ip', dims);
  exact.initIndex(n);
  data.forEach((v, i) => exact.addPoint(v, i));

  const latencies: number[] = [];
  let found = 0;
  for (const q of queries) {
    const t = process.hrtime.bigint();
    const hits = index.search(q, k);
    latencies.push(Number(process.hrtime.bigint() - t) / 1000);
    const truth = new Set(exact.searchKnn(q, k).neighbors.map(String));
    found += hits.filter((h) => truth.has(h.id)).length;
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!);
  return {
    n,
    dims,
    'recall@10': Math.round((found / (queries.length * k)) * 10_000) / 10_000,
    p50_us: pct(0.5),
    p95_us: pct(0.95),
    queries: queries.length,
    ef_search: config.hnsw.efSearch,
    m: config.hnsw.m,
    ef_construction: config.hnsw.efConstruction,
    build_s: Math.round(buildS * 10) / 10,
  };
}

/** Pipeline (read, chunk, embed, index, save) against the bare embedder on the same chunk texts. */
async function benchIngest() {
  const ds = args.datasets;
  const sources = [path.join(ds, 'stackfaq/faq_entries.jsonl'), path.join(ds, 'covid_faq/faq_entries.jsonl')];
  const texts: string[] = [];
  for (const file of sources) {
    const source = await faqLoader.load({ path: file, bytes: Buffer.alloc(0), text: await readFile(file, 'utf8') });
    for (const d of chunkSource(source, file, 'faq', config.ingest)) texts.push(...d.chunks.map(embeddingText));
  }
  const raw = new UseLiteEmbeddings();
  await raw.embedDocuments(texts.slice(0, 32)); // load the model and warm up before timing either side
  let rawS = Infinity;
  let pipeS = Infinity;
  let embedded = 0;
  // Best of three for each side: the machines are noisy and both sides deserve the same treatment.
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    await raw.embedDocuments(texts);
    rawS = Math.min(rawS, (performance.now() - t) / 1000);
    const dir = await mkdtemp(path.join(tmpdir(), 'deskmate-bench-ingest-'));
    try {
      t = performance.now();
      const kb = await KnowledgeBase.open({ dir, embedder: new UseLiteEmbeddings(), hnsw: config.hnsw });
      const summary = await ingest(kb, sources, config.ingest);
      pipeS = Math.min(pipeS, (performance.now() - t) / 1000);
      embedded = summary.chunks.embedded;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const chunksPerS = embedded / pipeS;
  const rawPerS = texts.length / rawS;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return { chunks: embedded, chunks_per_s: r1(chunksPerS), embedder_raw_per_s: r1(rawPerS), ratio: Math.round((chunksPerS / rawPerS) * 1000) / 1000 };
}

const result: Record<string, unknown> = {};
if (!skip.has('sets')) result.sets = await benchSets();
if (!skip.has('ingest')) {
  log('ingest: pipeline vs bare embedder');
  result.ingest = await benchIngest();
}
if (!skip.has('hnsw')) result.hnsw = benchHnsw(Number(args['hnsw-n']), Number(args['hnsw-queries']));
if (!args.json) log(JSON.stringify(result, null, 2));
process.stdout.write(`${JSON.stringify(result)}\n`);
