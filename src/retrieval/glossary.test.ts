import { describe, expect, it } from 'vitest';
import { defaultGlossary, Glossary } from './glossary.js';

const g = new Glossary([
  { zh: ['退款', '退钱'], en: ['refund', 'money back'] },
  { zh: ['重置', '恢复出厂设置'], en: ['reset', 'factory reset'] },
  { zh: ['密码'], en: ['password'] },
  { zh: [], en: ['reset password', 'forgot password'] },
]);

describe('Glossary', () => {
  it('matches the longest term first and never overlapping terms', () => {
    expect(g.match('how do I reset password').map((m) => m.term)).toEqual(['reset password']);
    expect(g.match('恢复出厂设置后密码').map((m) => m.term)).toEqual(['恢复出厂设置', '密码']);
  });

  it('matches English on word boundaries only', () => {
    expect(g.match('refunded? refunds?')).toEqual([]);
    expect(g.match('Refund please').map((m) => m.term)).toEqual(['Refund']);
  });

  it('expands a concept to its synonyms and translations, one list per concept, without what is present', () => {
    expect(g.expansions('我要退钱')).toEqual([['退款', 'refund', 'money back']]);
    expect(g.expansions('refund and reset')).toEqual([
      ['退款', '退钱', 'money back'],
      ['重置', '恢复出厂设置', 'factory reset'],
    ]);
  });

  it('renders a Chinese message as its English support terms', () => {
    expect(g.gist('退钱以后要重置吗')).toBe('refund reset');
  });

  it('the shipped glossary loads and bridges common support wording', () => {
    const shipped = defaultGlossary();
    expect(shipped.groups.length).toBeGreaterThan(300);
    expect(shipped.expansions('满多少包邮').flat()).toContain('免运费');
    expect(shipped.expansions('有礼品卡卖吗').flat()).toContain('gift card');
    expect(shipped.expansions('转人工').flat().some((t) => /human|agent/.test(t))).toBe(true);
  });
});
