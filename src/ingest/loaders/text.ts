import path from 'node:path';
import { normalizeBlock } from '../normalize.js';
import type { Loader, ManualSource } from '../types.js';

export const textLoader: Loader = {
  format: 'text',
  extensions: ['.txt', '.text'],
  async load(file): Promise<ManualSource> {
    const paragraphs = normalizeBlock(file.text!).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    return {
      kind: 'manual',
      title: path.basename(file.path).replace(/\.[^.]+$/, ''),
      metadata: {},
      blocks: paragraphs.map((text) => ({ type: 'text', text })),
    };
  },
};
