import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DECISION_REASONS } from '../src/agent/types.js';
import { CHANNELS } from '../src/store/types.js';
import { ValidationError } from '../src/errors.js';

// The QA suite format (JSONL, one case per line). Other teams write suites against it, so it is
// strict: an unknown reason name or outcome is an error naming the line, not a silent zero.

export const SuiteCaseSchema = z.object({
  id: z.string().min(1),
  turns: z.array(z.string().min(1)).min(1),
  customer: z.object({ id: z.string().min(1), tier: z.enum(['standard', 'vip']).default('standard') }).optional(),
  channel: z.enum(CHANNELS).optional(),
  lang: z.string().optional(),
  expect: z.object({
    outcome: z.enum(['answer', 'handoff']),
    doc_ids: z.array(z.string()).optional(),
    must_include: z.array(z.string()).optional(),
    reasons: z.array(z.enum(DECISION_REASONS)).optional(),
    intent: z.string().optional(),
  }),
});
export type SuiteCase = z.infer<typeof SuiteCaseSchema>;

export function parseSuite(text: string, name = 'suite'): SuiteCase[] {
  const cases: SuiteCase[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new ValidationError(`${name}:${i + 1}: not valid JSON`, { line: i + 1 });
    }
    const parsed = SuiteCaseSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ValidationError(`${name}:${i + 1}: ${issue.path.join('.')}: ${issue.message}`, { line: i + 1, field: issue.path.join('.') });
    }
    if (ids.has(parsed.data.id)) throw new ValidationError(`${name}:${i + 1}: duplicate case id ${parsed.data.id}`, { line: i + 1 });
    ids.add(parsed.data.id);
    cases.push(parsed.data);
  });
  return cases;
}

export async function loadSuite(file: string): Promise<SuiteCase[]> {
  return parseSuite(await readFile(file, 'utf8'), file);
}
