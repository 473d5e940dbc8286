import { describe, expect, it } from 'vitest';
import { answersPriceQuestion } from './price-question.js';

describe('answersPriceQuestion', () => {
  it('needs an amount for a question about a price, in English and Chinese', () => {
    expect(answersPriceQuestion("what's the price of the door sensor s1", 'The Door Sensor S1 runs on one CR2032 coin cell.')).toBe(false);
    expect(answersPriceQuestion("what's the price of the door sensor s1", 'The Door Sensor S1 costs $24.99.')).toBe(true);
    expect(answersPriceQuestion('你们的插座多少钱一个', '智能插座 P2 支持 16A 负载。')).toBe(false);
    expect(answersPriceQuestion('标准快递运费多少钱', '标准配送需要 3–5 个工作日，运费 $5.99。')).toBe(true);
    expect(answersPriceQuestion('does the return cost anything?', 'Returns are free within 30 days.')).toBe(true);
  });

  it('leaves every other question alone', () => {
    expect(answersPriceQuestion('how much energy does my heater use', 'The P2 shows live power in watts.')).toBe(true);
    expect(answersPriceQuestion('how do I reset the hub', 'Hold the button for 10 seconds.')).toBe(true);
  });
});
