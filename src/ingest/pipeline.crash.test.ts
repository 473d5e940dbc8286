import { spawn } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HashingEmbeddings } from '../retrieval/embeddings/hashing.js';
import { KnowledgeBase } from '../retrieval/knowledge-base.js';
import { ingest } from './pipeline.js';

// A save killed at any moment must leave the previous knowledge base loadable and intact.
const child = path.join(import.meta.dirname, 'testdata/kill-child.ts');
const hnsw = { m: 16, efConstruction: 100, efSearch: 50 };
const options = { chunkSize: 1000, chunkOverlap: 150, maxFileBytes: 1 << 20 };

/** Runs the child; once `until` holds for its output, SIGKILLs it after `delayMs`. */
function run(args: string[], until: (out: string) => boolean, delayMs = 0): Promise<{ out: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    proc.stdout.on('data', (d) => {
      out += d;
      if (armed || !until(out)) return;
      armed = true;
      setTimeout(() => proc.kill('SIGKILL'), delayMs);
    });
    proc.stderr.on('data', (d) => (err += d));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => (signal || code === 0 ? resolve({ out, signal }) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

async function setup() {
  const root = await mkdtemp(path.join(tmpdir(), 'deskmate-crash-'));
  const kbDir = path.join(root, 'kb');
  const src = path.join(root, 'src');
  await import('node:fs/promises').then((fs) => fs.mkdir(src));
  await writeFile(path.join(src, 'a.json'), JSON.stringify([{ id: 'faq-a', question: 'How do I reset the hub?', answer: 'Hold reset for 10 seconds.' }]));
  const kb = await KnowledgeBase.open({ dir: kbDir, embedder: new HashingEmbeddings(32), hnsw });
  await ingest(kb, ['.'], { ...options, cwd: src });
  // The child's ingest adds a second file and changes the first.
  await writeFile(path.join(src, 'a.json'), JSON.stringify([{ id: 'faq-a', question: 'How do I reset the hub?', answer: 'Hold reset for 20 seconds.' }]));
  await writeFile(path.join(src, 'b.md'), '# Plug P2\n\nThe plug trips at 15 A.');
  return { kbDir, src };
}

const open = (kbDir: string) => KnowledgeBase.open({ dir: kbDir, embedder: new HashingEmbeddings(32), hnsw });

describe('ingest killed with SIGKILL', () => {
  it.each(['files-written', 'generation-synced'])('at "%s" leaves the previous index intact', async (step) => {
    const { kbDir, src } = await setup();
    const { signal } = await run([kbDir, src, step], (out) => out.includes(`reached ${step}`));
    expect(signal).toBe('SIGKILL');

    const kb = await open(kbDir);
    expect(kb.documents().map((d) => d.id)).toEqual(['faq-a']);
    expect(kb.chunksOf('faq-a')[0]!.text).toBe('Hold reset for 10 seconds.');
    expect(kb.stats().vectors).toBe(1);
    const [hit] = await kb.search('reset hub');
    expect(hit?.chunk.docId).toBe('faq-a');
    // The orphaned half-written generation is harmless and cleaned up by the next save.
    await ingest(kb, ['.'], { ...options, cwd: src });
    expect((await readdir(kbDir)).filter((e) => e.startsWith('gen-'))).toHaveLength(1);
  });

  it('after the switch, the new index is the one loaded', async () => {
    const { kbDir, src } = await setup();
    await run([kbDir, src, 'switched'], (out) => out.includes('reached switched'));
    const kb = await open(kbDir);
    expect(kb.documents().map((d) => d.id).sort()).toEqual(['b', 'faq-a']);
    expect(kb.chunksOf('faq-a')[0]!.text).toBe('Hold reset for 20 seconds.');
  });

  it('at a random moment of repeated saves, the index loads whole and consistent', async () => {
    const { kbDir, src } = await setup();
    // Kill at an arbitrary instant of the ingest/save loop: the delay varies from run to run.
    const delay = Math.floor(Math.random() * 400);
    const { out } = await run([kbDir, src, 'loop'], (o) => o.includes('saved 0'), delay);
    expect(out).toContain('saved 0');
    const kb = await open(kbDir);
    const loop = kb.documents().filter((d) => d.id.startsWith('loop-'));
    expect(loop).toHaveLength(300);
    const round = new Set(loop.map((d) => /round (\d+)/.exec(kb.chunksOf(d.id)[0]!.text)![1]));
    expect(round.size).toBe(1); // never a mix of two saves
    expect(kb.stats().vectors).toBe(kb.stats().chunks);
  });
});
