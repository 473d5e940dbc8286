// Script-level language of a text, enough to route a query to the right search. The
// intent layer (src/intents) refines this for mixed messages.

export type Language = 'en' | 'zh' | 'other';

const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;
const LETTER = /\p{L}/gu;

export function detectLanguage(text: string): Language {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return 'other';
  // One Han character carries about as much as a short Latin word, so Han counts triple:
  // "XR-200 连不上网" is Chinese, "my Lumen 灯 won't turn on" is English.
  if (han * 3 >= latin && han > 0) return 'zh';
  if (latin / letters >= 0.5) return 'en';
  return 'other';
}
