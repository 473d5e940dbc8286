// Times training the intent classifier on the fixtures (fixtures/intents), as `deskmate serve`
// does at start. Prints one JSON line: the embedding of the training sentences (cold, then from
// the disk cache) and the training itself, each in seconds.
// Usage: npm run bench:intents -- --json
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { loadIntentCatalog } from '../src/intents/intent-catalog.js';
import { Understander } from '../src/intents/understand.js';
import { CachedEmbeddings } from '../src/retrieval/embeddings/cached.js';
import { UseLiteEmbeddings } from '../src/retrieval/embeddings/use-lite.js';
import { defaultGlossary } from '../src/retrieval/glossary.js';

const config = loadConfig();
const catalog = loadIntentCatalog(config.intentsFile);
const texts = catalog.intents.flatMap((i) => [...i.examples.en, ...i.examples.zh]).concat(catalog.out_of_scope?.en ?? [], catalog.out_of_scope?.zh ?? []);
const dir = await mkdtemp(path.join(tmpdir(), 'deskmate-bench-intents-'));
try {
  const embedder = new CachedEmbeddings(new UseLiteEmbeddings(), path.join(dir, 'embeddings'));
  let t = performance.now();
  const cold = await Understander.create(catalog, { embedder, glossary: defaultGlossary() });
  const coldS = (performance.now() - t) / 1000;
  t = performance.now();
  const warm = await Understander.create(catalog, { embedder, glossary: defaultGlossary() });
  const warmS = (performance.now() - t) / 1000;
  console.log(JSON.stringify({ intents: catalog.intents.length, examples: texts.length, cold_start_s: round(coldS), train_s: round(warm.trainSeconds), warm_start_s: round(warmS), cold_train_s: round(cold.trainSeconds) }));
} finally {
  await rm(dir, { recursive: true, force: true });
}

function round(x: number) {
  return Math.round(x * 1000) / 1000;
}
