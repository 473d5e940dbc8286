// A question about a price is answered only by a passage that states one. The knowledge base often
// describes a product without its price ("what's the price of the S1" matches the S1's battery
// FAQ on every word but the one that matters), and a confident answer there is a wrong answer.

const ASKS_PRICE = /\b(price|prices|pricing|priced|cost|costs|costing|fee|fees)\b|多少钱|价格|价钱|售价|多贵|几块钱|收费标准/i;
const STATES_PRICE = /[$€£¥]\s?\d|\d+(\.\d+)?\s?(元|美元|块钱?)|\d+(\.\d+)?\s?(dollars?|usd|eur|euros?)\b|\bfree\b|\bno\s+(extra\s+)?(cost|charge|fee)\b|免费|包邮|不收费|不要钱/i;

/** False when the question asks what something costs and the passage names no amount. */
export function answersPriceQuestion(question: string, passage: string): boolean {
  return !ASKS_PRICE.test(question) || STATES_PRICE.test(passage);
}
