import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readJsonl } from './jsonl.js';
import type { SuiteCase } from './suite.js';

// Suites built at run time from the external datasets (../shared/datasets; never copied into the
// repository), each split into dev (tune and calibrate on it) and test (report only). The split is
// a third by a hash of the query id, so it is the same on every machine.

export interface Split {
  dev: SuiteCase[];
  test: SuiteCase[];
}

const isDev = (id: string) => createHash('sha256').update(id).digest()[0]! % 3 === 0;

export interface RetrievalQuery {
  id: string;
  query: string;
  gold_ids: string[];
  lang?: string;
}

/** Retrieval queries as suite cases: answer citing a gold id, or hand off when there is none. */
export function queryCases(prefix: string, queries: readonly RetrievalQuery[]): SuiteCase[] {
  return queries.map((q) => ({
    id: `${prefix}${q.id}`,
    turns: [q.query],
    lang: q.lang ?? 'en',
    expect: q.gold_ids.length ? { outcome: 'answer', doc_ids: q.gold_ids } : { outcome: 'handoff' },
  }));
}

/** An FAQ retrieval set (StackFAQ, COVID-FAQ): its queries as must-answer cases with gold ids. */
export async function faqSuite(datasets: string, set: string, file: string): Promise<Split & { kb: string }> {
  const cases = queryCases(`${set}-`, await readJsonl<RetrievalQuery>(path.join(datasets, set, file)));
  return { kb: path.join(datasets, set, 'faq_entries.jsonl'), dev: cases.filter((c) => isDev(c.id)), test: cases.filter((c) => !isDev(c.id)) };
}

/** CLINC150's out-of-scope queries as must-handoff cases: oos_val is dev, oos_test is test. */
export async function clincOutOfScope(datasets: string): Promise<Split> {
  const data = JSON.parse(await readFile(path.join(datasets, 'clinc150/data_full.json'), 'utf8')) as Record<string, Array<[string, string]>>;
  const cases = (split: string) => data[split]!.map(([text], i): SuiteCase => ({ id: `clinc-${split}-${i}`, turns: [text], lang: 'en', expect: { outcome: 'handoff' } }));
  return { dev: cases('oos_val'), test: cases('oos_test') };
}
