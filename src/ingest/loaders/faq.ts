import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { IngestFileError, type FaqEntry, type FaqSource, type Loader, type SourceFile } from '../types.js';

const optionalText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .optional()
  .nullable()
  .transform((v) => (v ? v : undefined));

const requiredText = (field: string) =>
  z.string({ error: `${field} is required` }).trim().min(1, { error: `${field} is empty` });

/** Other ways customers ask an entry's question: a JSON array, or one text split on "|" or new lines. */
const alternateQuestions = z
  .union([z.array(z.union([z.string(), z.number()])), z.string()])
  .optional()
  .nullable()
  .transform((v) => {
    const list = typeof v === 'string' ? v.split(/\s*(?:\||\r?\n)\s*/) : (v ?? []).map(String);
    const questions = [...new Set(list.map((q) => q.trim()).filter(Boolean))];
    return questions.length ? questions : undefined;
  });

/** One FAQ entry as a knowledge manager writes it; unknown columns are ignored. */
export const FaqEntrySchema = z.object({
  id: optionalText.refine((v) => v === undefined || /^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,127}$/u.test(v), {
    error: 'id must be letters, digits, ".", "_", ":" or "-" (at most 128)',
  }),
  question: requiredText('question'),
  answer: requiredText('answer'),
  category: optionalText,
  module: optionalText,
  fault_type: optionalText,
  language: optionalText,
  url: optionalText,
  /** The id of the entry this one translates: one answer in two languages, cited in the customer's. */
  translation_of: optionalText,
  /** Other wordings of the question (a knowledge manager's "similar questions"), matched like it. */
  alternate_questions: alternateQuestions,
  tags: z
    .union([z.array(z.union([z.string(), z.number()])), z.string()])
    .optional()
    .nullable()
    .transform((v) => {
      const list = typeof v === 'string' ? v.split(/[;,|]/) : (v ?? []).map(String);
      const tags = list.map((t) => t.trim()).filter(Boolean);
      return tags.length ? tags : undefined;
    }),
});

function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

function records(file: SourceFile): Array<{ where: string; value: unknown }> {
  const text = file.text!;
  const ext = path.extname(file.path).toLowerCase();
  if (ext === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new IngestFileError(file.path, `invalid JSON (${(err as Error).message})`, { cause: err });
    }
    const list = Array.isArray(data) ? data : (data as { entries?: unknown })?.entries;
    if (!Array.isArray(list)) throw new IngestFileError(file.path, 'a JSON FAQ file must be an array of entries (or {"entries": [...]})');
    return list.map((value, i) => ({ where: `entry ${i + 1}`, value }));
  }
  if (ext === '.jsonl' || ext === '.ndjson') {
    const out: Array<{ where: string; value: unknown }> = [];
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        out.push({ where: `line ${i + 1}`, value: JSON.parse(line) });
      } catch (err) {
        out.push({ where: `line ${i + 1}`, value: new Error(`invalid JSON (${(err as Error).message})`) });
      }
    });
    return out;
  }
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parseCsv(text, {
      info: true, // line numbers, so a manager can find the bad row even after blank lines
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      delimiter: ext === '.tsv' ? '\t' : ',',
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (err) {
    throw new IngestFileError(file.path, `invalid ${ext === '.tsv' ? 'TSV' : 'CSV'} (${(err as Error).message})`, { cause: err });
  }
  const header = parseCsv(text.split(/\r?\n/, 1)[0] ?? '', { delimiter: ext === '.tsv' ? '\t' : ',', bom: true, relax_column_count: true })[0] as string[] | undefined;
  const columns = new Set((header ?? []).map((h) => h.trim().toLowerCase()));
  if (!columns.has('question') || !columns.has('answer')) {
    throw new IngestFileError(file.path, 'an FAQ table needs a header row with at least "question" and "answer" columns');
  }
  return rows.map(({ record, info }) => ({ where: `line ${info.lines}`, value: record }));
}

export const faqLoader: Loader = {
  format: 'faq',
  extensions: ['.csv', '.tsv', '.json', '.jsonl', '.ndjson'],
  async load(file): Promise<FaqSource> {
    const entries: FaqEntry[] = [];
    const invalid: FaqSource['invalid'] = [];
    for (const { where, value } of records(file)) {
      if (value instanceof Error) {
        invalid.push({ where, reason: value.message });
        continue;
      }
      const parsed = FaqEntrySchema.safeParse(value);
      if (parsed.success) entries.push(parsed.data);
      else invalid.push({ where, reason: describe(parsed.error) });
    }
    if (entries.length === 0) {
      throw new IngestFileError(file.path, invalid.length ? `no valid FAQ entries (${invalid[0]!.where}: ${invalid[0]!.reason})` : 'no FAQ entries');
    }
    return { kind: 'faq', entries, invalid };
  },
};
