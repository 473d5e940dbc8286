import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { IngestFileError } from './types.js';

// A manual's example questions live beside it, in `<manual name>.questions.json`: a map from a
// section's heading to questions customers ask that the section answers, in any language. They are
// to a manual section what alternate questions are to an FAQ entry, and work for every format (a
// PDF cannot carry them itself). A file beside the manual, rather than a field in it, also keeps
// them out of what readers of the manual see.
const SUFFIX = '.questions.json';

const SectionQuestionsSchema = z.record(z.string().trim().min(1), z.array(z.string().trim().min(1).max(500)).max(200));
export type SectionQuestions = z.infer<typeof SectionQuestionsSchema>;

/** A manual's example-questions file: read with its manual, never a document of its own. */
export const isQuestionsFile = (file: string) => file.toLowerCase().endsWith(SUFFIX);

/** Where the example questions of `manual` live ("t3-manual.html" -> "t3-manual.questions.json"). */
export const questionsFileFor = (manual: string) => `${manual.replace(/\.[^./\\]+$/, '')}${SUFFIX}`;

/** The example questions beside `manual`, or null when it has none. A broken file is an error naming it. */
export async function readSectionQuestions(manual: string, shownAs: string): Promise<SectionQuestions | null> {
  const file = questionsFileFor(manual);
  const shown = questionsFileFor(shownAs);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new IngestFileError(shown, `unreadable (${(err as Error).message})`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new IngestFileError(shown, `not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = SectionQuestionsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new IngestFileError(shown, `expected {"<section heading>": ["question", ...]}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}
