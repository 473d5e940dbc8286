// A customer who writes a paragraph ("so I moved apartments last weekend and in all the chaos I
// forgot to update my address... Is there any way to get it sent to the new place? Thanks!")
// asks one question inside a story. Matched as a whole, the story's words dilute every passage's
// match; the question sentence alone is what an FAQ entry answers. The agent searches both and
// keeps the reading the knowledge base answers more confidently.

const MIN_WORDS = 25;
const MIN_HAN = 30;
// A question that says little on its own ("What are my options here?") leans on the story: no focus.
const MIN_FOCUS_WORDS = 6;
const MIN_FOCUS_HAN = 8;
const SENTENCE = /[^.!?。！？\n]+[.!?。！？]*/gu;
const EN_QUESTION = /^(?:how|what|when|where|which|who|why|can|could|would|will|is|are|am|do|does|did|should|shall|may|might|any\s+way|is\s+there|i\s+(?:want|need|would\s+like)\s+to\s+know)\b/i;
const ZH_QUESTION = /[吗呢么嘛]\s*[。？?！!]?$|怎么|怎样|如何|为什么|为啥|咋|多久|多长|多少|几天|能不能|可不可以|是否|有没有|哪里|哪儿|什么/u;
const SIGN_OFF = /^(?:thanks?|thank\s+you|thx|cheers|regards|kind\s+regards|best|谢谢|多谢|感谢|麻烦了|辛苦了)\b/iu;

const hanCount = (text: string) => (text.match(/\p{Script=Han}/gu) ?? []).length;
const wordCount = (text: string) => (text.match(/[a-z0-9']+/giu) ?? []).length;

function isLong(message: string): boolean {
  return hanCount(message) >= MIN_HAN || wordCount(message) >= MIN_WORDS;
}

function isQuestion(sentence: string): boolean {
  return /[?？]\s*$/u.test(sentence) || EN_QUESTION.test(sentence) || ZH_QUESTION.test(sentence);
}

/**
 * The question sentences of a long, several-sentence message, joined; null when the message is
 * short, is one sentence, or asks nothing in a sentence of its own.
 */
export function questionPart(message: string): string | null {
  if (!isLong(message)) return null;
  const sentences = (message.match(SENTENCE) ?? []).map((s) => s.trim()).filter((s) => s && !SIGN_OFF.test(s));
  if (sentences.length < 2) return null;
  const questions = sentences.filter(isQuestion);
  if (!questions.length || questions.length === sentences.length) return null;
  const focus = questions.join(' ');
  return hanCount(focus) >= MIN_FOCUS_HAN || wordCount(focus) >= MIN_FOCUS_WORDS ? focus : null;
}
