import { normalizeInline } from '../normalize.js';
import { IngestFileError, type Block, type Loader, type ManualSource } from '../types.js';
import { extractPdfText, type PdfText } from './pdf-text.js';

// "2.1 Pairing with the hub": numbered section titles are how manuals mark structure in PDFs,
// which carry no heading tags.
const NUMBERED_HEADING = /^(\d+(?:\.\d+){0,3})\.?\s+(\S.{0,80})$/;
const ID_LIKE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function isHeading(line: string): RegExpMatchArray | null {
  const m = NUMBERED_HEADING.exec(line);
  // A sentence ("1 Press the button.") or a table row is not a heading.
  if (!m || /[.:;!?。]$/.test(line) || line.includes(' | ')) return null;
  return m;
}

/** Lines of extracted text → headings, paragraphs and " | " tables. */
export function pdfLinesToBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let table: Extract<Block, { type: 'table' }> | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'text', text: paragraph.join(' ') });
    paragraph = [];
    if (table) blocks.push(table);
    table = null;
  };
  for (const raw of lines) {
    const line = normalizeInline(raw);
    if (!line) {
      flush();
      continue;
    }
    if (line.includes(' | ')) {
      if (paragraph.length) {
        blocks.push({ type: 'text', text: paragraph.join(' ') });
        paragraph = [];
      }
      if (table) table.rows.push(line);
      else table = { type: 'table', header: line, rows: [] };
      continue;
    }
    const heading = isHeading(line);
    if (heading) {
      flush();
      blocks.push({ type: 'heading', level: heading[1]!.split('.').length, text: line });
      continue;
    }
    if (table) flush();
    paragraph.push(line);
  }
  flush();
  return blocks;
}

export const pdfLoader: Loader = {
  format: 'pdf',
  extensions: ['.pdf'],
  binary: true,
  async load(file): Promise<ManualSource> {
    if (file.bytes.subarray(0, 1024).indexOf('%PDF-') === -1) {
      throw new IngestFileError(file.path, 'not a PDF (no %PDF- header); the file is corrupt or mislabelled');
    }
    let pdf: PdfText;
    try {
      pdf = await extractPdfText(file.bytes);
    } catch (err) {
      throw new IngestFileError(file.path, `corrupt or unreadable PDF (${(err as Error).message})`, { cause: err });
    }
    const blocks = pdfLinesToBlocks(pdf.pages.flatMap((text) => [...text.split('\n'), '']));
    if (!blocks.some((b) => b.type !== 'heading')) {
      throw new IngestFileError(file.path, 'the PDF has no extractable text (a scanned image?)');
    }
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const subject = str(pdf.info.Subject);
    return {
      kind: 'manual',
      // Authoring tools expose no custom fields reliably; an id-like Subject is the document id.
      id: subject && ID_LIKE.test(subject) ? subject : undefined,
      title: str(pdf.info.Title),
      metadata: {},
      blocks,
    };
  },
};
