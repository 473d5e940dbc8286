import matter from 'gray-matter';
import { Lexer, type Token, type Tokens } from 'marked';
import { normalizeBlock, normalizeInline } from '../normalize.js';
import type { Block, Loader, ManualSource } from '../types.js';
import { metadataFrom, stringField } from './front-matter.js';

// Inline markdown (emphasis, links, code spans) reduced to its visible text.
function plain(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    // Emphasis only where Markdown sees it: ERR_NO_WIFI, snake_case and "2 * 3" are left alone.
    .replace(/(?<![\p{L}\p{N}_])(__|_)(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}_])/gu, '$2')
    .replace(/(\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1');
}

function toBlocks(tokens: Token[], out: Block[]): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'heading':
        out.push({ type: 'heading', level: (t as Tokens.Heading).depth, text: normalizeInline(plain(t.text)) });
        break;
      case 'table': {
        const table = t as Tokens.Table;
        const row = (cells: Tokens.TableCell[]) => cells.map((c) => normalizeInline(plain(c.text))).join(' | ');
        out.push({ type: 'table', header: row(table.header), rows: table.rows.map(row) });
        break;
      }
      case 'list': {
        const items = (t as Tokens.List).items.map((i) => `- ${normalizeInline(plain(i.text))}`);
        out.push({ type: 'text', text: items.join('\n') });
        break;
      }
      case 'blockquote':
        toBlocks((t as Tokens.Blockquote).tokens, out);
        break;
      case 'paragraph':
      case 'text':
      case 'code':
      case 'html': {
        const text = normalizeBlock(plain(t.type === 'html' ? t.text.replace(/<[^>]+>/g, ' ') : t.text));
        if (text) out.push({ type: 'text', text });
        break;
      }
      default:
        break; // space, hr, def
    }
  }
}

export const markdownLoader: Loader = {
  format: 'markdown',
  extensions: ['.md', '.markdown'],
  async load(file): Promise<ManualSource> {
    const { data, content } = matter(file.text!);
    const blocks: Block[] = [];
    toBlocks(new Lexer({ gfm: true }).lex(content), blocks);
    return {
      kind: 'manual',
      id: stringField(data, 'id'),
      title: stringField(data, 'title') ?? blocks.find((b) => b.type === 'heading')?.text,
      language: stringField(data, 'language') ?? stringField(data, 'lang'),
      metadata: metadataFrom(data),
      blocks,
    };
  },
};
