import { describe, expect, it } from 'vitest';
import { LearnedModel, featureLemma, type TrainingExample } from '../src/coding/learn/model.js';
import { fitLogistic, predict, sigmoid } from '../src/coding/learn/logistic.js';
import { testCodebook } from './helpers/codebook.js';

describe('regularised logistic regression', () => {
  // Feature 0 marks the positives; feature 1 occurs in both classes.
  const examples = [
    { indices: Int32Array.from([0, 1]), values: Float64Array.from([1, 1]), label: 1 as const },
    { indices: Int32Array.from([0]), values: Float64Array.from([1]), label: 1 as const },
    { indices: Int32Array.from([1]), values: Float64Array.from([1]), label: 0 as const },
    { indices: Int32Array.from([]), values: Float64Array.from([]), label: 0 as const },
  ];

  it('separates the classes and weighs the informative feature most', () => {
    const m = fitLogistic(examples, 2, { lambda: 0.01, iterations: 200, rate: 0.3 });
    expect(m.weights[0]).toBeGreaterThan(Math.abs(m.weights[1]!));
    expect(predict(m, examples[0]!)).toBeGreaterThan(0.5);
    expect(predict(m, examples[2]!)).toBeLessThan(0.5);
  });

  it('is deterministic: the same data give the same weights, bit for bit', () => {
    const a = fitLogistic(examples, 2, { lambda: 0.01, iterations: 50, rate: 0.3 });
    const b = fitLogistic(examples, 2, { lambda: 0.01, iterations: 50, rate: 0.3 });
    expect([...a.weights, a.bias]).toEqual([...b.weights, b.bias]);
  });

  it('shrinks the weights as the penalty grows', () => {
    const weak = fitLogistic(examples, 2, { lambda: 0.001, iterations: 200, rate: 0.3 });
    const strong = fitLogistic(examples, 2, { lambda: 1, iterations: 200, rate: 0.3 });
    expect(Math.abs(strong.weights[0]!)).toBeLessThan(Math.abs(weak.weights[0]!));
  });

  it('computes σ without overflow at the extremes', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
  });
});

describe('a model learnt from a coder’s decisions', () => {
  const book = testCodebook(`actors:
  - { id: b, label: B, aliases: [mensen] }
codes:
  - { id: b.leren, actor: b, role: r, paradigms: [NG], origin: deductive, definition: d }
  - { id: b.steun, actor: b, role: r, paradigms: [NG], origin: deductive, definition: d }
`);
  const example = (n: number, text: string, codes: string[]): TrainingExample => ({
    segment: { document: 'd', segment: `d:${n}`, page: '', section: '', start: 0, end: text.length, hash: '', text },
    rules: [],
    actors: /mensen/u.test(text) ? ['b'] : [],
    codes: new Set(codes),
  });
  const training = [
    example(1, 'Mensen volgen een cursus bij een opleider.', ['b.leren']),
    example(2, 'Veel mensen volgen een cursus in de avond.', ['b.leren']),
    example(3, 'Mensen volgen een cursus om bij te blijven.', ['b.leren']),
    example(4, 'Het weer was mooi in de zomer.', []),
    example(5, 'De begroting sluit in het najaar.', []),
    example(6, 'Mensen krijgen een toeslag van de gemeente.', []),
  ];

  it('learns a code from the n-grams of its segments, and only codes with enough examples', () => {
    const model = LearnedModel.train(training, book);
    expect(model.codes).toEqual(['b.leren']);
    const [p] = model.predict('Oudere mensen volgen een cursus.', [], ['b']);
    expect(p!.code).toBe('b.leren');
    expect(p!.probability).toBeGreaterThan(0.5);
    expect(p!.reasons.length).toBeGreaterThan(0);
    expect(model.predict('De begroting sluit in het najaar.', [], [])[0]!.probability).toBeLessThan(0.5);
  });

  it('survives a round trip through plain data (worker threads) with the same predictions', () => {
    const model = LearnedModel.train(training, book);
    const copy = LearnedModel.fromJSON(
      JSON.parse(JSON.stringify(model.toJSON())) as ReturnType<LearnedModel['toJSON']>,
    );
    expect(copy.predict('Mensen volgen een cursus.', [], ['b'])).toEqual(
      model.predict('Mensen volgen een cursus.', [], ['b']),
    );
  });

  it('reduces a word to a crude lemma for features (a key, not a word: "kabinet" → "kabine")', () => {
    expect([
      featureLemma('stimuleren'),
      featureLemma('stimuleert'),
      featureLemma('werkgevers'),
      featureLemma('kabinet'),
      featureLemma('wet'),
    ]).toEqual(['stimul', 'stimul', 'werkgever', 'kabine', 'wet']);
  });
});
