// `natural` ships types only for its root; the root import loads every module it has (slow, and
// it pulls in dotenv). We import the two small pieces we use directly.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/sentiment/SentimentAnalyzer.js' {
  export default class SentimentAnalyzer {
    constructor(language: string, stemmer: { stem(token: string): string } | null, type: 'afinn' | 'senticon' | 'pattern');
    vocabulary: Record<string, number>;
    negations: string[];
    getSentiment(words: string[]): number;
  }
}
