import path from 'node:path';
import type { Loader } from '../types.js';
import { faqLoader } from './faq.js';
import { htmlLoader } from './html.js';
import { markdownLoader } from './markdown.js';
import { pdfLoader } from './pdf.js';
import { textLoader } from './text.js';

export const LOADERS: readonly Loader[] = [markdownLoader, htmlLoader, textLoader, pdfLoader, faqLoader];

export const SUPPORTED_EXTENSIONS = LOADERS.flatMap((l) => l.extensions);

export function loaderFor(file: string): Loader | undefined {
  const ext = path.extname(file).toLowerCase();
  return LOADERS.find((l) => l.extensions.includes(ext));
}
