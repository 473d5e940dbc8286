import { describe, expect, it } from 'vitest';
import { makePdf } from '../testdata/make-pdf.js';
import { IngestFileError, type Block, type FaqSource, type ManualSource, type SourceFile } from '../types.js';
import { faqLoader } from './faq.js';
import { htmlLoader } from './html.js';
import { loaderFor } from './index.js';
import { markdownLoader } from './markdown.js';
import { pdfLinesToBlocks, pdfLoader } from './pdf.js';
import { textLoader } from './text.js';

const file = (path: string, text: string): SourceFile => ({ path, bytes: Buffer.from(text), text });
const manual = async (p: Promise<unknown>) => (await p) as ManualSource;
const faq = (path: string, text: string) => faqLoader.load(file(path, text)) as Promise<FaqSource>;

async function loadError(p: Promise<unknown>): Promise<IngestFileError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(IngestFileError);
    return err as IngestFileError;
  }
  throw new Error('expected the load to fail');
}

describe('markdown loader', () => {
  const md = `---
id: hub-manual
title: Hub manual
language: en
module: hub
tags: [pairing, wifi]
---
# Hub **setup**

Read this with \`care\` and see [the app](https://example.com/app).

## Error codes

| Code | Meaning |
| --- | --- |
| **E1001** | \`No\` [Wi-Fi](https://example.com/wifi) |
| E1042 | Pairing timed out |

### Steps

- Press *the* button
- Wait
`;

  it('reads front matter into id, title, language and metadata', async () => {
    const src = await manual(markdownLoader.load(file('kb/hub.md', md)));
    expect(src.kind).toBe('manual');
    expect(src.id).toBe('hub-manual');
    expect(src.title).toBe('Hub manual');
    expect(src.language).toBe('en');
    expect(src.metadata.module).toBe('hub');
    expect(src.metadata.tags).toEqual(['pairing', 'wifi']);
  });

  it('splits a "a;b" tags string and accepts `lang` for the language', async () => {
    const src = await manual(markdownLoader.load(file('x.md', '---\ntags: "alpha; beta"\nlang: zh\n---\nBody text.\n')));
    expect(src.metadata.tags).toEqual(['alpha', 'beta']);
    expect(src.language).toBe('zh');
  });

  it('produces headings with levels, tables, lists and text with inline markdown reduced to text', async () => {
    const { blocks } = await manual(markdownLoader.load(file('kb/hub.md', md)));
    expect(blocks).toEqual<Block[]>([
      { type: 'heading', level: 1, text: 'Hub setup' },
      { type: 'text', text: 'Read this with care and see the app.' },
      { type: 'heading', level: 2, text: 'Error codes' },
      { type: 'table', header: 'Code | Meaning', rows: ['E1001 | No Wi-Fi', 'E1042 | Pairing timed out'] },
      { type: 'heading', level: 3, text: 'Steps' },
      { type: 'text', text: '- Press the button\n- Wait' },
    ]);
  });

  it('falls back to the first heading for the title without front matter', async () => {
    const src = await manual(markdownLoader.load(file('x.md', 'Intro line.\n\n## Pairing guide\n\nText.\n')));
    expect(src.title).toBe('Pairing guide');
    expect(src.id).toBeUndefined();
    expect(src.metadata.tags).toBeUndefined();
  });
});

describe('html loader', () => {
  const html = `<!doctype html>
<html lang="zh">
<head>
  <title> Hub   help </title>
  <meta name="deskmate-id" content=" hub-html ">
  <meta name="deskmate-module" content="hub">
  <meta name="keywords" content="pairing, wifi">
  <style>.secret-style { color: red }</style>
  <script>var secretScript = 1;</script>
</head>
<body>
  <nav><a href="/">Home nav link</a></nav>
  <h1>Top</h1>
  <h2>Middle</h2>
  <h3>Low</h3>
  <p>First   paragraph.</p>
  <ul>
    <li><p>Item in a paragraph</p></li>
    <li>Plain item</li>
  </ul>
  <table>
    <thead><tr><th>Code</th><th>Meaning</th></tr></thead>
    <tbody>
      <tr><td>E1001</td><td>No <b>Wi-Fi</b></td></tr>
      <tr><td>E1042</td><td>Pairing timed out</td></tr>
    </tbody>
  </table>
  <script>alert("inline script")</script>
</body>
</html>`;

  it('drops nav, script and style content', async () => {
    const { blocks } = await manual(htmlLoader.load(file('a.html', html)));
    const all = JSON.stringify(blocks);
    for (const dropped of ['Home nav link', 'secretScript', 'secret-style', 'inline script']) expect(all).not.toContain(dropped);
  });

  it('reads headings, paragraphs, list items (once) and tables in order', async () => {
    const { blocks } = await manual(htmlLoader.load(file('a.html', html)));
    expect(blocks).toEqual<Block[]>([
      { type: 'heading', level: 1, text: 'Top' },
      { type: 'heading', level: 2, text: 'Middle' },
      { type: 'heading', level: 3, text: 'Low' },
      { type: 'text', text: 'First paragraph.' },
      { type: 'text', text: '- Item in a paragraph' },
      { type: 'text', text: '- Plain item' },
      { type: 'table', header: 'Code | Meaning', rows: ['E1001 | No Wi-Fi', 'E1042 | Pairing timed out'] },
    ]);
  });

  it('reads id, language, title and metadata from the head', async () => {
    const src = await manual(htmlLoader.load(file('a.html', html)));
    expect(src.id).toBe('hub-html');
    expect(src.language).toBe('zh');
    expect(src.title).toBe('Hub help');
    expect(src.metadata.module).toBe('hub');
    expect(src.metadata.tags).toEqual(['pairing', 'wifi']);
  });

  it('without <title>, meta id or lang, uses the first heading and leaves id/language unset', async () => {
    const src = await manual(htmlLoader.load(file('b.html', '<body><p>Before.</p><h2>Reset</h2><p>Hold it.</p></body>')));
    expect(src.title).toBe('Reset');
    expect(src.id).toBeUndefined();
    expect(src.language).toBeUndefined();
  });
});

