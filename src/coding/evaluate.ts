import type { Codebook } from '../codebook/schema.js';
import type { Coding } from './codings.js';

/**
 * Precision, recall and F1 of a coding (the automatic one) against a reference coding, on the
 * segments the reference covers. A unit is a (segment, code) pair: a true positive when both code
 * the segment with that code, a false positive when only the evaluated coding does, a false
 * negative when only the reference does. Per actor and overall the counts are pooled over codes
 * (micro-average). Undefined ratios (nothing predicted, nothing to find) are null, never NaN.
 */
export interface Scores {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Segments in the reference that carry this code. */
  support: number;
}

export interface Evaluation {
  segments: number;
  perCode: { code: string; actor: string; scores: Scores }[];
  perActor: { actor: string; scores: Scores }[];
  overall: Scores;
}

export function evaluate(reference: readonly Coding[], predicted: readonly Coding[], codebook: Codebook): Evaluation {
  const covered = new Set(reference.map((r) => r.segment));
  const pairs = (rows: readonly Coding[]) =>
    new Set(rows.filter((r) => r.code !== '' && covered.has(r.segment)).map((r) => `${r.segment}\u0000${r.code}`));
  const gold = pairs(reference);
  const guess = pairs(predicted);
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (code: string, key: 'tp' | 'fp' | 'fn') => {
    const c = counts.get(code) ?? { tp: 0, fp: 0, fn: 0 };
    c[key]++;
    counts.set(code, c);
  };
  for (const p of guess) bump(p.split('\u0000')[1]!, gold.has(p) ? 'tp' : 'fp');
  for (const g of gold) if (!guess.has(g)) bump(g.split('\u0000')[1]!, 'fn');

  const perCode = codebook.codes.map((c) => ({ code: c.id, actor: c.actor, scores: scores(counts.get(c.id)) }));
  const pool = (list: typeof perCode) =>
    scores(
      list.reduce(
        (acc, c) => ({
          tp: acc.tp + c.scores.truePositives,
          fp: acc.fp + c.scores.falsePositives,
          fn: acc.fn + c.scores.falseNegatives,
        }),
        { tp: 0, fp: 0, fn: 0 },
      ),
    );
  const perActor = codebook.actors.map((a) => ({ actor: a.id, scores: pool(perCode.filter((c) => c.actor === a.id)) }));
  return { segments: covered.size, perCode, perActor, overall: pool(perCode) };
}

function scores(c: { tp: number; fp: number; fn: number } = { tp: 0, fp: 0, fn: 0 }): Scores {
  const precision = c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn);
  const f1 =
    precision === null || recall === null
      ? null
      : precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
  return {
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
    precision,
    recall,
    f1,
    support: c.tp + c.fn,
  };
}

/** Precision and recall of the codings at or above each confidence threshold (pooled over codes). */
export interface CurvePoint {
  threshold: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  predicted: number;
}

/**
 * The precision/recall curve along confidence thresholds: for each threshold, the automatic
 * codings at or above it scored against the reference as `evaluate` does (micro-average).
 */
export function confidenceCurve(
  reference: readonly Coding[],
  predicted: readonly Coding[],
  codebook: Codebook,
  thresholds: readonly number[] = CURVE_THRESHOLDS,
): CurvePoint[] {
  return thresholds.map((threshold) => {
    const kept = predicted.filter((p) => (p.confidence ?? 1) >= threshold - 1e-9);
    const o = evaluate(reference, kept, codebook).overall;
    return {
      threshold,
      precision: o.precision,
      recall: o.recall,
      f1: o.f1,
      predicted: o.truePositives + o.falsePositives,
    };
  });
}

export const CURVE_THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
