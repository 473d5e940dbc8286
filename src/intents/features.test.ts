import { describe, expect, it } from 'vitest';
import { lexicalTerms } from './features.js';

describe('lexicalTerms', () => {
  it('adds every pair of adjacent Chinese characters only when asked', () => {
    const pairs = (terms: string[]) => terms.filter((t) => t.startsWith('z:'));
    expect(pairs(lexicalTerms('怎么取消订单？'))).toEqual([]);
    expect(pairs(lexicalTerms('怎么取消订单？ order E1042', undefined, true))).toEqual(['z:怎么', 'z:么取', 'z:取消', 'z:消订', 'z:订单']);
    expect(pairs(lexicalTerms('cancel my order', undefined, true))).toEqual([]);
  });
});
