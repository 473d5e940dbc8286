import { beforeEach, describe, expect, it } from 'vitest';
import { LexicalIndex } from './lexical-index.js';

const DOCS = [
  {
    id: 'refund',
    title: 'Refunds',
    question: 'How do I get my money back?',
    text: 'Open Orders, choose the order and request a refund. It is issued within 5 days.',
  },
  { id: 'password', title: 'Account', question: 'How do I reset my password?', text: 'Use the Forgot password link on the sign-in page.' },
  { id: 'xr200-plain', title: 'XR200 setup', question: 'How do I pair the XR200?', text: 'Hold the button for 5 seconds.' },
  { id: 'xr200-hyphen', title: 'XR-200 battery', question: 'How long does the XR-200 battery last?', text: 'About 10 hours.' },
  { id: 'e1042', title: 'Error codes', question: 'What does error E1042 mean?', text: 'E1042 means the sensor is disconnected.' },
  { id: 'e1043', title: 'Error codes', question: 'What does error E1043 mean?', text: 'E1043 means the battery is overheating.' },
  { id: 'zh-refund', title: '退款', question: '退款多久能到账？', text: '退款一般在3到5个工作日内原路退回。' },
  { id: 'zh-login', title: '账号', question: '登录失败怎么办？', text: '请确认密码正确，或使用短信验证码登录。' },
  { id: 'zh-invoice', title: '发票', question: '如何开具发票？', text: '在订单详情页申请电子发票。' },
  { id: 'wifi', title: 'Connectivity', question: 'The device will not connect to Wi-Fi', text: 'Restart the router and the device.' },
];

const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id);

describe('LexicalIndex', () => {
  let index: LexicalIndex;

  beforeEach(() => {
    index = new LexicalIndex();
    index.add(DOCS);
  });

  it('counts the documents it holds', () => {
    expect(index.size).toBe(DOCS.length);
  });

  it('matches English inflections through stemming', () => {
    const hits = index.search('refunds', 5);
    expect(ids(hits)[0]).toBe('refund');
    expect(hits[0]!.score).toBeGreaterThan(0);
  });

  it('tolerates a typo in a longer word', () => {
    expect(ids(index.search('pasword', 5))[0]).toBe('password');
  });

  it('matches a product code with or without its hyphen', () => {
    for (const query of ['XR-200', 'xr200']) {
      expect(new Set(ids(index.search(query, 5))), query).toEqual(new Set(['xr200-plain', 'xr200-hyphen']));
    }
  });

  it('matches an error code exactly: no fuzzy hit on a neighbouring code', () => {
    const hits = ids(index.search('E1042', 5));
    expect(hits[0]).toBe('e1042');
    expect(hits).not.toContain('e1043');
  });

  it('does not match a code by prefix', () => {
    expect(index.search('E104', 5)).toEqual([]);
  });

  it('finds a Chinese question phrased differently', () => {
    expect(ids(index.search('退款多久到账', 5))[0]).toBe('zh-refund');
  });

  it('finds a Chinese login question from 无法登录', () => {
    expect(ids(index.search('无法登录', 5))[0]).toBe('zh-login');
  });

  it('canonicalises Wi-Fi spellings between query and document', () => {
    expect(ids(index.search('wifi not connecting', 5))[0]).toBe('wifi');
  });

  it('ranks by descending score and honours k', () => {
    const hits = index.search('error battery', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });

  describe('field selection', () => {
    it("field 'answer' searches only the text", () => {
      // "issued" is only in the refund answer; "pair" is only in a question and a title
      expect(ids(index.search('issued', 5, { field: 'answer' }))).toEqual(['refund']);
      expect(index.search('pair', 5, { field: 'answer' })).toEqual([]);
    });

    it("field 'question' searches only the question", () => {
      expect(ids(index.search('pair', 5, { field: 'question' }))).toEqual(['xr200-plain']);
      expect(index.search('issued', 5, { field: 'question' })).toEqual([]);
      // "Refunds" is in the refund doc's title, not its question
      expect(index.search('refunds', 5, { field: 'question' })).toEqual([]);
    });

    it("field 'all' also searches the title", () => {
      expect(ids(index.search('connectivity', 5))).toEqual(['wifi']);
    });
  });

  it('no longer returns a deleted document', () => {
    index.delete(['password', 'not-there']);
    expect(index.search('password', 5)).toEqual([]);
    expect(index.size).toBe(DOCS.length - 1);
  });

  it('replaces a document re-added under the same id', () => {
    index.add([{ id: 'password', title: 'Account', question: 'How do I change my username?', text: 'Open Settings.' }]);
    expect(index.size).toBe(DOCS.length);
    expect(index.search('password', 5)).toEqual([]);
    expect(ids(index.search('username', 5))).toEqual(['password']);
  });

  it('restricts results to ids passing the filter', () => {
    const hits = ids(index.search('error battery', 10, { filter: (id) => id !== 'e1043' && id !== 'xr200-hyphen' }));
    expect(hits).not.toContain('e1043');
    expect(hits).not.toContain('xr200-hyphen');
    expect(hits).toContain('e1042');
  });

  it('returns nothing for a query made only of stop words', () => {
    expect(index.search('how do I', 5)).toEqual([]);
  });
});
