import { describe, expect, it } from 'vitest';
import type { IntentClassifier } from '../intents/classifier.js';
import { defaultGlossary } from '../retrieval/glossary.js';
import { LexicalIndex } from '../retrieval/lexical-index.js';
import { tokenize } from '../retrieval/tokenizer.js';
import type { Chunk, SearchHit } from '../retrieval/types.js';
import { CandidateRanker, errorCodes, mergeTranslations } from './ranker.js';

// The ranker's match signals on a small corpus: rare words ("thermostat") outweigh common ones
// ("how", "warranty" everywhere), and glossary concepts bridge wordings and languages.
const chunk = (id: string, title: string, text: string, language = 'en', tags?: string[]): Chunk => ({
  id,
  docId: id,
  kind: 'faq',
  title,
  question: title,
  text,
  headingPath: [],
  language,
  source: 'test',
  position: 0,
  metadata: tags ? { tags } : {},
});

const CHUNKS = [
  chunk('hub-warranty', 'What does the hub warranty cover?', 'The hub has a 2-year warranty. Contact us to claim it.'),
  chunk('plug-warranty', 'What does the plug warranty cover?', 'The plug has a 2-year warranty. Contact us to claim it.'),
  chunk('thermostat-warranty', 'What does the thermostat warranty cover?', 'The thermostat has a 2-year warranty. Contact us to claim it.'),
  chunk('eu-shipping', 'Do you ship abroad?', 'We deliver to the European Union in 7–14 business days.'),
  chunk('shipping', 'How much is shipping?', 'Standard shipping takes 3–5 business days.', 'en', ['delivery cost']),
];
const lexical = new LexicalIndex();
lexical.add(CHUNKS);
// No intents: these tests are about the match signals alone.
const classifier = { predictMany: async (texts: string[]) => texts.map(() => ({ intents: [], top: { name: 'none', probability: 0 }, scores: [], outOfScope: true })) } as unknown as IntentClassifier;
const ranker = new CandidateRanker(classifier, { corpus: lexical, glossary: defaultGlossary() });
const hits = (...ids: string[]): SearchHit[] => ids.map((id, i) => ({ chunk: CHUNKS.find((c) => c.id === id)!, score: 1 - i * 0.1 }));
const context = (query: string) => ({ query, intents: [], outOfScope: false });

describe('CandidateRanker signals', () => {
  it('knows the passages that do not name the error code the customer quoted, and the words the KB hardly uses', async () => {
    expect(errorCodes('提示E2201，then E2201 again and e1042')).toEqual(['e2201', 'e1042']);
    const [hub, plug] = await ranker.features(hits('hub-warranty', 'plug-warranty'), context('hub says E4002, is the warranty voided?'));
    expect(hub!.missingCode).toBe(1);
    expect(plug!.missingCode).toBe(1);
    const [named] = await new CandidateRanker(classifier, { corpus: lexical }).features([{ chunk: chunk('e4002', 'What does E4002 mean?', 'E4002: the plug overheated.'), score: 1 }], context('hub says E4002'));
    expect(named!.missingCode).toBe(0);
    const [none] = await ranker.features(hits('hub-warranty'), context('does the hub warranty cover a dead screen'));
    expect(none!.missingCode).toBe(0);
    // "senior" and "citizens" appear in no passage; "discount" neither, "warranty" in three.
    const [senior] = await ranker.features(hits('hub-warranty'), context('senior citizens discount on the warranty'));
    expect(senior!.unknownTerms).toBeCloseTo(3 / 4);
  });

  it('weights the query terms by their rarity: the product named outweighs the words every passage has', async () => {
    const [hub, thermostat] = await ranker.features(hits('hub-warranty', 'thermostat-warranty'), context('does the thermostat warranty cover a dead screen'));
    expect(thermostat!.coverage).toBeGreaterThan(hub!.coverage);
    expect(thermostat!.idfCoverage - hub!.idfCoverage).toBeGreaterThan(thermostat!.coverage - hub!.coverage);
    const idf = (word: string) => lexical.idf(tokenize(word)[0]!); // the index holds stemmed terms
    expect(idf('thermostat')).toBeGreaterThan(idf('warranty'));
  });

  it("matches the query against each wording of an entry's question, its alternates included", async () => {
    const withAlternates: Chunk = { ...CHUNKS[4]!, id: 'shipping-alt', docId: 'shipping-alt', alternates: ['how many days until my parcel shows up'] };
    const [plain, alt] = await ranker.features([{ chunk: CHUNKS[4]!, score: 1 }, { chunk: withAlternates, score: 0.9, questionSimilarity: 0.8 }], context('how many days until the parcel shows up'));
    expect(alt!.questionMatch).toBeGreaterThan(0.8);
    expect(plain!.questionMatch).toBeLessThan(0.3);
    expect(alt!.questionDense).toBe(0.8);
    expect(plain!.questionDense).toBe(0);
    // The query's words found in any wording count as covered, not only those of the answer text.
    expect(alt!.idfCoverage).toBe(plain!.idfCoverage);
    expect(alt!.idfCoverageAll).toBeGreaterThan(plain!.idfCoverageAll);
    expect(plain!.idfCoverageAll).toBe(plain!.idfCoverage);
  });

  it("matches a manual section's example questions like an entry's wordings", async () => {
    const section: Chunk = { ...chunk('hub-manual', 'Hub manual', 'The LED pulses blue while the hub waits for setup.'), kind: 'manual', question: 'Setup', headingPath: ['Setup'], alternates: ['why is the light on my hub flashing blue'] };
    const [f] = await ranker.features([{ chunk: section, score: 1 }], context('the light on my hub keeps flashing blue'));
    expect(f!.questionMatch).toBeGreaterThan(0.6);
    expect(f!.idfCoverageAll).toBeGreaterThan(f!.idfCoverage);
  });

  it('counts the glossary concepts a passage names in any wording or language', async () => {
    const [eu, domestic] = await ranker.features(hits('eu-shipping', 'shipping'), context('寄到欧盟要多久'));
    expect(eu!.concepts).toBeGreaterThan(0);
    expect(eu!.concepts).toBeGreaterThan(domestic!.concepts);
  });

  it("reads an FAQ's tags as part of its title", async () => {
    const [tagged, untagged] = await ranker.features(hits('shipping', 'eu-shipping'), context('delivery cost'));
    expect(tagged!.titleCoverage).toBe(1);
    expect(untagged!.titleCoverage).toBe(0);
  });
});

describe('mergeTranslations', () => {
  const en = { ...chunk('refund-en', 'When will I get my refund?', 'Within 5–10 business days.') };
  const zh = { ...chunk('refund-zh', '退款多久到账？', '5–10 个工作日内到账。', 'zh'), metadata: { translationOf: 'refund-en' } };
  const other = chunk('returns-en', 'What is your return policy?', '30 days.');

  it('makes an answer and its translation one candidate, with their probabilities together, in the customer\'s language', () => {
    const ranked = [
      { chunk: other, probability: 0.4 },
      { chunk: en, probability: 0.3 },
      { chunk: zh, probability: 0.25 },
    ];
    const zhView = mergeTranslations(ranked, 'zh');
    expect(zhView.map((h) => [h.chunk.id, h.probability])).toEqual([['refund-zh', 0.55], ['returns-en', 0.4]]);
    expect(mergeTranslations(ranked, 'en')[0]!.chunk.id).toBe('refund-en');
  });

  it('leaves entries without translations as they were', () => {
    const ranked = [{ chunk: other, probability: 0.5 }, { chunk: en, probability: 0.2 }];
    expect(mergeTranslations(ranked, 'en')).toEqual(ranked);
  });
});
