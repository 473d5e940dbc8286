import * as cheerio from 'cheerio';
import { normalizeInline } from '../normalize.js';
import type { Block, Loader, ManualSource } from '../types.js';
import { metadataFrom } from './front-matter.js';

// Page chrome and code are not knowledge.
const DROP = 'script, style, noscript, template, nav, footer, aside, iframe, svg, form, button, [aria-hidden="true"], [hidden]';
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, dt, dd, table, figcaption';
// Generic containers hold text directly in hand-written pages ("<div>Hold reset for 10 s</div>");
// such a container is read as a paragraph when it holds no block of its own.
const CONTAINERS = 'div, section, article, main, span, td';

export const htmlLoader: Loader = {
  format: 'html',
  extensions: ['.html', '.htm'],
  async load(file): Promise<ManualSource> {
    const $ = cheerio.load(file.text!);
    $(DROP).remove();
    const meta = (name: string) => $(`meta[name="${name}"], meta[name="deskmate-${name}"]`).attr('content')?.trim() || undefined;
    const blocks: Block[] = [];
    const leafContainers = $('body')
      .find(CONTAINERS)
      .toArray()
      .filter((el) => $(el).find(`${BLOCKS}, ${CONTAINERS}`).length === 0 && $(el).parents(BLOCKS).length === 0);
    const leaves = new Set<unknown>(leafContainers);
    const all = $('body')
      .find(`${BLOCKS}, ${CONTAINERS}`)
      .toArray()
      .filter((el) => !$(el).is(CONTAINERS) || leaves.has(el));
    const selected = new Set<unknown>(all);
    for (const el of all) {
      // A block nested in another selected block (a <p> in an <li>, anything in a table) is read with its parent.
      if ($(el).parents().toArray().some((p) => selected.has(p))) continue;
      const tag = el.tagName.toLowerCase();
      if (/^h[1-6]$/.test(tag)) {
        const text = normalizeInline($(el).text());
        if (text) blocks.push({ type: 'heading', level: Number(tag[1]), text });
      } else if (tag === 'table') {
        const rows = $(el)
          .find('tr')
          .toArray()
          .map((tr) => $(tr).find('th, td').toArray().map((c) => normalizeInline($(c).text())).join(' | '))
          .filter((r) => r.replace(/[\s|]/g, '') !== '');
        if (rows.length > 0) blocks.push({ type: 'table', header: rows[0]!, rows: rows.slice(1) });
      } else {
        const text = normalizeInline($(el).text());
        if (text) blocks.push({ type: 'text', text: tag === 'li' ? `- ${text}` : text });
      }
    }
    const title = normalizeInline($('title').first().text()) || blocks.find((b) => b.type === 'heading')?.text;
    return {
      kind: 'manual',
      id: $('meta[name="deskmate-id"]').attr('content')?.trim() || undefined,
      title,
      language: $('html').attr('lang')?.trim() || meta('language'),
      metadata: metadataFrom({ module: meta('module'), fault_type: meta('fault_type'), tags: meta('keywords'), category: meta('category') }),
      blocks,
    };
  },
};
