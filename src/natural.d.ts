// `natural` ships types only for its root; the root import loads every module it has (slow, and
// it pulls in dotenv). We import the two small pieces we use directly.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
