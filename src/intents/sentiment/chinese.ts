import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SentimentScore } from './types.js';

// A lexicon scorer for Chinese: longest match over the raw text (no segmentation errors to
// inherit), fixed phrases first (不错, 不怎么样), then negators that flip the next sentiment
// word within a few characters, intensifiers that scale it, and contrast words (但是) after which
// the clause counts more.

const LexiconSchema = z.object({
  version: z.literal(1),
  positive: z.record(z.string(), z.number()),
  negative: z.record(z.string(), z.number()),
  negators: z.array(z.string()),
  intensifiers: z.record(z.string(), z.number()),
  contrast: z.array(z.string()),
  phrases: z.record(z.string(), z.number()),
});

type Entry = { kind: 'word'; value: number } | { kind: 'negator' } | { kind: 'intensifier'; value: number } | { kind: 'contrast' };

// 快 in 快递 is not "fast", 差 in 出差 not "bad", 贵 in 贵公司 not "expensive".
const NEUTRAL_COMPOUNDS = ['快递', '快件', '出差', '差价', '差额', '贵公司', '贵方', '好像', '好几', '好多', '只好', '正好', '滚动', 'usb', '麻烦帮', '麻烦你', '麻烦您', '麻烦问', '请问', '尽快', '加快', '好友', '友好度'];
const NEGATION_REACH = 4; // characters between a negator and the word it negates
const CLAUSE_END = /[，,。.！!？?；;\n～~]/;

class ChineseLexicon {
  private readonly entries = new Map<string, Entry>();
  readonly maxLength: number;

  constructor(data: z.infer<typeof LexiconSchema>) {
    for (const [w, v] of Object.entries(data.positive)) this.entries.set(w, { kind: 'word', value: v });
    for (const [w, v] of Object.entries(data.negative)) this.entries.set(w, { kind: 'word', value: v });
    for (const w of data.negators) this.entries.set(w, { kind: 'negator' });
    for (const [w, v] of Object.entries(data.intensifiers)) this.entries.set(w, { kind: 'intensifier', value: v });
    for (const w of data.contrast) this.entries.set(w, { kind: 'contrast' });
    // Phrases already carry their negation ("不错" is good): they win over their parts.
    for (const [w, v] of Object.entries(data.phrases)) this.entries.set(w, { kind: 'word', value: v });
    // Ordinary words that contain a sentiment character: matched longest-first, they score nothing.
    for (const w of NEUTRAL_COMPOUNDS) this.entries.set(w, { kind: 'word', value: 0 });
    this.maxLength = Math.max(...[...this.entries.keys()].map((k) => k.length));
  }

  longest(text: string, at: number): [string, Entry] | null {
    for (let len = Math.min(this.maxLength, text.length - at); len > 0; len--) {
      const piece = text.slice(at, at + len);
      const e = this.entries.get(piece);
      if (e) return [piece, e];
    }
    return null;
  }
}

let lexicon: ChineseLexicon | undefined;
function load(): ChineseLexicon {
  lexicon ??= new ChineseLexicon(LexiconSchema.parse(JSON.parse(readFileSync(path.join(import.meta.dirname, 'zh-lexicon.json'), 'utf8'))));
  return lexicon;
}

// Words that name a problem rather than a feeling; frustration (affectOnly) leaves them out.
const ZH_PROBLEM = new Set(['没发货', '未发货', '错', '错了', '写错', '失败', '坏了', '故障', '掉线', '离线', '连不上', '登不上', '收不到', '没收到', '慢', '断连', '报错', '卡顿', '死机', '失灵', '没反应', '打不开', '用不了', '退货', '退款', '丢失', '不行', '不能用', '无法']);

/** `affectOnly` scores feelings only (frustration), leaving out words that name a problem. */
export function chineseSentiment(text: string, options: { affectOnly?: boolean } = {}): SentimentScore {
  const lex = load();
  const input = text.toLowerCase();
  const hits: string[] = [];
  let before = 0;
  let total = 0;
  let negatedUntil = -1;
  let negations = 0;
  let intensity = 1;
  for (let i = 0; i < input.length; ) {
    if (CLAUSE_END.test(input[i]!)) {
      negatedUntil = -1;
      negations = 0;
      intensity = 1;
      i++;
      continue;
    }
    const match = lex.longest(input, i);
    if (!match) {
      i++;
      continue;
    }
    const [piece, entry] = match;
    const end = i + piece.length;
    if (entry.kind === 'negator') {
      negations++;
      negatedUntil = end + NEGATION_REACH;
    } else if (entry.kind === 'intensifier') {
      intensity = entry.value;
    } else if (entry.kind === 'contrast') {
      before += total;
      total = 0;
    } else {
      // Double negation ("不是不好") cancels out.
      const negated = i <= negatedUntil && negations % 2 === 1;
      if (entry.value !== 0 && !(options.affectOnly && ZH_PROBLEM.has(piece))) {
        total += (negated ? -entry.value * 0.8 : entry.value) * intensity;
        hits.push(negated ? `不${piece}` : piece);
      }
      negatedUntil = -1;
      negations = 0;
      intensity = 1;
    }
    i = end;
  }
  // Repeated exclamation marks sharpen what is there.
  const bangs = (text.match(/[!！]/g)?.length ?? 0) >= 2 ? 1.3 : 1;
  const raw = (before * 0.5 + total) * bangs;
  return { score: Math.tanh(raw / 4), hits };
}
