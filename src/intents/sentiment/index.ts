import { detectLanguage } from '../../retrieval/language.js';
import { chineseSentiment } from './chinese.js';
import { englishSentiment } from './english.js';
import type { SentimentScore } from './types.js';

export type { SentimentScore } from './types.js';

/**
 * Sentiment of one message in [-1, 1]. Chinese and code-switched messages with Chinese in them
 * use the Chinese lexicon plus the English scorer for their Latin words ("我的hub又offline了, terrible").
 */
export function sentiment(text: string, language = detectLanguage(text)): SentimentScore {
  if (language !== 'zh') return englishSentiment(text);
  const zh = chineseSentiment(text);
  const latin = text.replace(/\p{Script=Han}+/gu, ' ');
  if (!/[a-z]{3,}/i.test(latin)) return zh;
  const en = englishSentiment(latin);
  const score = Math.max(-1, Math.min(1, zh.score + en.score * 0.5));
  return { score, hits: [...zh.hits, ...en.hits] };
}
