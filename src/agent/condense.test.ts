import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultGlossary } from '../retrieval/glossary.js';
import { condenseFollowUp, isFollowUp, mayContinue, readings, startsAfresh } from './condense.js';

const glossary = defaultGlossary();

// Written two-turn exchanges (EN + ZH): a follow-up carries the previous turn's topic; a new,
// complete question carries nothing over.
interface Exchange {
  id: string;
  turns: [string, string];
  gold_ids: string[];
  must_contain: string[];
  must_not_contain: string[];
}
const exchanges = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/agent/followups.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Exchange);

describe(`follow-up condensing without an LLM (${exchanges.length} exchanges)`, () => {
  it('has at least 20, in English and Chinese', () => {
    expect(exchanges.length).toBeGreaterThanOrEqual(20);
    expect(exchanges.filter((e) => e.id.includes('-zh-')).length).toBeGreaterThanOrEqual(5);
  });

  const results = exchanges.map((e) => {
    const q = condenseFollowUp(e.turns[0], e.turns[1], glossary).toLowerCase();
    const missing = e.must_contain.filter((w) => !q.includes(w.toLowerCase()));
    const carried = e.must_not_contain.filter((w) => q.includes(w.toLowerCase()));
    return { e, q, ok: missing.length === 0 && carried.length === 0, missing, carried };
  });

  it('makes at least 90% of follow-ups standalone with the right terms', () => {
    const followUps = results.filter((r) => r.e.must_not_contain.length === 0);
    const failed = followUps.filter((r) => !r.ok).map((r) => `${r.e.id}: "${r.q}" lacks ${r.missing.join(', ')}`);
    expect(failed.length / followUps.length, failed.join('\n')).toBeLessThanOrEqual(0.1);
  });

  it('never carries the old topic into a new, complete question', () => {
    const fresh = results.filter((r) => r.e.must_not_contain.length > 0);
    expect(fresh.length).toBeGreaterThanOrEqual(6);
    expect(fresh.filter((r) => !r.ok).map((r) => `${r.e.id}: "${r.q}"`)).toEqual([]);
  });

  it('replaces the product asked about before, by code or by word, but keeps the error code', () => {
    expect(condenseFollowUp('how do I factory reset the hub', 'and the smart plug?', glossary)).toBe('and the smart plug? factory reset');
    expect(condenseFollowUp('how do I factory reset the XR-200', 'and the smart plug?', glossary)).toBe('and the smart plug? factory reset');
    expect(condenseFollowUp('网关怎么恢复出厂设置', '那摄像头呢', glossary)).toBe('那摄像头呢 恢复出厂设置');
    expect(readings('加灯泡的时候报E1042', '灯泡装在阳台上 离网关七八米吧', glossary)[1]).toContain('e1042');
  });

  it('leaves a first message alone', () => {
    expect(condenseFollowUp(null, 'and the P2?')).toBe('and the P2?');
  });

  it('gives a short message with a topic of its own two readings, others one', () => {
    expect(mayContinue('灯是红色常亮的', glossary)).toBe(true);
    expect(readings('网关离线了', '灯是红色常亮的', glossary)).toEqual(['灯是红色常亮的', '灯是红色常亮的 网关离线']);
    expect(readings('how long is the warranty on the C4 camera?', 'and the P2?', glossary)).toHaveLength(1);
    expect(readings('where is my order', 'How do I change the delivery address on my order before it ships?', glossary)).toEqual(['How do I change the delivery address on my order before it ships?']);
    expect(readings(null, '灯是红色常亮的', glossary)).toEqual(['灯是红色常亮的']);
  });

  it('gives a longer message that names no product a second reading with the product just discussed', () => {
    const long = 'moved the lamp away and restarted it, the code is still there an hour later. can I get it swapped?';
    // A question about "it": the whole last topic, product and all.
    expect(readings('T3 shows E2210 and reads 38 degrees', long, glossary)).toEqual([long, `${long} t3 e2210 shows reads 38 degrees`]);
    const statement = 'moved the lamp away and restarted the whole thing, the code is still there an hour later';
    expect(readings('T3 shows E2210 and reads 38 degrees', statement, glossary)).toEqual([statement, `${statement} t3 e2210`]);
    const named = 'my C4 camera also lost its wifi connection this morning after the router restarted, what now?';
    expect(readings('T3 shows E2210 and reads 38 degrees', named, glossary)).toEqual([named]);
    const general = 'separately from that, how do I change the email address on my account and keep my devices?';
    expect(readings('how do I delete my account', general, glossary)).toEqual([general]);
  });

  // "另外想问问 宽带太贵了" after the camera's picture quality was answered 0.96 from the camera manual.
  it('carries no topic into a question announced as a new one, unless it points back', () => {
    expect(startsAfresh('另外想问问 我家宽带一个月200太贵了 换哪家划算')).toBe(true);
    expect(readings('C4的画质能调吗 2K 1080p', '另外想问问 我家宽带一个月200太贵了 换哪家划算', glossary)).toEqual(['另外想问问 我家宽带一个月200太贵了 换哪家划算', '另外想问问 我家宽带一个月200太贵了 换哪家划算 c4']);
    const fresh = readings('hub shows E1001 after I changed the router', 'diff question, do you do a student discount?', glossary);
    expect(fresh[0]).toBe('diff question, do you do a student discount?');
    expect(fresh.some((q) => /router|changed/.test(q))).toBe(false);
    expect(isFollowUp('unrelated, what about shipping?')).toBe(false);
    // Pointing back: still the last topic.
    expect(startsAfresh('btw does it work with Alexa')).toBe(false);
    expect(startsAfresh('另外 这个支持5G吗')).toBe(false);
  });

  it('gives a longer question that points back the last topic too, not a statement', () => {
    const asks = "what time do they usually happen? dont want the lights flickering while we're still up";
    expect(readings('do firmware updates install by themselves?', asks, glossary)).toEqual([asks, `${asks} firmware updates install`]);
    const tells = "it says Delivered since yesterday but there's nothing here and the neighbours don't have it either";
    expect(readings('how do I check my order status?', tells, glossary).some((q) => q.includes('status'))).toBe(false);
  });

  it('reads short or referring messages as follow-ups, full questions not', () => {
    expect(isFollowUp('那退款呢')).toBe(true);
    expect(isFollowUp('链接多久有效', glossary)).toBe(true);
    expect(isFollowUp('怎么注销账号？', glossary)).toBe(false);
    expect(isFollowUp('what about the C4?')).toBe(true);
    expect(isFollowUp('How do I change the delivery address on my order before it ships?')).toBe(false);
  });
});