describe('text loader', () => {
  it('splits paragraphs on blank lines (even whitespace-only or CRLF) and keeps single line breaks', async () => {
    const src = await manual(textLoader.load(file('kb/Getting started.txt', 'Line one\nline two\r\n\r\nSecond   para\n   \nThird\n\n\n')));
    expect(src.title).toBe('Getting started');
    expect(src.id).toBeUndefined();
    expect(src.blocks).toEqual<Block[]>([
      { type: 'text', text: 'Line one\nline two' },
      { type: 'text', text: 'Second para' },
      { type: 'text', text: 'Third' },
    ]);
  });
});

describe('pdf loader', () => {
  it('turns numbered lines into headings, " | " lines into a table, and an id-like Subject into the id', async () => {
    const bytes = await makePdf(
      ['1 Introduction', 'This manual covers the hub.', '2.1 Pairing with the hub', '1 Press the button.', 'Code | Meaning', 'E1001 | No Wi-Fi', 'E1042 | Pairing timed out', 'After the table.'],
      { Title: 'Hub PDF', Subject: 'hub-pdf_1.2' },
    );
    const src = await manual(pdfLoader.load({ path: 'hub.pdf', bytes }));
    expect(src.id).toBe('hub-pdf_1.2');
    expect(src.title).toBe('Hub PDF');
    expect(src.blocks).toEqual<Block[]>([
      { type: 'heading', level: 1, text: '1 Introduction' },
      { type: 'text', text: 'This manual covers the hub.' },
      { type: 'heading', level: 2, text: '2.1 Pairing with the hub' },
      { type: 'text', text: '1 Press the button.' },
      { type: 'table', header: 'Code | Meaning', rows: ['E1001 | No Wi-Fi', 'E1042 | Pairing timed out'] },
      { type: 'text', text: 'After the table.' },
    ]);
  });

  it('does not take a descriptive Subject as the id', async () => {
    const bytes = await makePdf(['Some text.'], { Title: 'Plug', Subject: 'Smart plug manual, v2' });
    const src = await manual(pdfLoader.load({ path: 'plug.pdf', bytes }));
    expect(src.id).toBeUndefined();
    expect(src.title).toBe('Plug');
  });

  it('rejects bytes without a PDF header, and a truncated PDF, with IngestFileError', async () => {
    const garbage = await loadError(pdfLoader.load({ path: 'bad.pdf', bytes: Buffer.from('this is not a pdf at all') }));
    expect(garbage.file).toBe('bad.pdf');
    expect(garbage.reason).toMatch(/not a PDF/);

    const full = await makePdf(['Some text.']);
    const truncated = await loadError(pdfLoader.load({ path: 'cut.pdf', bytes: full.subarray(0, 300) }));
    expect(truncated.reason).toMatch(/corrupt or unreadable/);
  });

  it("parses in a worker: pdfjs's polyfills of built-ins never reach this thread", async () => {
    const push = Array.prototype.push;
    await manual(pdfLoader.load({ path: 'p.pdf', bytes: await makePdf(['Some text.']) }));
    expect(Array.prototype.push).toBe(push);
    expect(Function.prototype.toString.call(Array.prototype.push)).toContain('[native code]');
  });

  it('rejects a PDF whose only text is headings (nothing to answer from)', async () => {
    const bytes = await makePdf(['1 Introduction']);
    const err = await loadError(pdfLoader.load({ path: 'empty.pdf', bytes }));
    expect(err.reason).toMatch(/no extractable text/);
  });
});

