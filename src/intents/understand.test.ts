import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedEmbeddings } from '../retrieval/embeddings/cached.js';
import { UseLiteEmbeddings } from '../retrieval/embeddings/use-lite.js';
import { defaultGlossary } from '../retrieval/glossary.js';
import { loadIntentCatalog } from './intent-catalog.js';
import { Understander } from './understand.js';

// The real thing: the Lumen intent catalog, USE-lite embeddings, the shipped glossary, and the
// written conversations with their expected frustration, human request and priority.
const root = path.resolve(import.meta.dirname, '../..');
const catalog = loadIntentCatalog(path.join(root, 'fixtures/intents/lumen-intents.json'));
let cacheDir: string;
let understander: Understander;

interface Conversation {
  id: string;
  lang: string;
  tier: 'standard' | 'vip';
  turns: string[];
  expect: { frustration: 'low' | 'medium' | 'high'; human_requested: boolean; priority: string; signals: string[] };
}
const conversations = (
  await readFile(path.join(root, 'fixtures/conversations/lumen-conversations.jsonl'), 'utf8')
)
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Conversation);

const create = () => Understander.create(catalog, { embedder: new CachedEmbeddings(new UseLiteEmbeddings(), path.join(cacheDir, 'embeddings')), glossary: defaultGlossary(), cacheDir });

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'deskmate-understand-'));
  understander = await create();
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

describe('Understander on the Lumen catalog', () => {
  it('has at least 30 intents, including contact_human, with EN and ZH examples', () => {
    expect(catalog.intents.length).toBeGreaterThanOrEqual(30);
    expect(catalog.intents.find((i) => i.name === 'contact_human')?.category).toBe('handoff');
    for (const i of catalog.intents) expect(i.examples.en.length > 0 && i.examples.zh.length > 0, i.name).toBe(true);
  });

  it('caches the trained model by the hash of its training data', async () => {
    expect(understander.trainSeconds).toBeGreaterThan(0);
    const files = await readdir(path.join(cacheDir, 'models'));
    expect(files).toHaveLength(1);
    const again = await create();
    expect(again.trainSeconds).toBe(0); // loaded, not trained
    const [a, b] = await Promise.all([understander.analyze(['where is my order']), again.analyze(['where is my order'])]);
    expect(b.topIntent).toEqual(a.topIntent);
  });

  it.each([
    ['where is my package, it was supposed to arrive monday', 'order_status'],
    ['how long does the refund take to hit my card', 'refund_status'],
    ['E1042 when adding the door sensor', 'device_pairing'],
    ['退款多久到账', 'refund_status'],
    ['忘记密码了怎么办', 'password_reset'],
    ['我的账号被盗了', 'security_breach'],
    ['转人工', 'contact_human'],
    ['this bot is useless', 'feedback_bot'],
  ])('"%s" → %s', async (text, intent) => {
    const r = await understander.analyze([text]);
    expect(r.outOfScope).toBe(false);
    expect([r.topIntent.name, ...r.intents.map((i) => i.name)]).toContain(intent);
  });

  it('returns every intent of a message that asks for two things', async () => {
    const r = await understander.analyze(['I demand a refund, put me through to a real person!']);
    expect(r.intents.map((i) => i.name)).toEqual(expect.arrayContaining(['refund_request', 'contact_human']));
    expect(r.humanRequested).toBe(true);
  });

  it('marks most of what the business does not handle as out of scope (held-out phrasings)', async () => {
    const offTopic = [
      'how do I make pancakes',
      '帮我写一首关于秋天的诗',
      'who won the world cup in 2010',
      '今年诺贝尔奖给了谁',
      'what is the population of canada',
      'can you book a table for two tonight',
      '推荐几本好看的小说',
      'explain quantum physics to me',
    ];
    const results = await Promise.all(offTopic.map((t) => understander.analyze([t])));
    for (const r of results.filter((x) => x.outOfScope)) expect(r.intents).toEqual([]);
    // A small catalog cannot reject everything: at least three in four, and nothing in scope.
    expect(results.filter((r) => r.outOfScope).length).toBeGreaterThanOrEqual(6);
    for (const text of ['where is my order', '怎么退货', 'my camera shows E2003', 'hi']) expect((await understander.analyze([text])).outOfScope, text).toBe(false);
  });

  it('does not take an indirect mention of an agent for a request for one', async () => {
    const r = await understander.analyze(['could you ask an agent how to change my address?']);
    expect(r.humanRequested).toBe(false);
    expect(r.frustration.humanRequested).toBe(false);
    expect(r.topIntent.name).toBe('change_shipping_address');
  });

  it('names the language of each message, code-switching included', async () => {
    expect((await understander.analyze(['我的XR-200 offline了'])).language).toBe('zh');
    expect((await understander.analyze(['my XR-200 is offline'])).language).toBe('en');
    expect((await understander.analyze(['wo de hub lian bu shang wang le'])).language).toBe('zh');
  });
});

describe(`written conversations (${conversations.length})`, () => {
  it('there are at least 40, in English and Chinese', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(40);
    expect(conversations.filter((c) => c.lang === 'zh').length).toBeGreaterThanOrEqual(15);
    expect(conversations.filter((c) => c.lang === 'en').length).toBeGreaterThanOrEqual(15);
  });

  it.each(conversations.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const r = await understander.analyze(c.turns, { tier: c.tier });
    expect({
      frustration: r.frustration.level,
      human_requested: r.frustration.humanRequested,
      priority: r.priority.priority,
    }).toEqual({ frustration: c.expect.frustration, human_requested: c.expect.human_requested, priority: c.expect.priority });
    expect(r.priority.reasons.length).toBeGreaterThan(0);
    for (const s of r.frustration.signals) expect(s.evidence.length).toBeGreaterThan(0);
  });
});
