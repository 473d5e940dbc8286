import { readFile } from 'node:fs/promises';

/** The records of a JSONL file we trust (fixtures, datasets): one JSON value per non-blank line. */
export async function readJsonl<T>(file: string): Promise<T[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
