import { seededRandom } from '../random.js';
import type { FeatureVector } from './features.js';

export type LinearLoss = 'softmax' | 'sigmoid';

// Gradients smaller than this (for one class on one example) are not applied.
const GRAD_EPSILON = 1e-3;

export interface TrainOptions {
  loss: LinearLoss;
  epochs?: number;
  /** AdaGrad base learning rate. */
  learningRate?: number;
  /** L2 penalty, applied to the weights an example touches. */
  l2?: number;
  seed?: number;
}

/**
 * A linear classifier over [sentence embedding ‖ hashed lexical features]: softmax (one intent)
 * or one-vs-rest sigmoid (several intents per message), trained by AdaGrad SGD in-process.
 * Weights are feature-major (all classes of one feature adjacent) so a sparse example touches
 * contiguous memory. `temperature` rescales logits after training (calibration on held-out data).
 */
export class LinearModel {
  temperature = 1;

  private constructor(
    readonly classes: readonly string[],
    readonly loss: LinearLoss,
    readonly denseDims: number,
    readonly hashDims: number,
    readonly dense: Float32Array,
    readonly sparse: Float32Array,
    readonly bias: Float32Array,
  ) {}

  static create(classes: readonly string[], loss: LinearLoss, denseDims: number, hashDims: number): LinearModel {
    const C = classes.length;
    return new LinearModel(classes, loss, denseDims, hashDims, new Float32Array(denseDims * C), new Float32Array(hashDims * C), new Float32Array(C));
  }

