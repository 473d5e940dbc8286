import { detectLanguage } from '../../retrieval/language.js';
import { chineseSentiment } from './chinese.js';
import { englishSentiment } from './english.js';
import type { SentimentScore } from './types.js';

export type { SentimentScore } from './types.js';

/** How the customer feels, without the words that only name a problem (for frustration). */
export const affect = (text: string) => sentiment(text, undefined, { affectOnly: true });

/**
 * Sentiment of one message in [-1, 1]. Chinese and code-switched messages with Chinese in them
 * use the Chinese lexicon plus the English scorer for their Latin words ("我的hub又offline了, terrible").
 */
export function sentiment(text: string, language = detectLanguage(text), options: { affectOnly?: boolean } = {}): SentimentScore {
  if (language !== 'zh') return englishSentiment(text, options);
  const zh = chineseSentiment(text, options);
  const latin = text.replace(/\p{Script=Han}+/gu, ' ');
  if (!/[a-z]{3,}/i.test(latin)) return zh;
  const en = englishSentiment(latin, options);
  const score = Math.max(-1, Math.min(1, zh.score + en.score * 0.5));
  return { score, hits: [...zh.hits, ...en.hits] };
}
