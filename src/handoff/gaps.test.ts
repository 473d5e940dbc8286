import { describe, expect, it } from 'vitest';
import { clusterGaps } from './gaps.js';

const at = (m: number) => new Date(Date.UTC(2026, 5, 1, 8, m));

describe('knowledge gaps', () => {
  it('groups similar escalated questions and counts them, biggest first', () => {
    const gaps = clusterGaps([
      { text: 'do you sell solar panels?', language: 'en', at: at(1) },
      { text: 'can I buy solar panels from lumen', language: 'en', at: at(2) },
      { text: 'what is the price of the door sensor', language: 'en', at: at(3) },
      { text: 'solar panels in stock?', language: 'en', at: at(4) },
      { text: '门磁传感器多少钱', language: 'zh', at: at(5) },
      { text: '门磁传感器的价格是多少', language: 'zh', at: at(6) },
      { text: 'door sensor price?', language: 'en', at: at(7) },
    ]);
    expect(gaps.map((g) => g.count)).toEqual([3, 2, 2]);
    expect(gaps[0]!.question).toMatch(/solar panels/);
    expect(gaps[0]!.lastSeen).toEqual(at(4));
    expect(gaps.find((g) => g.languages.includes('zh'))!.examples).toEqual(['门磁传感器的价格是多少', '门磁传感器多少钱']);
  });

  it('ignores messages with no terms', () => {
    expect(clusterGaps([{ text: '???', language: 'other', at: at(1) }])).toEqual([]);
  });
});
