import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const INTENT_CATEGORIES = ['inquiry', 'after_sales', 'complaint', 'account', 'billing', 'technical', 'handoff', 'chitchat'] as const;
export type IntentCategory = (typeof INTENT_CATEGORIES)[number];

export const IntentDefinitionSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  category: z.enum(INTENT_CATEGORIES),
  /** The team a conversation with this intent is routed to. */
  skill: z.string().min(1),
  description: z.string().optional(),
  examples: z.object({ en: z.array(z.string().min(1)).default([]), zh: z.array(z.string().min(1)).default([]) }),
});
export type IntentDefinition = z.infer<typeof IntentDefinitionSchema>;

const CatalogSchema = z.object({
  version: z.literal(1),
  intents: z.array(IntentDefinitionSchema).min(1),
  /** Messages the business does not handle, to teach what out of scope looks like. */
  out_of_scope: z.object({ en: z.array(z.string()).default([]), zh: z.array(z.string()).default([]) }).optional(),
});
export type IntentCatalog = z.infer<typeof CatalogSchema>;

/** Reads and validates an intents file (fixtures/intents/lumen-intents.json is the demo). */
export function loadIntentCatalog(file: string): IntentCatalog {
  const parsed = CatalogSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const names = new Set<string>();
  for (const i of parsed.data.intents) {
    if (names.has(i.name)) throw new Error(`${file}: intent "${i.name}" is defined twice`);
    names.add(i.name);
  }
  return parsed.data;
}
