import { describe, expect, it } from 'vitest';
import { testCodebook } from './helpers/codebook.js';
import type { Coding } from '../src/coding/codings.js';
import { confidenceCurve, evaluate } from '../src/coding/evaluate.js';

const book = testCodebook(
  `actors:
  - { id: a, label: A, aliases: [a] }
  - { id: b, label: B, aliases: [b] }
codes:
  - { id: a.x, actor: a, role: x, paradigms: [NG], origin: deductive, definition: d }
  - { id: a.y, actor: a, role: y, paradigms: [NG], origin: deductive, definition: d }
  - { id: b.z, actor: b, role: z, paradigms: [NG], origin: deductive, definition: d }
`,
);
const row = (segment: string, code: string): Coding => ({
  coder: 'c',
  document: 'd',
  segment,
  start: 0,
  end: 1,
  code,
  origin: 'manual',
  evidence: '',
  memo: '',
});

describe('evaluate (hand-computed)', () => {
  // Reference: s1 {a.x}, s2 {a.x, a.y}, s3 {} (read, no code), s4 {b.z}.
  // Predicted: s1 {a.x}, s2 {a.x}, s3 {a.y}, s4 {}, s9 {a.x} (not in the reference: ignored).
  const reference = [row('s1', 'a.x'), row('s2', 'a.x'), row('s2', 'a.y'), row('s3', ''), row('s4', 'b.z')];
  const predicted = [row('s1', 'a.x'), row('s2', 'a.x'), row('s3', 'a.y'), row('s9', 'a.x')];
  const result = evaluate(reference, predicted, book);

  it('counts per code', () => {
    const by = Object.fromEntries(result.perCode.map((c) => [c.code, c.scores]));
    // a.x: TP 2 (s1, s2), FP 0, FN 0 → P 1, R 1, F1 1.
    expect(by['a.x']).toMatchObject({
      truePositives: 2,
      falsePositives: 0,
      falseNegatives: 0,
      precision: 1,
      recall: 1,
      f1: 1,
      support: 2,
    });
    // a.y: TP 0, FP 1 (s3), FN 1 (s2) → P 0, R 0, F1 0.
    expect(by['a.y']).toMatchObject({
      truePositives: 0,
      falsePositives: 1,
      falseNegatives: 1,
      precision: 0,
      recall: 0,
      f1: 0,
    });
    // b.z: TP 0, FP 0, FN 1 → precision undefined (nothing predicted), recall 0, F1 undefined.
    expect(by['b.z']).toMatchObject({ precision: null, recall: 0, f1: null });
  });

  it('pools counts per actor and overall (micro-average)', () => {
    // actor a: TP 2, FP 1, FN 1 → P 2/3, R 2/3, F1 2/3.
    const a = result.perActor.find((x) => x.actor === 'a')!.scores;
    expect(a.precision).toBeCloseTo(2 / 3, 12);
    expect(a.f1).toBeCloseTo(2 / 3, 12);
    // overall: TP 2, FP 1, FN 2 → P 2/3, R 1/2, F1 = 2·(2/3)(1/2)/(2/3+1/2) = 4/7.
    expect(result.overall.recall).toBe(0.5);
    expect(result.overall.f1).toBeCloseTo(4 / 7, 12);
    expect(result.segments).toBe(4);
  });
});

describe('the precision/recall curve along confidence thresholds (hand-computed)', () => {
  // Reference: s1 {a.x}, s2 {a.y}, s3 {} . Predicted: s1 a.x 0.9 (TP), s2 a.y 0.6 (TP), s3 a.x 0.4 (FP).
  const reference = [row('s1', 'a.x'), row('s2', 'a.y'), row('s3', '')];
  const predicted = [
    { ...row('s1', 'a.x'), confidence: 0.9 },
    { ...row('s2', 'a.y'), confidence: 0.6 },
    { ...row('s3', 'a.x'), confidence: 0.4 },
  ];
  it('keeps the codings at or above each threshold', () => {
    const curve = confidenceCurve(reference, predicted, book, [0.3, 0.5, 0.9, 0.95]);
    // ≥ 0.3: TP 2, FP 1 → P 2/3, R 1. ≥ 0.5: TP 2 → P 1, R 1. ≥ 0.9: TP 1, FN 1 → R 1/2. ≥ 0.95: nothing.
    expect(curve.map((p) => [p.threshold, p.predicted, p.precision, p.recall])).toEqual([
      [0.3, 3, 2 / 3, 1],
      [0.5, 2, 1, 1],
      [0.9, 1, 1, 0.5],
      [0.95, 0, null, 0],
    ]);
  });
});
