import { z } from 'zod';
import { FILTER_KEYS, SearchFieldSchema } from '../retrieval/types.js';

// Request shapes of the HTTP API: validation and the OpenAPI document both come from these.

export const Id = z.string().min(1).max(128).regex(/^[\w.:-]+$/, 'letters, digits, _ . : - only');
export const ActionSchema = z.enum(['claim', 'reply', 'transfer', 'escalate', 'resolve', 'close', 'reopen']);
export const TicketActionBody = z.object({
  agentId: Id.optional(),
  text: z.string().trim().min(1).max(8000).optional(),
  team: z.string().min(1).max(64).optional(),
});
export const QueueQuery = z.object({
  priority: z.enum(['P1', 'P2', 'P3', 'P4']).optional(),
  skill: z.string().max(64).optional(),
  language: z.string().max(16).optional(),
  at_risk: z.enum(['true', 'false']).optional(),
});
export const SearchBody = z.object({
  query: z.string().trim().min(1).max(2000),
  k: z.number().int().min(1).max(50).default(5),
  field: SearchFieldSchema.default('all'),
  filters: z.partialRecord(z.enum(FILTER_KEYS), z.string().max(200)).default({}),
});
export const FaqEntrySchema = z.object({
  id: Id,
  question: z.string().trim().min(1).max(2000),
  answer: z.string().trim().min(1).max(20_000),
  language: z.string().max(16).optional(),
  category: z.string().max(64).optional(),
  tags: z.array(z.string().max(64)).max(50).optional(),
  // Other wordings of the question ("similar questions"): each is searched as the question is.
  alternate_questions: z.array(z.string().trim().min(1).max(2000)).max(50).optional(),
});
export const DocumentsBody = z.object({ entries: z.array(FaqEntrySchema).min(1).max(1000) });
export const FeedbackBody = z
  .object({ helpful: z.boolean().optional(), csat: z.number().int().min(1).max(5).optional(), nps: z.number().int().min(0).max(10).optional(), comment: z.string().max(2000).optional() })
  .refine((b) => b.helpful !== undefined || b.csat !== undefined || b.nps !== undefined, { message: 'give helpful, csat or nps', path: ['csat'] });
export const AgentBody = z.object({
  id: Id,
  name: z.string().min(1).max(128),
  skills: z.array(z.string().min(1).max(64)).min(1).max(50),
  languages: z.array(z.string().min(1).max(16)).min(1).max(10),
  capacity: z.number().int().min(0).max(1000).default(5),
  team: z.string().max(64).nullable().default(null),
  tierLevel: z.number().int().min(1).max(3).default(1),
});