  static train(
    examples: ReadonlyArray<{ x: FeatureVector; labels: readonly number[] }>,
    classes: readonly string[],
    dims: { dense: number; hash: number },
    options: TrainOptions,
  ): LinearModel {
    const model = LinearModel.create(classes, options.loss, dims.dense, dims.hash);
    const C = classes.length;
    const lr = options.learningRate ?? 0.3;
    const l2 = options.l2 ?? 1e-5;
    const epochs = options.epochs ?? 12;
    const random = seededRandom(options.seed ?? 42);
    // AdaGrad accumulators, same layout as the weights.
    const gDense = new Float32Array(model.dense.length).fill(1e-8);
    const gSparse = new Float32Array(model.sparse.length).fill(1e-8);
    const gBias = new Float32Array(C).fill(1e-8);
    const logits = new Float64Array(C);
    const grad = new Float64Array(C);
    const active = new Int32Array(C);
    const order = examples.map((_, i) => i);

    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const n of order) {
        const { x, labels } = examples[n]!;
        model.logitsInto(x, logits, 1);
        if (options.loss === 'softmax') {
          softmaxInPlace(logits);
          for (let c = 0; c < C; c++) grad[c] = logits[c]!;
          // No label = out of scope: the target is the uniform distribution, which teaches the
          // model to be unsure on such messages rather than to pick some intent.
          if (labels.length === 0) for (let c = 0; c < C; c++) grad[c]! -= 1 / C;
          for (const y of labels) grad[y]! -= 1 / labels.length;
        } else {
          for (let c = 0; c < C; c++) grad[c] = 1 / (1 + Math.exp(-logits[c]!));
          for (const y of labels) grad[y]! -= 1;
        }
        // Once the model is sure, most classes' gradients are ~0: update only the others (and
        // skip their negligible L2 step). This makes training several times faster.
        let nActive = 0;
        for (let c = 0; c < C; c++) {
          const g = grad[c]!;
          if (Math.abs(g) < GRAD_EPSILON) continue;
          active[nActive++] = c;
          gBias[c]! += g * g;
          model.bias[c]! -= (lr * g) / Math.sqrt(gBias[c]!);
        }
        if (nActive === 0) continue;
        if (x.dense) update(model.dense, gDense, x.dense, null, grad, active, nActive, C, lr, l2);
        update(model.sparse, gSparse, x.val, x.idx, grad, active, nActive, C, lr, l2);
      }
    }
    return model;
  }

  /** Raw logits (before temperature) into `out`. */
  logitsInto(x: FeatureVector, out: Float64Array, temperature = this.temperature): void {
    const C = this.classes.length;
    for (let c = 0; c < C; c++) out[c] = this.bias[c]!;
    if (x.dense) {
      for (let d = 0; d < x.dense.length; d++) {
        const v = x.dense[d]!;
        if (v === 0) continue;
        const base = d * C;
        for (let c = 0; c < C; c++) out[c]! += v * this.dense[base + c]!;
      }
    }
    for (let k = 0; k < x.idx.length; k++) {
      const v = x.val[k]!;
      const base = x.idx[k]! * C;
      for (let c = 0; c < C; c++) out[c]! += v * this.sparse[base + c]!;
    }
    if (temperature !== 1) for (let c = 0; c < C; c++) out[c]! /= temperature;
  }

  /** Calibrated probabilities per class (softmax: sum to 1; sigmoid: independent). */
  probabilities(x: FeatureVector): Float64Array {
    const out = new Float64Array(this.classes.length);
    this.logitsInto(x, out);
    if (this.loss === 'softmax') softmaxInPlace(out);
    else for (let c = 0; c < out.length; c++) out[c] = 1 / (1 + Math.exp(-out[c]!));
    return out;
  }

  /**
   * Temperature scaling (Guo et al. 2017): the one scalar that minimises log-loss on held-out
   * examples, so a 0.8 means right about 80% of the time.
   */
  calibrate(heldOut: ReadonlyArray<{ x: FeatureVector; labels: readonly number[] }>): number {
    if (heldOut.length === 0) return this.temperature;
    const C = this.classes.length;
    const logits = heldOut.map(({ x }) => {
      const l = new Float64Array(C);
      this.logitsInto(x, l, 1);
      return l;
    });
    let best = { t: 1, loss: Infinity };
    for (let t = 0.25; t <= 6; t *= 1.08) {
      let loss = 0;
      heldOut.forEach(({ labels }, i) => {
        const l = logits[i]!.map((v) => v / t);
        if (this.loss === 'softmax') {
          softmaxInPlace(l);
          for (const y of labels) loss -= Math.log(Math.max(l[y]!, 1e-12)) / labels.length;
          if (labels.length === 0) for (let c = 0; c < C; c++) loss -= Math.log(Math.max(l[c]!, 1e-12)) / C;
        } else {
          const set = new Set(labels);
          for (let c = 0; c < C; c++) {
            const p = 1 / (1 + Math.exp(-l[c]!));
            loss -= Math.log(Math.max(set.has(c) ? p : 1 - p, 1e-12));
          }
        }
      });
      if (loss < best.loss) best = { t, loss };
    }
    this.temperature = best.t;
    return best.t;
  }

  toJSON() {
    const b64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    return {
      classes: this.classes,
      loss: this.loss,
      denseDims: this.denseDims,
      hashDims: this.hashDims,
      temperature: this.temperature,
      dense: b64(this.dense),
      sparse: b64(this.sparse),
      bias: b64(this.bias),
    };
  }

  static fromJSON(data: ReturnType<LinearModel['toJSON']>): LinearModel {
    const f32 = (s: string) => {
      const buf = Buffer.from(s, 'base64');
      return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    };
    const model = new LinearModel(data.classes, data.loss, data.denseDims, data.hashDims, f32(data.dense), f32(data.sparse), f32(data.bias));
    model.temperature = data.temperature;
    return model;
  }
}

function softmaxInPlace(v: Float64Array): void {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] = Math.exp(v[i]! - max);
  for (let i = 0; i < v.length; i++) v[i]! /= sum;
}

/** AdaGrad step on the rows of `weights` an example touches (all rows when `idx` is null). */
function update(
  weights: Float32Array,
  accum: Float32Array,
  values: Float32Array,
  idx: Int32Array | null,
  grad: Float64Array,
  active: Int32Array,
  nActive: number,
  C: number,
  lr: number,
  l2: number,
): void {
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v === 0) continue;
    const base = (idx ? idx[k]! : k) * C;
    for (let a = 0; a < nActive; a++) {
      const c = active[a]!;
      const w = base + c;
      const g = grad[c]! * v + l2 * weights[w]!;
      accum[w]! += g * g;
      weights[w]! -= (lr * g) / Math.sqrt(accum[w]!);
    }
  }
}
