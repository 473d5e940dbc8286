import SentimentAnalyzer from 'natural/lib/natural/sentiment/SentimentAnalyzer.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import type { SentimentScore } from './types.js';

// AFINN-165 from `natural`, scored with the handling a support message needs and natural's own
// getSentiment lacks: negation that reaches only the next few words (natural flips the rest of
// the message), intensifiers, "but" (the clause after it decides), and the vocabulary of service
// complaints that AFINN, built from general tweets, misses.

const afinn = new SentimentAnalyzer('English', null, 'afinn').vocabulary;

// Written for customer-service messages (not fitted to any dataset). Problem words say what went
// wrong; they make a message negative, but not the customer upset: frustration ignores them.
const PROBLEM_TERMS: Record<string, number> = {
  delayed: -2, delay: -2, delays: -2, late: -1, cancelled: -2, canceled: -2, cancellation: -1, stranded: -3,
  lost: -2, missing: -2, broken: -2, damaged: -2, refund: -1, waiting: -1, waited: -1, wait: -1, hold: -1,
  'on hold': -2, rebook: -1, rebooked: -1, overbooked: -2, again: -1, never: -1, nobody: -1, 'no one': -1,
  "doesn't work": -2, 'not working': -2, 'stopped working': -2, offline: -1, crash: -2, crashes: -2, error: -1,
  fail: -2, failed: -2, fails: -2, failure: -2, stuck: -2, hours: -1, hour: -1, unavailable: -1, spam: 0, wrong: -2,
  problem: -1, issue: -1, declined: -2, locked: -1,
};
const AFFECT_TERMS: Record<string, number> = {
  unacceptable: -3, ridiculous: -3, useless: -3, incompetent: -3, rude: -3, unhelpful: -2, nightmare: -3,
  worst: -3, terrible: -3, horrible: -3, awful: -3, disappointed: -2, disappointing: -2, frustrated: -2,
  frustrating: -2, annoyed: -2, angry: -3, furious: -3, joke: -2, scam: -3, ripoff: -3, 'rip off': -3,
  'really bad': -3, worried: -2, urgent: -1, 'where is my money': -3,
  thanks: 2, thank: 2, 'thank you': 2, appreciate: 2, appreciated: 2, great: 3, awesome: 3, amazing: 3,
  love: 3, loved: 3, excellent: 3, helpful: 2, quick: 1, fast: 1, smooth: 2, perfect: 3, best: 3, kudos: 3,
  resolved: 2, solved: 2, fixed: 2, works: 1, worked: 1, 'works now': 2, pleasant: 2, friendly: 2,
};
const SUPPORT_TERMS: Record<string, number> = { ...PROBLEM_TERMS, ...AFFECT_TERMS };

const NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'neither', 'nor', 'cannot', 'without', 'hardly', "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "won't", "can't", "couldn't", "wouldn't", "shouldn't", 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'cant', 'wont']);
const INTENSIFIERS: Record<string, number> = { very: 1.5, so: 1.4, really: 1.4, extremely: 1.8, super: 1.5, totally: 1.5, absolutely: 1.6, completely: 1.5, incredibly: 1.7, too: 1.3, slightly: 0.6, somewhat: 0.7, 'a bit': 0.7, little: 0.8 };
const CONTRAST = new Set(['but', 'however', 'although', 'though', 'yet']);
const NEGATION_WINDOW = 3;

const EMOJI: Array<[RegExp, number]> = [
  [/[😡😠🤬👎💩😤😞😢😭🙄]/gu, -2],
  [/[😊😀😃😄😁🙂😍🥰👍❤️🙏🎉👏]/gu, 2],
];

/** `affectOnly` scores feelings only (frustration), leaving out words that name a problem. */
export function englishSentiment(text: string, options: { affectOnly?: boolean } = {}): SentimentScore {
  const terms = options.affectOnly ? AFFECT_TERMS : SUPPORT_TERMS;
  const words = text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
  const hits: string[] = [];
  let before = 0; // clauses before a contrast word count half
  let total = 0;
  let negatedFor = 0;
  let intensity = 1;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const pair = i + 1 < words.length ? `${w} ${words[i + 1]}` : '';
    if (CONTRAST.has(w)) {
      before += total;
      total = 0;
      negatedFor = 0;
      continue;
    }
    if (NEGATORS.has(w)) {
      negatedFor = NEGATION_WINDOW;
      continue;
    }
    if (INTENSIFIERS[pair] !== undefined || INTENSIFIERS[w] !== undefined) {
      intensity = INTENSIFIERS[pair] ?? INTENSIFIERS[w]!;
      if (INTENSIFIERS[pair] !== undefined) i++;
      continue;
    }
    const three = i + 2 < words.length ? `${pair} ${words[i + 2]}` : '';
    const four = i + 3 < words.length ? `${three} ${words[i + 3]}` : '';
    let value = terms[four] ?? terms[three] ?? terms[pair];
    if (terms[four] !== undefined) i += 3;
    else if (terms[three] !== undefined) i += 2;
    else if (value !== undefined) i++;
    else if (options.affectOnly && PROBLEM_TERMS[w] !== undefined) value = undefined;
    // Stems only for longer words: "has" must not become AFINN's "ha" (laughter).
    else value = terms[w] ?? afinn[w] ?? (w.length >= 5 ? afinn[PorterStemmer.stem(w)] : undefined);
    if (value !== undefined && value !== 0) {
      // "not bad" is mildly good, not as good as "bad" is bad (shifted, not flipped, negation).
      const v = negatedFor > 0 ? -value * 0.6 : value;
      total += v * intensity;
      hits.push(negatedFor > 0 ? `not ${pair && SUPPORT_TERMS[pair] !== undefined ? pair : w}` : w);
    }
    intensity = 1;
    if (negatedFor > 0) negatedFor--;
  }
  for (const [re, v] of EMOJI) {
    const n = text.match(re)?.length ?? 0;
    if (n) {
      total += v * n;
      hits.push(re.source.slice(1, 3));
    }
  }
  const raw = before * 0.5 + total;
  return { score: Math.tanh(raw / 4), hits };
}
