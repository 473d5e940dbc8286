import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as englishStopWords } from 'natural/lib/natural/util/stopwords.js';

// One tokenizer for indexing and querying, English and Chinese alike:
// - product and error codes ("XR-200", "e1042", "P2") stay whole, hyphen or not;
// - English: case folding, stop words, Porter stemming;
// - Chinese: Intl.Segmenter words plus overlapping character bigrams, so both a segmenter's
//   word and any two-character sub-word ("退款" inside "退款申请") match.

// Plus the chatter of support messages ("it says", "hi, please"): frequent in queries,
// topic-free, and rare enough in articles that BM25 would otherwise weight them like keywords.
const EN_STOP = new Set([
  ...englishStopWords,
  ...'say says said saying please pls hi hello hey thanks thank thx'.split(' '),
]);
// Function words that carry no topic; only dropped as whole single-character or particle words.
const ZH_STOP = new Set(
  '提示 显示 一直 总是 老是 的 地 得 了 我的 你的 他的 我想 想要 您好 你好 着 过 吗 呢 吧 啊 呀 嘛 哦 么 是 在 和 与 及 或 就 都 也 还 又 把 被 给 对 于 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 一个 请问 请 怎么 怎样 如何 什么 为什么 可以 能 能否 是否 有没有 吗？ 一下'.split(' '),
);

const CODE = /\b(?:[a-z]{1,5}[-_]?\d{1,6}[a-z0-9]*|\d+[a-z]+\d*[a-z0-9]*)\b/giu;
const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;
const A_NOT_A = /(\p{Script=Han})[不没]\1/gu;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Canonical spellings applied before splitting (wi-fi/wi fi -> wifi, e-mail -> email). */
function canonicalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\bwi[\s-]?fi\b/g, 'wifi')
    .replace(/\be-mail/g, 'email')
    .replace(/\blog[\s-]?in\b/g, 'login')
    .replace(/\bsign[\s-]?in\b/g, 'signin')
    // Chinese A-not-A questions ask about A: "支不支持" -> "支持", "发没发" -> "发", "能不能" -> "能".
    // Left whole, they index as noise bigrams ("不支", "没发") and hide the word itself.
    .replace(A_NOT_A, '$1');
}

export function stem(word: string): string {
  return PorterStemmer.stem(word);
}

function tokenizeHan(run: string, out: string[]): void {
  for (const { segment, isWordLike } of segmenter.segment(run)) {
    if (isWordLike && !ZH_STOP.has(segment)) out.push(segment);
  }
  // A two-character segmenter word is also a bigram and so counts twice: real words outweigh
  // the bigrams that straddle a word boundary.
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
}

function tokenizeLatin(text: string, out: string[]): void {
  for (const m of text.matchAll(WORD)) {
    const w = m[0].replace(/'s$/, '');
    if (w.endsWith("n't")) continue; // negations carry no topic for BM25
    if (w.length < 2 && !/\d/.test(w)) continue;
    if (EN_STOP.has(w)) continue;
    out.push(/^\d+$/.test(w) ? w : stem(w));
  }
}

/** Terms for BM25: the same function indexes documents and parses queries. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let rest = canonicalize(text);
  rest = rest.replace(CODE, (code) => {
    out.push(code.replace(/[-_]/g, ''));
    return ' ';
  });
  rest = rest.replace(HAN_RUN, (run) => {
    tokenizeHan(run, out);
    return ' ';
  });
  tokenizeLatin(rest, out);
  return out;
}
