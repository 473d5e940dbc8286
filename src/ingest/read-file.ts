import { readFile, stat } from 'node:fs/promises';
import { IngestFileError, type SourceFile } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/**
 * Reads a source file, rejecting with a reason a person can act on: oversized, empty, binary
 * content where text was expected, or text that is not UTF-8.
 */
export async function readSourceFile(file: string, options: { maxBytes: number; binary: boolean }): Promise<SourceFile> {
  const { size } = await stat(file);
  if (size > options.maxBytes) {
    throw new IngestFileError(file, `file is too large (${formatBytes(size)}, limit ${formatBytes(options.maxBytes)})`);
  }
  if (size === 0) throw new IngestFileError(file, 'empty file');
  const bytes = await readFile(file);
  if (options.binary) return { path: file, bytes };

  if (bytes.subarray(0, 8192).includes(0)) {
    throw new IngestFileError(file, 'binary content in a text file (NUL bytes); is the extension right?');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (err) {
    throw new IngestFileError(file, 'not valid UTF-8 text; re-save it as UTF-8', { cause: err });
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new IngestFileError(file, 'empty file (only whitespace)');
  return { path: file, bytes, text };
}
