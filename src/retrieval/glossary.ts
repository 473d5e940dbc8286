import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// A bilingual support glossary: groups of interchangeable terms ("退款" / "把钱退回" / "refund").
// It bridges languages (a Chinese question, an English-only article, an English-only embedder)
// and colloquial vs. formal wording (包邮 / 免运费) where neither BM25 nor USE-lite can.

const GlossaryFileSchema = z.object({
  version: z.literal(1),
  // kind "product": the group names a kind of device the business sells (hub, camera, plug).
  groups: z.array(z.object({ kind: z.literal('product').optional(), zh: z.array(z.string().min(1)), en: z.array(z.string().min(1)) })),
});

export interface GlossaryGroup {
  kind?: 'product';
  zh: string[];
  en: string[];
}

export interface GlossaryMatch {
  group: GlossaryGroup;
  /** The text as found in the input. */
  term: string;
  index: number;
}

const HAN = /\p{Script=Han}/u;
const canonical = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\bwi[\s-]?fi\b/g, 'wifi');

export class Glossary {
  private readonly terms: Array<{ term: string; group: GlossaryGroup; han: boolean }>;
  /** Term numbers by their first character: a text is scanned once, not once per term. */
  private readonly byFirst = new Map<string, number[]>();

  constructor(readonly groups: readonly GlossaryGroup[]) {
    // Longest first, so "reset password" wins over "reset" and "恢复出厂设置" over "恢复".
    this.terms = groups
      .flatMap((group) => [...group.zh, ...group.en].map((t) => ({ term: canonical(t), group, han: HAN.test(t) })))
      .filter((t) => t.term.length > 0)
      .sort((a, b) => b.term.length - a.term.length);
    this.terms.forEach((t, n) => {
      const list = this.byFirst.get(t.term[0]!) ?? [];
      list.push(n);
      this.byFirst.set(t.term[0]!, list);
    });
  }

  static load(file = path.join(import.meta.dirname, 'glossary/support-terms.json')): Glossary {
    return new Glossary(GlossaryFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).groups);
  }

  /** Non-overlapping matches in reading order: Chinese by substring, English by whole words. */
  match(text: string): GlossaryMatch[] {
    const input = canonical(text);
    // Every occurrence of every term, then taken in term order (longest first), each term's from
    // left to right: the same greedy choice as trying the terms one by one, in one pass.
    const found: Array<[term: number, at: number]> = [];
    for (let i = 0; i < input.length; i++) {
      for (const n of this.byFirst.get(input[i]!) ?? []) if (input.startsWith(this.terms[n]!.term, i)) found.push([n, i]);
    }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const taken = new Array<boolean>(input.length).fill(false);
    const out: GlossaryMatch[] = [];
    for (const [n, i] of found) {
      const { term, group, han } = this.terms[n]!;
      const end = i + term.length;
      if (!han && (/[\p{L}\p{N}]/u.test(input[i - 1] ?? '') || /[\p{L}\p{N}]/u.test(input[end] ?? ''))) continue;
      if (taken.slice(i, end).some(Boolean)) continue;
      taken.fill(true, i, end);
      out.push({ group, term: text.slice(i, end), index: i });
    }
    return out.sort((a, b) => a.index - b.index);
  }

  /**
   * Per matched concept, the terms that mean the same: synonyms in the same language and their
   * translations, without the terms already present.
   */
  expansions(text: string, options: { maxPerGroup?: number } = {}): string[][] {
    const max = options.maxPerGroup ?? 6;
    const present = canonical(text);
    const out: string[][] = [];
    const seen = new Set<GlossaryGroup>();
    for (const { group } of this.match(text)) {
      if (seen.has(group)) continue;
      seen.add(group);
      const terms = [...group.zh.slice(0, max), ...group.en.slice(0, max)].filter((t) => !present.includes(canonical(t)));
      if (terms.length) out.push(terms);
    }
    return out;
  }

  /** An English rendering of the text's support terms, for an English-only embedder. */
  gist(text: string): string {
    return [...new Set(this.match(text).map((m) => m.group.en[0]).filter((t): t is string => t !== undefined))].join(' ');
  }
}

let shared: Glossary | undefined;
/** The glossary shipped with Deskmate, loaded once. */
export function defaultGlossary(): Glossary {
  shared ??= Glossary.load();
  return shared;
}
