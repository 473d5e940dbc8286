import { words as englishStopWords } from 'natural/lib/natural/util/stopwords.js';
import { detectLanguage } from '../retrieval/language.js';

export type MessageLanguage = 'en' | 'zh' | 'other';

// Every Hanyu Pinyin syllable without tones (about 400): a Latin message made of these, and not of
// English words, is Chinese typed without an IME ("wo de hub lian bu shang wang").
const INITIALS = ['', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'zh', 'ch', 'sh', 'r', 'z', 'c', 's', 'y', 'w'];
const FINALS = ['a', 'o', 'e', 'i', 'u', 'v', 'ai', 'ei', 'ao', 'ou', 'an', 'en', 'ang', 'eng', 'ong', 'er', 'ia', 'ie', 'iao', 'iu', 'ian', 'in', 'iang', 'ing', 'iong', 'ua', 'uo', 'uai', 'ui', 'uan', 'un', 'uang', 've', 'ue', 'van'];
const SYLLABLES = new Set(INITIALS.flatMap((i) => FINALS.map((f) => i + f)).filter((s) => s.length > 1 || s === 'a' || s === 'e' || s === 'o'));
const ENGLISH = new Set([...englishStopWords, 'hub', 'app', 'wifi', 'hi', 'ok', 'hello', 'pls', 'thanks', 'long', 'hang', 'bang', 'ban', 'can', 'man', 'pan', 'fan', 'ten', 'ping', 'sing', 'ring', 'wing', 'king', 'ding', 'song', 'hong', 'gong', 'zen']);

/** True when the word splits into pinyin syllables ("nihao" = ni + hao). */
function isPinyin(word: string): boolean {
  const ok: boolean[] = [true];
  for (let i = 1; i <= word.length; i++) {
    ok[i] = false;
    for (let k = Math.max(0, i - 6); k < i && !ok[i]; k++) ok[i] = ok[k]! && SYLLABLES.has(word.slice(k, i));
  }
  return ok[word.length]!;
}

/**
 * zh / en / other for one customer message. Code-switching ("我的XR-200 offline了") is decided by
 * how much each script carries; product codes and brand names do not make a message English;
 * pinyin counts as Chinese; Latin text with accents and no English words is another language.
 */
export function messageLanguage(text: string): MessageLanguage {
  const script = detectLanguage(text.replace(/\b[A-Za-z]{1,4}-?\d+[A-Za-z0-9]*\b/g, ' ').replace(/\bLumen\b/gi, ' '));
  if (script !== 'en') return script === 'zh' ? 'zh' : detectLanguage(text) === 'zh' ? 'zh' : script;
  const words = text.toLowerCase().match(/[a-zà-ÿ]+/g) ?? [];
  if (words.length >= 3) {
    const pinyin = words.filter((w) => !ENGLISH.has(w) && isPinyin(w)).length;
    if (pinyin / words.length >= 0.6) return 'zh';
  }
  const english = words.filter((w) => ENGLISH.has(w)).length;
  if (words.length >= 3 && english === 0 && /[à-ÿ¿¡ñ]/i.test(text)) return 'other';
  return 'en';
}
