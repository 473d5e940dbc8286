import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingProvider } from '../retrieval/embeddings/provider.js';
import type { Glossary } from '../retrieval/glossary.js';
import { IntentClassifier, type IntentPrediction, type LabelledText } from './classifier.js';
import { isDevRow } from './eval/metrics.js';
import { Featurizer } from './features.js';
import { assessFrustration, type Frustration } from './frustration.js';
import type { IntentCatalog, IntentCategory, IntentDefinition } from './intent-catalog.js';
import { messageLanguage, type MessageLanguage } from './language.js';
import { assessPriority, type CustomerTier, type PriorityResult } from './priority.js';
import { sentiment as scoreSentiment } from './sentiment/index.js';
import { isHumanRequest } from './signals.js';

export interface RecognisedIntent {
  name: string;
  probability: number;
  category: IntentCategory;
  skill: string;
}

export interface MessageUnderstanding {
  language: MessageLanguage;
  intents: RecognisedIntent[];
  /** The best guess even when out of scope (for reporting). */
  topIntent: RecognisedIntent;
  outOfScope: boolean;
  /** Sentiment of the latest message, [-1, 1]. */
  sentiment: number;
  frustration: Frustration;
  /** The latest message explicitly asks for a person. */
  humanRequested: boolean;
  priority: PriorityResult;
}

const HASH_BITS = 15;
const TRAINING = { epochs: 12, learningRate: 0.15, l2: 1e-5 } as const;
const MODEL_VERSION = 4; // 4: the tokenizer reads A-not-A questions as A
// Intents at least this likely count towards priority.
const CONFIDENT = 0.5;
// The catalog's intent for complaints about the bot itself: a frustration signal when confident.
const BOT_COMPLAINT_INTENT = 'feedback_bot';

function trainingExamples(catalog: IntentCatalog): LabelledText[] {
  const out: LabelledText[] = [];
  for (const intent of catalog.intents) for (const text of [...intent.examples.en, ...intent.examples.zh]) out.push({ text, labels: [intent.name] });
  for (const text of [...(catalog.out_of_scope?.en ?? []), ...(catalog.out_of_scope?.zh ?? [])]) out.push({ text, labels: [] });
  return out;
}

/**
 * What a customer's message means for support: language, intents (out of scope when the evidence
 * is weak), sentiment, conversation frustration with named signals, and P1–P4 priority.
 */
export class Understander {
  private readonly byName: Map<string, IntentDefinition>;

  private constructor(
    readonly catalog: IntentCatalog,
    readonly classifier: IntentClassifier,
    /** Seconds spent training (0 when the model came from the cache). */
    readonly trainSeconds: number,
  ) {
    this.byName = new Map(catalog.intents.map((i) => [i.name, i]));
  }

