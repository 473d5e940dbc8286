import { words as englishStopWords } from 'natural/lib/natural/util/stopwords.js';
import type { Glossary } from '../retrieval/glossary.js';
import { errorCodes } from './ranker.js';

// Without an LLM, a follow-up ("and for the T3?", "那退款呢") becomes a standalone query by
// carrying the previous query's key terms. Only short messages or ones that refer back are
// treated as follow-ups: a full new question stands on its own and carries nothing.

const CODE = /\b[a-z]{1,5}-?\d{1,6}[a-z0-9]*\b/gi;
// Words that mark a message as continuing the last one.
const FOLLOW_UP_EN = /^\s*(and|also|plus|what\s+about|how\s+about|same\s+(for|with)|ok(ay)?\s+(and|but|what|so)|but\s+what|then)\b|\b(it|that|this|those|these|they|them|one)\b/i;
const FOLLOW_UP_ZH = /^\s*(那|那么|还有|另外|然后|再问|如果是)|(它|这个|那个|这款|那款|这种|呢)[?？]?\s*$/;
// Words that announce a new question ("unrelated but...", "diff question", "顺便问下", "另外想问问"):
// it carries nothing of the last one unless it also refers back to it ("btw does it...").
const NEW_TOPIC_EN = /\b(separately(\s+from\s+(that|this))?|unrelated|different\s+(question|thing|topic)|diff\s+(question|q|thing)|another\s+question|separate\s+(question|thing)|random\s+q(uestion)?|while\s+i\s+have\s+you|on\s+another\s+note|changing\s+the\s+subject|other\s+thing)\b/i;
const NEW_TOPIC_ZH = /问个别的|另外(想)?问(一?下|问)?|另一个问题|换个(问题|话题)|顺便问(一?下|问)?|题外话|跟这个没关系|别的问题|还有个问题|再问(一?下|问)?别的/;
const REFERS_BACK_EN = /\b(it|that|this|those|these|they|them)\b/i;
const REFERS_BACK_ZH = /它|这个|那个|这款|那款|这种/;
// "it", "they", "does that", "this one?", but not "this morning" or "says that".
const POINTS_BACK_EN = /\b(it|they|them|those|these)\b|\b(this|that)(\s+(one|thing|setting|feature|code|error|option|mode|light))?\s*([?.!,]|$)|\b(do|does|did|is|was|can|will|would|could)\s+(that|this)\b/i;
const ASKS = /[?？]|吗|怎么|如何|多少|多久|哪|什么|\b(how|what|when|where|which|why|whether)\b|^\s*(can|could|does|do|is|are|will|would|should)\b/i;
// Question scaffolding that carries no topic of its own.
const SCAFFOLD = new Set([
  ...englishStopWords,
  ...'hi hello hey thanks thank thx please pls ok okay also just still really actually know tell want need get got lumen'.split(' '),
]);
const ZH_SCAFFOLD = new Set('我的 你的 我 你 您 的 了 吗 呢 吧 啊 呀 是 在 有 和 要 想 请问 请 一下 那 那么 还有 这个 那个 怎么 怎么办 什么 如何 可以 能 能不能 我们 你们 他们 它 就 都 也 还 又 把 给 对 吗？ 好的 谢谢'.split(' '));
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

// Longer messages are full questions, whatever words they start with.
const MAX_WORDS_EN = 12;
const MAX_HAN_FOLLOW_UP = 8;
// Up to this long, a message that names its own topic may still lean on the last one.
const MAX_HAN_MAYBE = 14;

function words(text: string): string[] {
  const out: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) if (isWordLike) out.push(segment);
  return out;
}

const isHan = (w: string) => /\p{Script=Han}/u.test(w);
const codesOf = (text: string) => (text.match(CODE) ?? []).map((c) => c.toLowerCase());

/** Topic words of a message: what is left without question scaffolding. */
function topicWords(message: string): string[] {
  return words(message.replace(CODE, ' code ')).filter((w) => (isHan(w) ? !ZH_SCAFFOLD.has(w) : !SCAFFOLD.has(w.toLowerCase()) && w.length >= 3));
}

/**
 * A message that only makes sense with the one before it: it refers back ("and the P2?", "那退款呢",
 * "how much is it?") or has too little topic of its own. "Do you ship to Australia?" is short but
 * complete, and starts afresh.
 */
export function isFollowUp(message: string, glossary?: Glossary): boolean {
  if (startsAfresh(message)) return false;
  const han = (message.match(/\p{Script=Han}/gu) ?? []).length;
  const topic = topicWords(message);
  if (han > 0 && han >= message.replace(/\s/g, '').length / 2) {
    if (FOLLOW_UP_ZH.test(message) || topic.join('').length <= 2) return true;
    // Chinese drops the subject freely ("链接多久有效"): a short message is a follow-up unless it
    // names a support concept of its own ("怎么注销账号").
    return han <= MAX_HAN_FOLLOW_UP && !(glossary && glossary.match(message).length > 0);
  }
  return words(message).length <= MAX_WORDS_EN && (FOLLOW_UP_EN.test(message) || topic.length <= 1);
}