describe('pdfLinesToBlocks', () => {
  it('sets heading level from the number depth and ignores sentences and over-deep numbers', () => {
    expect(pdfLinesToBlocks(['3. Troubleshooting', '1.2.3 Deep  section', '1 Press the button.', '2.1 Read this:', '1.2.3.4.5 Too deep'])).toEqual<Block[]>([
      { type: 'heading', level: 1, text: '3. Troubleshooting' },
      { type: 'heading', level: 3, text: '1.2.3 Deep section' },
      { type: 'text', text: '1 Press the button. 2.1 Read this: 1.2.3.4.5 Too deep' },
    ]);
  });

  it('joins paragraph lines, splits on blank lines and closes a table at the next prose line', () => {
    expect(pdfLinesToBlocks(['First line', 'continues here.', '', 'Second para.', 'A | B', '1 | 2', '', 'C | D', 'Tail.'])).toEqual<Block[]>([
      { type: 'text', text: 'First line continues here.' },
      { type: 'text', text: 'Second para.' },
      { type: 'table', header: 'A | B', rows: ['1 | 2'] },
      { type: 'table', header: 'C | D', rows: [] },
      { type: 'text', text: 'Tail.' },
    ]);
  });
});

describe('faq loader', () => {
  it('parses CSV with a BOM, header case, unknown columns and quoted commas/newlines', async () => {
    // Spreadsheet exports start with a BOM, here right before a quoted header cell.
    const csv = '\uFEFF"Question", Answer ,ID,Tags,notes\n"Can I pay, later?","Yes, with:\nPayPal",pay-1,"a; b",internal only\n';
    const src = await faq('faq.csv', csv);
    expect(src.invalid).toEqual([]);
    expect(src.entries).toEqual([{ id: 'pay-1', question: 'Can I pay, later?', answer: 'Yes, with:\nPayPal', tags: ['a', 'b'] }]);
  });

  it('keeps the entry an entry translates (translation_of), and none when the cell is empty', async () => {
    const csv = 'id,question,answer,translation_of\nzh-1,退款多久到账？,5–10 个工作日。,faq-7\nzh-2,怎么注销？,在设置中注销。,\n';
    const src = await faq('faq.csv', csv);
    expect(src.entries.map((e) => e.translation_of)).toEqual(['faq-7', undefined]);
  });

  it('reads alternate questions from a " | "-separated cell or a JSON array, trimmed and without repeats', async () => {
    const csv = 'question,answer,alternate_questions\n退款多久到账？,5–10 个工作日。,钱啥时候退回来 | 退款还没到 |  | 退款还没到\nQ2,A2,\n';
    const src = await faq('faq.csv', csv);
    expect(src.entries.map((e) => e.alternate_questions)).toEqual([['钱啥时候退回来', '退款还没到'], undefined]);
    const json = await faq('faq.json', JSON.stringify([{ question: 'Q', answer: 'A', alternate_questions: [' where is my money back ', 42] }]));
    expect(json.entries[0]!.alternate_questions).toEqual(['where is my money back', '42']);
  });

  it('reports a row without an answer by line number (header is line 1) and keeps the rest', async () => {
    const csv = 'question,answer\nQ1,A1\nQ2,\nQ3\nQ4,A4\n';
    const src = await faq('faq.csv', csv);
    expect(src.entries.map((e) => e.question)).toEqual(['Q1', 'Q4']);
    expect(src.invalid).toHaveLength(2);
    expect(src.invalid[0]!.where).toBe('line 3');
    expect(src.invalid[0]!.reason).toMatch(/^answer: /);
    expect(src.invalid[1]!.where).toBe('line 4');
    expect(src.invalid[1]!.reason).toMatch(/^answer: /);
  });

  it('rejects ids with invalid characters but accepts letters in any script', async () => {
    const csv = 'question,answer,id\nQ1,A1,bad id!\nQ2,A2,常见问题-2\n';
    const src = await faq('faq.csv', csv);
    expect(src.entries.map((e) => e.id)).toEqual(['常见问题-2']);
    expect(src.invalid).toHaveLength(1);
    expect(src.invalid[0]!.where).toBe('line 2');
    expect(src.invalid[0]!.reason).toMatch(/^id: /);
  });

  it('parses TSV (commas inside cells are plain text)', async () => {
    const src = await faq('faq.tsv', 'question\tanswer\tcategory\tTags\nHow, really?\tLike this, ok\tbilling\ta,b\n');
    expect(src.entries).toEqual([{ question: 'How, really?', answer: 'Like this, ok', category: 'billing', tags: ['a', 'b'] }]);
  });

  it('parses a JSON array: numeric id → string, tag array → strings, bad entries reported by position', async () => {
    const json = JSON.stringify([
      { id: 42, question: ' Q ', answer: 'A', tags: ['x', 3], extra: true },
      { question: 'No answer' },
      { question: 'Q3', answer: 'A3', tags: '' },
    ]);
    const src = await faq('faq.json', json);
    expect(src.entries).toEqual([
      { id: '42', question: 'Q', answer: 'A', tags: ['x', '3'] },
      { question: 'Q3', answer: 'A3' },
    ]);
    expect(src.invalid).toEqual([{ where: 'entry 2', reason: expect.stringMatching(/^answer: /) }]);
  });

  it('parses {"entries": [...]} with "a,b" tags', async () => {
    const src = await faq('faq.json', JSON.stringify({ entries: [{ question: 'Q', answer: 'A', tags: 'a,b', module: 'hub' }] }));
    expect(src.entries).toEqual([{ question: 'Q', answer: 'A', tags: ['a', 'b'], module: 'hub' }]);
  });

  it('rejects JSON that is not an array of entries', async () => {
    const err = await loadError(faq('faq.json', JSON.stringify({ items: [] })));
    expect(err.reason).toMatch(/array of entries/);
    await loadError(faq('faq.json', '[{"question": '));
  });

  it('parses JSONL, reporting a bad line by number and keeping the rest', async () => {
    const jsonl = ['{"question":"Q1","answer":"A1"}', '{bad json}', '', '{"question":"Q4"}', '{"question":"Q5","answer":"A5"}'].join('\n');
    const src = await faq('faq.jsonl', jsonl);
    expect(src.entries.map((e) => e.question)).toEqual(['Q1', 'Q5']);
    expect(src.invalid).toEqual([
      { where: 'line 2', reason: expect.stringMatching(/invalid JSON/) },
      { where: 'line 4', reason: expect.stringMatching(/^answer: /) },
    ]);
  });

  it('fails the file when no entry is valid, naming the first problem', async () => {
    const err = await loadError(faq('faq.csv', 'question,answer\nQ1,\n'));
    expect(err.file).toBe('faq.csv');
    expect(err.reason).toMatch(/no valid FAQ entries \(line 2: answer: /);
  });

  it('fails a CSV without question and answer columns', async () => {
    const err = await loadError(faq('faq.csv', 'q,a\nQ1,A1\n'));
    expect(err.reason).toMatch(/"question" and "answer"/);
  });
});

describe('loaderFor', () => {
  it('chooses by extension, case-insensitively', () => {
    expect(loaderFor('kb/FAQ.CSV')?.format).toBe('faq');
    expect(loaderFor('a.MD')?.format).toBe('markdown');
    expect(loaderFor('guide.markdown')?.format).toBe('markdown');
    expect(loaderFor('page.HTM')?.format).toBe('html');
    expect(loaderFor('notes.txt')?.format).toBe('text');
    expect(loaderFor('m.Pdf')?.format).toBe('pdf');
    expect(loaderFor('faq.ndjson')?.format).toBe('faq');
  });

  it('returns undefined for unsupported or missing extensions', () => {
    expect(loaderFor('report.docx')).toBeUndefined();
    expect(loaderFor('README')).toBeUndefined();
  });
});

describe('loader edge cases', () => {
  it('markdown keeps underscores and lone asterisks that are not emphasis', async () => {
    const src = await manual(markdownLoader.load(file('x.md', 'Use ERR_NO_WIFI or 2 * 3 * 4, but _this_ is emphasis.\n\n| Code | Name |\n| --- | --- |\n| E2 | snake_case_name |\n')));
    expect(src.blocks).toEqual([
      { type: 'text', text: 'Use ERR_NO_WIFI or 2 * 3 * 4, but this is emphasis.' },
      { type: 'table', header: 'Code | Name', rows: ['E2 | snake_case_name'] },
    ]);
  });

  it('html reads text held directly in a div, and drops footers and asides', async () => {
    const html = '<body><div>Hold the reset button for 10 seconds.</div><p>Kept.</p><aside><p>Related links</p></aside><footer><p>Footer copyright</p></footer></body>';
    const src = await manual(htmlLoader.load(file('x.html', html)));
    expect(src.blocks).toEqual([
      { type: 'text', text: 'Hold the reset button for 10 seconds.' },
      { type: 'text', text: 'Kept.' },
    ]);
  });

  it('CSV problems are reported by the line a person sees, blank lines included', async () => {
    const src = await faq('faq.csv', 'question,answer\nQ1,A1\n\nQ2,\n');
    expect(src.invalid).toEqual([{ where: 'line 4', reason: expect.stringMatching(/^answer: /) }]);
  });

  it('a CSV with only its header has no entries (not a header problem)', async () => {
    const err = await loadError(faq('faq.csv', 'question,answer\n'));
    expect(err.reason).toBe('no FAQ entries');
  });
});
