/** Sentiment of one message: a score in [-1, 1] and the words that moved it. */
export interface SentimentScore {
  score: number;
  hits: string[];
}