/** The message announces a question of its own and does not point back at the last one. */
export function startsAfresh(message: string): boolean {
  return (NEW_TOPIC_EN.test(message) && !REFERS_BACK_EN.test(message.replace(NEW_TOPIC_EN, ''))) || (NEW_TOPIC_ZH.test(message) && !REFERS_BACK_ZH.test(message));
}

/** The previous query's topic words, minus what the new message replaces (a product of its own). */
export function keyTerms(previous: string, message: string, glossary?: Glossary): string[] {
  // A code replaces codes ("and for the T3?" after the XR-200; E2201 after E1042); a product, by
  // code or word ("and the smart plug?" after the hub), replaces the products named before, but
  // not the error code ("灯泡装在阳台上" after "E1042").
  const newProduct = productsOf(message, glossary).length > 0;
  const oldProducts = newProduct ? productsOf(previous, glossary).filter((p) => !codesOf(p).length) : [];
  const oldWords = new Set(oldProducts.flatMap((p) => words(p.toLowerCase())));
  const had = new Set(words(message.toLowerCase()));
  const terms: string[] = codesOf(message).length > 0 ? [] : [...new Set(codesOf(previous))].filter((c) => !newProduct || errorCodes(c).length > 0);
  // Chinese: consecutive topic segments stay one phrase (摄像|头 -> 摄像头), the lexical index
  // splits it again into words and bigrams.
  let han = '';
  const flush = () => {
    for (const p of oldProducts) han = han.replaceAll(p, '');
    if (han.length >= 2 && !terms.includes(han) && !message.includes(han)) terms.push(han);
    han = '';
  };
  for (const w of words(previous.replace(CODE, ' '))) {
    const lower = w.toLowerCase();
    if (isHan(w)) {
      if (ZH_SCAFFOLD.has(w)) flush();
      else han += w;
      continue;
    }
    flush();
    if (had.has(lower) || terms.includes(lower) || oldWords.has(lower)) continue;
    if (SCAFFOLD.has(lower) || (lower.length < 3 && !/\d/.test(lower))) continue;
    terms.push(lower);
  }
  flush();
  return terms;
}

/** `message` with the previous query's key terms carried over (itself when there are none). */
function withTopicOf(previous: string, message: string, glossary?: Glossary): string {
  const carried = keyTerms(previous, message, glossary);
  return carried.length ? `${message} ${carried.join(' ')}` : message;
}

/** The standalone query for `message` given the previous standalone query (or null). */
export function condenseFollowUp(previous: string | null, message: string, glossary?: Glossary): string {
  return previous && isFollowUp(message, glossary) ? withTopicOf(previous, message, glossary) : message;
}

// Short enough to lean on the previous message, whatever its words say.
function isShort(message: string): boolean {
  const han = (message.match(/\p{Script=Han}/gu) ?? []).length;
  if (han > 0 && han >= message.replace(/\s/g, '').length / 2) return han <= MAX_HAN_MAYBE;
  return words(message).length <= MAX_WORDS_EN;
}

/**
 * Short, but naming a topic of its own: "灯是红色常亮的" after "网关离线了" continues it, "怎么注销账号"
 * after anything does not. Words alone cannot tell; the knowledge base can (see `readings`).
 */
export function mayContinue(message: string, glossary?: Glossary): boolean {
  return !isFollowUp(message, glossary) && isShort(message);
}

/**
 * The standalone queries a message may mean, likeliest first: a follow-up has one (with the
 * previous topic), a full question one (itself), and a message that may continue both, for the
 * caller to search and keep the one the knowledge base answers with more confidence.
 */
export function readings(previous: string | null, message: string, glossary?: Glossary): string[] {
  if (!previous) return [message];
  // A new question may still be about the product just discussed ("还有个问题 能挡住吗"), not about its details.
  if (startsAfresh(message)) {
    const withProduct = withProductOf(previous, message, glossary);
    return withProduct === message ? [message] : [message, withProduct];
  }
  if (isFollowUp(message, glossary)) return [withTopicOf(previous, message, glossary)];
  // A longer question that points back ("what time do they usually happen? don't want the lights
  // flickering") may need the last topic as much as a short one; a statement ("it says Delivered but
  // nothing is here") tells a new problem, not more of the last question.
  const pointsBack = ASKS.test(message) && (POINTS_BACK_EN.test(message) || REFERS_BACK_ZH.test(message));
  const condensed = isShort(message) || pointsBack ? withTopicOf(previous, message, glossary) : withProductOf(previous, message, glossary);
  return condensed === message ? [message] : [message, condensed];
}

/** The products a text names: its codes (XR-200) and the glossary's product words (网关, camera). */
function productsOf(text: string, glossary?: Glossary): string[] {
  const named = glossary?.match(text).filter((m) => m.group.kind === 'product').map((m) => m.term) ?? [];
  return [...new Set([...codesOf(text), ...named])];
}

/**
 * A longer message about "it" without saying what it is ("手机定位权限要一直开着吗" after a question
 * about the thermostat's geofence) may still be about the product just discussed: a reading with
 * that product's name, when the message names none of its own.
 */
function withProductOf(previous: string, message: string, glossary?: Glossary): string {
  if (productsOf(message, glossary).length > 0) return message;
  const products = productsOf(previous, glossary);
  return products.length ? `${message} ${products.join(' ')}` : message;
}
