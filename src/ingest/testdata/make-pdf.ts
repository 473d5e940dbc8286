import PDFDocument from 'pdfkit';

/** Builds a small PDF in memory (pdfkit) so loader tests do not depend on binary fixtures. */
export function makePdf(lines: string[], info: { Title?: string; Subject?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ info: { ...info, CreationDate: new Date('2026-01-01T00:00:00Z') } });
    const parts: Buffer[] = [];
    doc.on('data', (d: Buffer) => parts.push(d));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    for (const line of lines) doc.text(line);
    doc.end();
  });
}
