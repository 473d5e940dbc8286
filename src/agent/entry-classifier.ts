import { IntentClassifier, type LabelledText } from '../intents/classifier.js';
import { Featurizer } from '../intents/features.js';
import type { Glossary } from '../retrieval/glossary.js';
import type { Chunk } from '../retrieval/types.js';

/** The answer a passage gives, whatever its language: an FAQ entry and its translations are one. */
export const answerKey = (c: Pick<Chunk, 'docId' | 'metadata'>) => c.metadata.translationOf ?? c.docId;

// Out of fold on the dev suites, 20 epochs did as well as 40 and better than 8.
const TRAINING = { epochs: 20, learningRate: 0.2, l2: 1e-5 } as const;
// Lexical features only: a sentence embedding here did worse out of fold (the ranker reads the
// embedder already), and without one training takes about a second, not eight. The hashed space
// is as large as a budget of weights allows (one per feature and class): out of fold 2^15 beat
// 2^14 (fewer collisions) and did as well as 2^17; a KB with many answers gets a smaller one.
const WEIGHT_BUDGET = 1 << 22;
const MIN_HASH_BITS = 12;
const MAX_HASH_BITS = 15;
const hashBits = (classes: number) => Math.min(MAX_HASH_BITS, Math.max(MIN_HASH_BITS, Math.floor(Math.log2(WEIGHT_BUDGET / classes))));
// A sentence this short says nothing about which answer it belongs to ("Tap Save.").
const MIN_SENTENCE = 9;

const sentences = (text: string) => text.split(/(?<=[.!?。！？])\s*/).filter((s) => s.trim().length >= MIN_SENTENCE);

/**
 * Which of the knowledge base's answers a message asks for, learned from the knowledge base itself:
 * an FAQ entry's question and alternate wordings (in every language it is written in), a manual's
 * headings, example questions and sentences, are the examples of one class each. Unlike term overlap, a
 * discriminative model learns which words tell neighbouring answers apart (cancelling an order vs
 * returning one) and, through the glossary's concept features, carries a Chinese wording's
 * evidence to its English answer. Its probability is one of the ranker's signals.
 */
export class EntryClassifier {
  private constructor(private readonly classifier: IntentClassifier) {}

  /** The labelled texts the classifier learns from, one class per answer. */
  static examples(chunks: Iterable<Chunk>): LabelledText[] {
    const out: LabelledText[] = [];
    for (const c of chunks) {
      const texts = c.kind === 'faq' ? [c.question, ...(c.alternates ?? [])] : [c.question, ...(c.alternates ?? []), ...sentences(c.text)];
      for (const text of texts) if (text.trim()) out.push({ text, labels: [answerKey(c)] });
    }
    return out;
  }

  /** Null when there are fewer than two answers to tell apart. */
  static async train(chunks: Iterable<Chunk>, glossary?: Glossary): Promise<EntryClassifier | null> {
    const examples = EntryClassifier.examples(chunks);
    const classes = new Set(examples.map((e) => e.labels[0])).size;
    if (classes < 2) return null;
    // Chinese character pairs too: a word the segmenter splits differently in a customer's message still matches.
    const featurizer = new Featurizer({ embedder: null, glossary, hashBits: hashBits(classes), hanBigrams: true });
    return new EntryClassifier(await IntentClassifier.train(featurizer, examples, { ...TRAINING, loss: 'softmax' }));
  }

  /** Each answer's probability for `text` (answer key -> probability), likeliest first. */
  async scores(text: string): Promise<Map<string, number>> {
    const [p] = await this.classifier.predictMany([text]);
    return new Map(p!.scores.map((s) => [s.name, s.probability]));
  }
}

/** What the ranker asks of the answer classifier. */
export interface AnswerScorer {
  /** Answer key -> probability, likeliest first. */
  scores(text: string): Promise<Map<string, number>>;
}

/** The knowledge base as the answer classifier needs it: its passages, and whether they changed. */
export interface ChangingKnowledge {
  readonly revision: number;
  documents(): ReadonlyArray<{ id: string }>;
  chunksOf(docId: string): Chunk[];
}

/**
 * An answer classifier that follows its knowledge base: after an ingest or a removal, the next
 * message retrains it (once, however many messages wait on it), so a newly published entry is
 * as findable as the others and a removed one is no longer a class.
 */
export class KnowledgeAnswers implements AnswerScorer {
  private trained: { revision: number; classifier: Promise<EntryClassifier | null> } | null = null;

  constructor(
    private readonly kb: ChangingKnowledge,
    private readonly glossary?: Glossary,
  ) {}

  /** The classifier for the knowledge base as it is now. */
  current(): Promise<EntryClassifier | null> {
    const revision = this.kb.revision;
    if (this.trained?.revision !== revision) {
      const chunks = this.kb.documents().flatMap((d) => this.kb.chunksOf(d.id));
      const classifier = EntryClassifier.train(chunks, this.glossary);
      // A failed training is tried again on the next message, not remembered.
      classifier.catch(() => {
        if (this.trained?.classifier === classifier) this.trained = null;
      });
      this.trained = { revision, classifier };
    }
    return this.trained.classifier;
  }

  /** Empty when there is no classifier (or it could not be trained): the ranker goes on without the signal. */
  async scores(text: string): Promise<Map<string, number>> {
    try {
      return (await (await this.current())?.scores(text)) ?? new Map();
    } catch {
      return new Map();
    }
  }
}
