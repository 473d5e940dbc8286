import type { FeatureVector, Featurizer } from './features.js';
import { LinearModel, type LinearLoss, type TrainOptions } from './linear-model.js';

/** The learned "none of the intents" class; never reported as an intent. */
export const OUT_OF_SCOPE = '__out_of_scope__';
const MIN_OOS_EXAMPLES = 20;

export interface LabelledText {
  text: string;
  /** Gold intents; [] marks an out-of-scope example. */
  labels: readonly string[];
}

export interface IntentScore {
  name: string;
  probability: number;
}

export interface IntentPrediction {
  /** Every intent at or above its threshold, most likely first (several for "refund, and get me a human"). */
  intents: IntentScore[];
  /** The most likely intent, even when out of scope. */
  top: IntentScore;
  /** Every intent's probability, most likely first ("none of these" left out). */
  scores: IntentScore[];
  outOfScope: boolean;
}

export interface Thresholds {
  /** Below this top probability the message is out of scope. */
  outOfScope: number;
  /** Besides the top intent, others at or above this probability are returned too. */
  multiIntent: number;
}

export interface ClassifierTrainOptions extends Partial<Omit<TrainOptions, 'loss'>> {
  loss?: LinearLoss;
  /** Held-out examples for calibration and thresholds; never the test split. */
  dev?: readonly LabelledText[];
  /** Out-of-scope false-positive rate the threshold may cost on dev (in-scope flagged as OOS). */
  maxOutOfScopeFpr?: number;
  thresholds?: Partial<Thresholds>;
}

/**
 * Intent classification with out-of-scope detection: a calibrated linear model over sentence
 * embeddings and lexical features. Thresholds are chosen on held-out data, never on test.
 */
export class IntentClassifier {
  private constructor(
    private readonly featurizer: Featurizer,
    readonly model: LinearModel,
    readonly thresholds: Thresholds,
  ) {}

  get intents(): readonly string[] {
    return this.model.classes.filter((c) => c !== OUT_OF_SCOPE);
  }

  static async train(featurizer: Featurizer, examples: readonly LabelledText[], options: ClassifierTrainOptions = {}): Promise<IntentClassifier> {
    const loss = options.loss ?? 'softmax';
    // With enough out-of-scope examples, "none of these" is learned as a class of its own (it has
    // vocabulary: recipes, weather, trivia); with few, they only pull the model towards doubt.
    const oosClass = loss === 'softmax' && examples.filter((e) => e.labels.length === 0).length >= MIN_OOS_EXAMPLES;
    const classes = [...new Set(examples.flatMap((e) => e.labels)), ...(oosClass ? [OUT_OF_SCOPE] : [])].sort();
    const index = new Map(classes.map((c, i) => [c, i]));
    const encode = (xs: readonly LabelledText[], features: FeatureVector[]) =>
      xs.map((e, i) => ({
        x: features[i]!,
        labels: e.labels.length === 0 && oosClass ? [index.get(OUT_OF_SCOPE)!] : e.labels.filter((l) => index.has(l)).map((l) => index.get(l)!),
      }));
    const train = encode(examples, await featurizer.featurize(examples.map((e) => e.text)));
    const model = LinearModel.train(train, classes, { dense: featurizer.denseDims, hash: featurizer.hashDims }, { ...options, loss });
    const classifier = new IntentClassifier(featurizer, model, { outOfScope: 0, multiIntent: loss === 'softmax' ? 0.3 : 0.5, ...options.thresholds });
    if (options.dev?.length) {
      const dev = encode(options.dev, await featurizer.featurize(options.dev.map((e) => e.text)));
      model.calibrate(dev);
      if (options.thresholds?.outOfScope === undefined) classifier.thresholds.outOfScope = chooseOutOfScopeThreshold(model, dev, options.maxOutOfScopeFpr ?? 0.03);
      if (loss === 'sigmoid' && options.thresholds?.multiIntent === undefined) classifier.thresholds.multiIntent = chooseMultiIntentThreshold(model, dev);
    }
    return classifier;
  }

  async predict(text: string): Promise<IntentPrediction> {
    const [p] = await this.predictMany([text]);
    return p!;
  }

  async predictMany(texts: readonly string[]): Promise<IntentPrediction[]> {
    const features = await this.featurizer.featurize(texts);
    return features.map((x) => this.decide(this.model.probabilities(x)));
  }

  private decide(p: Float64Array): IntentPrediction {
    const all = [...p].map((probability, i) => ({ name: this.model.classes[i]!, probability })).sort((a, b) => b.probability - a.probability);
    const oosFirst = all[0]!.name === OUT_OF_SCOPE;
    const scores = all.filter((s) => s.name !== OUT_OF_SCOPE);
    const top = scores[0]!;
    const outOfScope = oosFirst || top.probability < this.thresholds.outOfScope;
    const intents = outOfScope ? [] : [top, ...scores.slice(1).filter((s) => s.probability >= this.thresholds.multiIntent)];
    return { intents, top, scores, outOfScope };
  }

  toJSON() {
    return { model: this.model.toJSON(), thresholds: this.thresholds };
  }

  static fromJSON(featurizer: Featurizer, data: ReturnType<IntentClassifier['toJSON']>): IntentClassifier {
    return new IntentClassifier(featurizer, LinearModel.fromJSON(data.model), data.thresholds);
  }
}

/**
 * The highest top-probability cut-off that flags at most `maxFpr` of in-scope dev messages as out
 * of scope (catching as many real out-of-scope messages as that allows).
 */
function chooseOutOfScopeThreshold(model: LinearModel, dev: ReadonlyArray<{ x: FeatureVector; labels: readonly number[] }>, maxFpr: number): number {
  const oos = model.classes.indexOf(OUT_OF_SCOPE);
  const inScopeTop = dev
    .filter((d) => d.labels.length > 0 && !d.labels.includes(oos))
    .map((d) => Math.max(...model.probabilities(d.x).filter((_, c) => c !== oos)))
    .sort((a, b) => a - b);
  if (inScopeTop.length === 0) return 0;
  return inScopeTop[Math.floor(maxFpr * inScopeTop.length)]!;
}

/** For several intents per message: the probability cut-off with the best micro-F1 on dev. */
function chooseMultiIntentThreshold(model: LinearModel, dev: ReadonlyArray<{ x: FeatureVector; labels: readonly number[] }>): number {
  const probs = dev.map((d) => model.probabilities(d.x));
  let best = { t: 0.5, f1: -1 };
  for (let t = 0.1; t <= 0.9; t += 0.05) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    dev.forEach((d, i) => {
      const gold = new Set(d.labels);
      probs[i]!.forEach((p, c) => {
        if (p >= t && gold.has(c)) tp++;
        else if (p >= t) fp++;
        else if (gold.has(c)) fn++;
      });
    });
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    if (f1 > best.f1) best = { t, f1 };
  }
  return Math.round(best.t * 100) / 100;
}
