/**
 * Binary logistic regression with an L2 penalty (ridge), fitted by full-batch gradient descent
 * with AdaGrad steps (Duchi, Hazan & Singer 2011: each feature's step divided by the root of its
 * summed squared gradients, so rare words learn as fast as common ones) and a fixed number of
 * iterations: no randomness, no data-dependent stopping,
 * so the same examples always give the same weights, bit for bit (features are visited in a fixed
 * order). The model of Hastie, Tibshirani & Friedman, *The Elements of Statistical Learning*
 * (2nd ed., 2009), §4.4: P(y = 1 | x) = σ(b + w·x), minimising the mean log-loss plus
 * (λ/2)·‖w‖² (the bias b is not penalised). Features are sparse: index → value.
 */
export interface SparseExample {
  /** Feature indices, ascending, and their values. */
  indices: Int32Array;
  values: Float64Array;
  label: 0 | 1;
  /** Weight of the example in the loss (class balancing); 1 by default. */
  weight?: number;
}

export interface LogisticModel {
  bias: number;
  weights: Float64Array;
}

export interface FitOptions {
  /** L2 penalty λ. */
  lambda: number;
  /** Per-feature multipliers of λ (e.g. a lighter penalty on the rule features); 1 when absent. */
  penalty?: Float64Array;
  /** Gradient steps. */
  iterations: number;
  /** Step size. */
  rate: number;
}

// Chosen on the tuning data only (train on one tuning sample, test on the other): README, Validity.
export const DEFAULT_FIT: FitOptions = { lambda: 0.1, iterations: 100, rate: 0.5 };

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function fitLogistic(
  examples: readonly SparseExample[],
  dimensions: number,
  options: FitOptions = DEFAULT_FIT,
): LogisticModel {
  const weights = new Float64Array(dimensions);
  const gradient = new Float64Array(dimensions);
  const squares = new Float64Array(dimensions);
  let biasSquares = 0;
  let bias = 0;
  const total = examples.reduce((s, e) => s + (e.weight ?? 1), 0) || 1;
  for (let it = 0; it < options.iterations; it++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (const e of examples) {
      const p = sigmoid(score({ bias, weights }, e));
      const g = ((p - e.label) * (e.weight ?? 1)) / total;
      biasGradient += g;
      for (let k = 0; k < e.indices.length; k++) gradient[e.indices[k]!]! += g * e.values[k]!;
    }
    for (let j = 0; j < dimensions; j++) {
      const g = gradient[j]! + options.lambda * (options.penalty?.[j] ?? 1) * weights[j]!;
      if (g === 0) continue;
      squares[j]! += g * g;
      weights[j]! -= (options.rate * g) / Math.sqrt(squares[j]!);
    }
    biasSquares += biasGradient * biasGradient;
    if (biasSquares > 0) bias -= (options.rate * biasGradient) / Math.sqrt(biasSquares);
  }
  return { bias, weights };
}

export function score(model: LogisticModel, e: { indices: Int32Array; values: Float64Array }): number {
  let z = model.bias;
  for (let k = 0; k < e.indices.length; k++) {
    const i = e.indices[k]!;
    if (i < model.weights.length) z += model.weights[i]! * e.values[k]!;
  }
  return z;
}

export function predict(model: LogisticModel, e: { indices: Int32Array; values: Float64Array }): number {
  return sigmoid(score(model, e));
}
