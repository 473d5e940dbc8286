import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

// A knowledge base on disk is a set of generation folders and a CURRENT file naming the live one.
// A save writes a complete new generation, fsyncs it, then renames CURRENT.tmp over CURRENT:
// a crash at any instant leaves CURRENT naming a complete generation (the old or the new one).

const CURRENT = 'CURRENT';

/** Steps of a save, reported to `onStep` so tests can interrupt a save at an exact point. */
export type SnapshotStep = 'files-written' | 'generation-synced' | 'switched';

async function fsyncPath(p: string): Promise<void> {
  const handle = await open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The live generation folder, or null when nothing was ever saved. */
export async function currentGeneration(root: string): Promise<string | null> {
  try {
    const name = (await readFile(path.join(root, CURRENT), 'utf8')).trim();
    return name ? path.join(root, name) : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export async function writeGeneration(
  root: string,
  write: (dir: string) => Promise<string[]>,
  onStep?: (step: SnapshotStep) => void,
): Promise<string> {
  await mkdir(root, { recursive: true });
  const name = `gen-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const tmp = path.join(root, `${name}.tmp`);
  await mkdir(tmp);
  const files = await write(tmp);
  for (const f of files) await fsyncPath(f);
  onStep?.('files-written');
  await rename(tmp, path.join(root, name));
  await fsyncPath(root);
  onStep?.('generation-synced');

  const pointer = path.join(root, `${CURRENT}.tmp`);
  await writeFile(pointer, name);
  await fsyncPath(pointer);
  await rename(pointer, path.join(root, CURRENT));
  await fsyncPath(root);
  onStep?.('switched');

  // Only now is the previous generation garbage (as are leftovers of interrupted saves).
  for (const entry of await readdir(root)) {
    if (entry.startsWith('gen-') && entry !== name) await rm(path.join(root, entry), { recursive: true, force: true });
  }
  return path.join(root, name);
}
