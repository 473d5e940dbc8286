import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenizer.js';

describe('tokenize', () => {
  describe('product and error codes', () => {
    it('keeps a code whole and drops the hyphen, whatever the case', () => {
      expect(tokenize('XR-200')).toEqual(['xr200']);
      expect(tokenize('xr200')).toEqual(['xr200']);
      expect(tokenize('XR_200')).toEqual(['xr200']);
    });

    it('keeps error codes whole (not split into letters and digits)', () => {
      expect(tokenize('E1042')).toEqual(['e1042']);
      expect(tokenize('Error E1042 on startup')).toContain('e1042');
      expect(tokenize('Error E1042 on startup')).not.toContain('1042');
    });

    it('does not stem a code or merge neighbouring codes', () => {
      expect(tokenize('XR-200s and E1042')).toEqual(expect.arrayContaining(['xr200s', 'e1042']));
      expect(tokenize('E1042')).not.toEqual(tokenize('E1043'));
    });
  });

  describe('canonical spellings', () => {
    it('maps every Wi-Fi spelling to one token', () => {
      for (const spelling of ['Wi-Fi', 'wifi', 'wi fi', 'WiFi', 'WI-FI']) {
        expect(tokenize(spelling), spelling).toEqual(['wifi']);
      }
    });

    it('maps log in / log-in / login, and e-mail / email, to one token', () => {
      expect(tokenize('log in')).toEqual(['login']);
      expect(tokenize('log-in')).toEqual(['login']);
      expect(tokenize('Login')).toEqual(['login']);
      expect(tokenize('e-mail')).toEqual(tokenize('email'));
    });
  });

  describe('English', () => {
    it('drops stop words and stems', () => {
      expect(tokenize('The refunds are being processed')).toEqual(['refund', 'process']);
    });

    it('stems inflections to the same term', () => {
      expect(tokenize('refunds')).toEqual(tokenize('refund'));
      expect(tokenize('connecting')).toEqual(tokenize('connected'));
    });

    it("drops possessive 's and negations, and keeps bare numbers unstemmed", () => {
      expect(tokenize("the customer's order")).toEqual(tokenize('customer order'));
      expect(tokenize("doesn't")).toEqual([]);
      expect(tokenize('error 404')).toEqual(['error', '404']);
    });

    it('returns nothing for stop words only', () => {
      expect(tokenize('how do I do it?')).toEqual([]);
    });
  });

  describe('Chinese', () => {
    it('reads an A-not-A question as A (支不支持 -> 支持, 发没发 -> 发)', () => {
      expect(tokenize('支不支持')).toEqual(tokenize('支持'));
      expect(tokenize('到底发没发')).toEqual(tokenize('到底发'));
      expect(tokenize('可不可以退')).toEqual(tokenize('可以退'));
      expect(tokenize('差不多')).toContain('差不'); // not A-not-A: left alone
    });

    it('emits segmenter words plus overlapping bigrams', () => {
      const tokens = tokenize('退款申请');
      // words
      expect(tokens).toContain('退款');
      expect(tokens).toContain('申请');
      // the bigram that straddles the word boundary
      expect(tokens).toContain('款申');
      // a two-character word is both a word and a bigram, so it counts twice
      expect(tokens.filter((t) => t === '退款')).toHaveLength(2);
    });

    it('drops function words as segmenter words (they survive only as bigrams)', () => {
      const tokens = tokenize('请问怎么退款');
      const count = (t: string) => tokens.filter((x) => x === t).length;
      expect(count('退款')).toBe(2); // word + bigram
      expect(count('请问')).toBe(1); // bigram only
      expect(count('怎么')).toBe(1);
    });

    it('lets a query share terms with a longer phrasing of the same question', () => {
      const query = new Set(tokenize('退款多久到账'));
      const doc = new Set(tokenize('退款多久能到账？'));
      for (const t of ['退款', '多久', '到账']) {
        expect(query.has(t) && doc.has(t), t).toBe(true);
      }
    });
  });

  describe('mixed English and Chinese', () => {
    it('keeps codes and Wi-Fi whole inside Chinese text', () => {
      const tokens = tokenize('XR-200 无法连接 Wi-Fi');
      expect(tokens).toEqual(expect.arrayContaining(['xr200', 'wifi', '无法', '连接']));
      // Latin pieces never leak into Chinese bigrams or get split
      expect(tokens.every((t) => !/[a-z]/.test(t) || /^[a-z0-9]+$/.test(t))).toBe(true);
      expect(tokens).not.toContain('xr');
      expect(tokens).not.toContain('200');
    });

    it('finds a code written without spaces around Chinese', () => {
      const tokens = tokenize('我的XR-200连不上Wi-Fi');
      expect(tokens).toEqual(expect.arrayContaining(['xr200', 'wifi', '连不上']));
    });
  });

  describe('one function for query and document', () => {
    it('tokens of a short query are all found in a paraphrased document', () => {
      const query = tokenize('How do I reset my password?');
      const doc = new Set(tokenize('Steps to reset a forgotten password'));
      expect(query.length).toBeGreaterThan(0);
      expect(query.filter((t) => !doc.has(t))).toEqual([]);
    });

    it('is idempotent on its own output for Latin terms and codes', () => {
      const first = tokenize('Refunds for XR-200 over Wi-Fi');
      expect(tokenize(first.join(' '))).toEqual(first);
    });

    it('matches a code query regardless of how the document spells it', () => {
      const query = tokenize('xr200 battery');
      const doc = new Set(tokenize('How long does the XR-200 battery last?'));
      expect(query.every((t) => doc.has(t))).toBe(true);
    });
  });
});
