// Text as it reaches chunking and the indexes: composed Unicode, no invisible characters,
// single spaces. Line breaks are kept where they carry structure (tables, lists).

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// C0/C1 controls except tab and newline.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/\r\n?/g, '\n').replace(CONTROL, ' ');
}

/** One line: all whitespace runs collapsed. */
export function normalizeInline(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}

/** Paragraph text: lines kept, spaces inside lines collapsed, blank-line runs squeezed. */
export function normalizeBlock(text: string): string {
  return normalizeText(text)
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