  /**
   * Trains the intent model from the catalog, or loads it from `<cacheDir>/models` when the same
   * catalog was trained with the same embedder before (the key hashes both).
   */
  static async create(
    catalog: IntentCatalog,
    options: {
      embedder: EmbeddingProvider | null;
      /** Embeds live messages (same model as `embedder`, without its disk cache); default `embedder`. */
      liveEmbedder?: EmbeddingProvider | null;
      glossary?: Glossary;
      cacheDir?: string;
    },
  ): Promise<Understander> {
    const featurizer = new Featurizer({ embedder: options.embedder, glossary: options.glossary, hashBits: HASH_BITS });
    const live = options.liveEmbedder === undefined ? featurizer : new Featurizer({ embedder: options.liveEmbedder, glossary: options.glossary, hashBits: HASH_BITS });
    const key = createHash('sha256')
      .update(JSON.stringify({ v: MODEL_VERSION, catalog, embedder: featurizer.embedderId, glossary: options.glossary?.groups.length ?? 0, TRAINING, HASH_BITS }))
      .digest('hex')
      .slice(0, 24);
    const file = options.cacheDir ? path.join(options.cacheDir, 'models', `intents-${key}.json`) : null;
    if (file) {
      try {
        return new Understander(catalog, IntentClassifier.fromJSON(live, JSON.parse(await readFile(file, 'utf8'))), 0);
      } catch {
        // not cached yet (or unreadable): train below
      }
    }
    const started = performance.now();
    const examples = trainingExamples(catalog);
    // Calibrate and set thresholds on a held-out 15%, then train the final model on everything.
    const dev = examples.filter((e) => isDevRow(e.text, 0.15));
    const probe = await IntentClassifier.train(
      featurizer,
      examples.filter((e) => !isDevRow(e.text, 0.15)),
      { ...TRAINING, loss: 'softmax', dev, maxOutOfScopeFpr: 0.05 },
    );
    const classifier = await IntentClassifier.train(featurizer, examples, { ...TRAINING, loss: 'softmax', thresholds: probe.thresholds });
    classifier.model.temperature = probe.model.temperature;
    const seconds = (performance.now() - started) / 1000;
    if (file) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, JSON.stringify(classifier.toJSON()));
      await rename(`${file}.tmp`, file);
    }
    return new Understander(catalog, live === featurizer ? classifier : IntentClassifier.fromJSON(live, classifier.toJSON()), seconds);
  }

  private recognised(p: IntentPrediction['top']): RecognisedIntent {
    const def = this.byName.get(p.name)!;
    return { name: p.name, probability: Math.round(p.probability * 1000) / 1000, category: def.category, skill: def.skill };
  }

  /** The intents of a text on its own (a follow-up made standalone), for ranking passages for it. */
  async intentsOf(text: string): Promise<Pick<MessageUnderstanding, 'intents' | 'outOfScope'>> {
    const [p] = await this.classifier.predictMany([text]);
    return { intents: p!.intents.map((i) => this.recognised(i)), outOfScope: p!.outOfScope };
  }

  /** Understands the latest of `turns` (the customer's messages, oldest first) in its conversation. */
  async analyze(turns: readonly string[], options: { tier?: CustomerTier } = {}): Promise<MessageUnderstanding> {
    const latest = turns.at(-1) ?? '';
    // Every turn is classified: the latest gives the message's intents, all of them the priority
    // (an outage reported two turns ago is still an outage).
    // Several requests in one message ("I demand a refund, put me through to a person!"): each
    // clause is classified too. Turns and clauses go to the embedder in one batch.
    const clauses = latest.split(/[,.!?;，。！？；]+|\s+(?:and|but|also)\s+/i).map((c) => c.trim()).filter((c) => c.length >= 4);
    const texts = turns.length ? [...turns] : [''];
    const all = await this.classifier.predictMany(clauses.length >= 2 ? [...texts, ...clauses] : texts);
    const predictions = all.slice(0, texts.length);
    const prediction = predictions.at(-1)!;
    const confident = predictions
      .flatMap((p) => p.intents)
      .filter((i) => i.probability >= CONFIDENT)
      .sort((a, b) => b.probability - a.probability)
      .map((i) => this.recognised(i));
    const sentiments = turns.map((t) => scoreSentiment(t).score);
    const frustration = assessFrustration(turns, { botComplaint: prediction.intents.some((i) => i.name === BOT_COMPLAINT_INTENT && i.probability >= CONFIDENT) });
    const intents = prediction.intents.map((i) => this.recognised(i));
    // A clause's confident intent joins the message's.
    if (!prediction.outOfScope && clauses.length >= 2) {
      for (const p of all.slice(texts.length)) {
        if (!p.outOfScope && p.top.probability >= CONFIDENT && !intents.some((i) => i.name === p.top.name)) intents.push(this.recognised(p.top));
      }
    }
    const humanRequested = isHumanRequest(latest);
    const priority = assessPriority({
      turns,
      categories: confident.map((i) => i.category),
      intents: confident.map((i) => i.name),
      frustration: frustration.level,
      sentiment: sentiments.at(-1) ?? 0,
      tier: options.tier ?? 'standard',
    });
    return {
      language: messageLanguage(latest),
      intents,
      topIntent: this.recognised(prediction.top),
      outOfScope: prediction.outOfScope,
      sentiment: sentiments.at(-1) ?? 0,
      frustration,
      humanRequested,
      priority,
    };
  }
}
