import type { Codebook } from '../../codebook/schema.js';
import type { Segment } from '../../corpus/segments.js';
import { matchKey } from '../../text/normalise.js';
import { DEFAULT_MIN_CONFIDENCE } from '../auto.js';
import type { CodeMatch } from '../decide.js';
import {
  DEFAULT_FIT,
  fitLogistic,
  predict,
  type FitOptions,
  type LogisticModel,
  type SparseExample,
} from './logistic.js';

/**
 * A model learnt from a coder's own hand decisions (llo issue 11, `llo code --learn-from`): one
 * regularised logistic regression per code (one-vs-rest), over the word n-grams of the segment
 * (unigrams and bigrams of crude lemmas: the word's matching key with a Dutch inflection ending
 * cut off) and the rule features (for every code, the confidence with which the codebook's rules
 * apply it; for every actor, whether it is named). A segment the coder decided "no code" is a
 * negative example for every code. Positives are weighted up to balance each code's classes.
 * Deterministic: a fixed feature order, fixed iterations, no random initialisation or sampling.
 */
export interface TrainingExample {
  segment: Segment;
  /** The rules' codings of the segment (any confidence). */
  rules: readonly CodeMatch[];
  /** The actors named in the segment. */
  actors: readonly string[];
  /** The coder's codes (empty: decided "no code"). */
  codes: ReadonlySet<string>;
}

export interface Prediction {
  code: string;
  probability: number;
  /** The features that pushed most towards the code, for the evidence. */
  reasons: string[];
}

const RULE_PENALTY = 0.03;

/** Codes with fewer positive examples than this are not learnt (nothing to generalise from). */
export const MIN_POSITIVES = 2;

const ENDINGS = /(?:eren|eert|erde|ende|ingen|ing|heden|heid|en|es|te|de|s|t|e)$/u;

/** A crude Dutch lemma for features: the matching key without an inflection ending (words of 6+ letters). */
export function featureLemma(word: string): string {
  const k = matchKey(word);
  return k.length >= 6 ? k.replace(ENDINGS, '') : k;
}

/** The feature names of one segment. */
export function featureNames(
  text: string,
  rules: readonly CodeMatch[],
  actors: readonly string[],
): Map<string, number> {
  const out = new Map<string, number>();
  const words = [...matchKey(text).matchAll(/[\p{L}\p{N}]+/gu)].map((m) => featureLemma(m[0]));
  for (let i = 0; i < words.length; i++) {
    out.set(`w:${words[i]}`, 1);
    if (i + 1 < words.length) out.set(`b:${words[i]} ${words[i + 1]}`, 1);
  }
  for (const r of rules) {
    out.set(`rule:${r.code}`, r.confidence);
    // Whether llo code would write the rule's coding: the rules' own decision, not only their score.
    if (r.confidence >= DEFAULT_MIN_CONFIDENCE - 1e-9) out.set(`rule-on:${r.code}`, 1);
  }
  for (const a of actors) out.set(`actor:${a}`, 1);
  return out;
}

export interface SerializedModel {
  names: string[];
  examples: number;
  models: { code: string; bias: number; weights: number[] }[];
}

export class LearnedModel {
  private constructor(
    private readonly vocabulary: Map<string, number>,
    private readonly names: string[],
    private readonly models: Map<string, LogisticModel>,
    readonly examples: number,
  ) {}

  /** Fits one classifier per code that has enough positive examples. */
  static train(examples: readonly TrainingExample[], codebook: Codebook, fit: FitOptions = DEFAULT_FIT): LearnedModel {
    const featureSets = examples.map((e) => featureNames(e.segment.text, e.rules, e.actors));
    // Features seen in at least two segments (or rule/actor features), in sorted order.
    const counts = new Map<string, number>();
    for (const f of featureSets) for (const k of f.keys()) counts.set(k, (counts.get(k) ?? 0) + 1);
    const names = [...counts]
      .filter(([k, n]) => n >= 2 || (!k.startsWith('w:') && !k.startsWith('b:')))
      .map(([k]) => k)
      .sort();
    const vocabulary = new Map(names.map((k, i) => [k, i]));
    const sparse = featureSets.map((f) => toSparse(f, vocabulary));
    // The rule and actor features carry the codebook's knowledge: penalised less than words.
    const penalty = Float64Array.from(
      names.map((k) => (k.startsWith('rule') || k.startsWith('actor:') ? RULE_PENALTY : 1)),
    );
    const models = new Map<string, LogisticModel>();
    for (const code of codebook.codes.map((c) => c.id)) {
      const positives = examples.filter((e) => e.codes.has(code)).length;
      if (positives < MIN_POSITIVES) continue;
      const negatives = examples.length - positives;
      const up = Math.max(1, negatives / positives / 2);
      const data: SparseExample[] = sparse.map((s, i) => {
        const label = examples[i]!.codes.has(code) ? 1 : 0;
        return { ...s, label, weight: label === 1 ? up : 1 };
      });
      models.set(code, fitLogistic(data, names.length, { ...fit, penalty }));
    }
    return new LearnedModel(vocabulary, names, models, examples.length);
  }

  /** A plain-data form (for worker threads); `fromJSON` restores it. */
  toJSON(): SerializedModel {
    return {
      names: this.names,
      examples: this.examples,
      models: [...this.models].map(([code, m]) => ({ code, bias: m.bias, weights: [...m.weights] })),
    };
  }

  static fromJSON(data: SerializedModel): LearnedModel {
    return new LearnedModel(
      new Map(data.names.map((k, i) => [k, i])),
      data.names,
      new Map(data.models.map((m) => [m.code, { bias: m.bias, weights: Float64Array.from(m.weights) }])),
      data.examples,
    );
  }

  /** The codes learnt. */
  get codes(): string[] {
    return [...this.models.keys()];
  }

  /** The probability of each learnt code for a segment, most probable first. */
  predict(text: string, rules: readonly CodeMatch[], actors: readonly string[]): Prediction[] {
    const s = toSparse(featureNames(text, rules, actors), this.vocabulary);
    const out: Prediction[] = [];
    for (const [code, model] of this.models) {
      const probability = predict(model, s);
      const contributions: [string, number][] = [];
      for (let k = 0; k < s.indices.length; k++)
        contributions.push([this.names[s.indices[k]!]!, model.weights[s.indices[k]!]! * s.values[k]!]);
      contributions.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      out.push({
        code,
        probability,
        reasons: contributions
          .filter(([, w]) => w > 0)
          .slice(0, 3)
          .map(([n]) => n.replace(/^[wb]:/u, '')),
      });
    }
    return out.sort((a, b) => b.probability - a.probability || (a.code < b.code ? -1 : 1));
  }
}

function toSparse(
  features: Map<string, number>,
  vocabulary: Map<string, number>,
): { indices: Int32Array; values: Float64Array } {
  const pairs: [number, number][] = [];
  for (const [k, v] of features) {
    const i = vocabulary.get(k);
    if (i !== undefined && v !== 0) pairs.push([i, v]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return { indices: Int32Array.from(pairs.map((p) => p[0])), values: Float64Array.from(pairs.map((p) => p[1])) };
}
