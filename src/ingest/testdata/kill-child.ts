// Child process for the crash test (pipeline.crash.test.ts): ingests `source` into `kbDir` and,
// when the save reaches `stopAt`, reports it on stdout and blocks until the parent SIGKILLs it.
// With `stopAt=loop` it instead re-ingests alternating content forever, to be killed at random.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HashingEmbeddings } from '../../retrieval/embeddings/hashing.js';
import { KnowledgeBase } from '../../retrieval/knowledge-base.js';
import { ingest } from '../pipeline.js';

const [kbDir, sourceDir, stopAt] = process.argv.slice(2) as [string, string, string];
const options = { chunkSize: 1000, chunkOverlap: 150, maxFileBytes: 1 << 20, cwd: sourceDir };
const block = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);

if (stopAt === 'loop') {
  for (let round = 0; ; round++) {
    const entries = Array.from({ length: 300 }, (_, i) => ({ id: `loop-${i}`, question: `Question ${i} round ${round}?`, answer: `Answer ${i} for round ${round}.` }));
    await writeFile(path.join(sourceDir, 'loop.json'), JSON.stringify(entries));
    const kb = await KnowledgeBase.open({ dir: kbDir, embedder: new HashingEmbeddings(32), hnsw: { m: 16, efConstruction: 100, efSearch: 50 } });
    await ingest(kb, ['loop.json'], options);
    process.stdout.write(`saved ${round}\n`);
  }
} else {
  const kb = await KnowledgeBase.open({ dir: kbDir, embedder: new HashingEmbeddings(32), hnsw: { m: 16, efConstruction: 100, efSearch: 50 } });
  await ingest(kb, ['.'], {
    ...options,
    onSaveStep: (step) => {
      if (step !== stopAt) return;
      process.stdout.write(`reached ${step}\n`);
      block();
    },
  });
  process.stdout.write('done\n');
}
