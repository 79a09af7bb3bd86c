import { describe, expect, it } from 'vitest';
import { bootstrap, mulberry32 } from '../src/agreement/bootstrap.js';
import { characterItems, codingsAgreement, type Item } from '../src/agreement/codings-mode.js';
import { dataAgreement, type DataRow } from '../src/agreement/data-mode.js';
import { krippendorffAlpha, prepareAlpha } from '../src/agreement/krippendorff-alpha.js';
import { countUnits } from '../src/agreement/ratings.js';
import { COEFFICIENTS } from '../src/agreement/report.js';
import { codedAlpha, gate } from '../src/agreement/gate.js';
import type { Coding } from '../src/coding/codings.js';
import { testCodebook } from './helpers/codebook.js';

const random = mulberry32(42);
function randomData(units: number, coders: string[], categories: number, missing = 0.2): DataRow[] {
  const rows: DataRow[] = [];
  for (let u = 0; u < units; u++)
    for (const c of coders)
      if (random() >= missing)
        rows.push({ unit: `u${u}`, coder: c, value: String(1 + Math.floor(random() * categories)), line: 0 });
  return rows;
}
const run = (rows: DataRow[], level: 'nominal' | 'interval' = 'nominal') => dataAgreement(rows, level, 't.csv');

describe('properties of every coefficient', () => {
  it('identical coders give 1 wherever the coefficient is defined', () => {
    const one = randomData(40, ['a'], 4, 0);
    const rows = [...one, ...one.map((r) => ({ ...r, coder: 'b' })), ...one.map((r) => ({ ...r, coder: 'c' }))];
    const two = run(rows.filter((r) => r.coder !== 'c')).coefficients;
    const three = run(rows).coefficients;
    for (const key of COEFFICIENTS) {
      if (two[key] !== null) expect(two[key], key).toBeCloseTo(1, 12);
      if (three[key] !== null) expect(three[key], key).toBeCloseTo(1, 12);
    }
    expect(Object.values(two).every((v) => v !== null)).toBe(true);
  });

  it('are symmetric in the coders and invariant to the order of units and coders', () => {
    for (let trial = 0; trial < 5; trial++) {
      const rows = randomData(60, ['a', 'b'], 3);
      const base = run(rows, 'interval').coefficients;
      const swapped = run(
        rows.map((r) => ({ ...r, coder: r.coder === 'a' ? 'b' : 'a' })),
        'interval',
      ).coefficients;
      const shuffled = run(
        [...rows].sort(() => random() - 0.5),
        'interval',
      ).coefficients;
      for (const key of COEFFICIENTS) {
        expect(swapped[key], key).toBeCloseTo(base[key]!, 12);
        expect(shuffled[key], key).toBeCloseTo(base[key]!, 12);
      }
    }
  });

  it('reports undefined coefficients as null with a reason, never NaN or a silent 1', () => {
    const same = run([
      { unit: 'u1', coder: 'a', value: 'x', line: 2 },
      { unit: 'u1', coder: 'b', value: 'x', line: 3 },
      { unit: 'u2', coder: 'a', value: 'x', line: 4 },
      { unit: 'u2', coder: 'b', value: 'x', line: 5 },
    ]);
    expect(same.coefficients.percent_agreement).toBe(1);
    expect(same.coefficients.krippendorff_alpha).toBeNull();
    expect(same.undefined.krippendorff_alpha).toBe('no variation: all pairable values are equal');
    expect(same.coefficients.cohen_kappa).toBeNull();
    expect(same.coefficients.gwet_ac1).toBeNull();
    const unpaired = run([
      { unit: 'u1', coder: 'a', value: '1', line: 2 },
      { unit: 'u2', coder: 'b', value: '2', line: 3 },
    ]);
    expect(Object.values(unpaired.coefficients).every((v) => v === null)).toBe(true);
    expect(unpaired.undefined.krippendorff_alpha).toBe('fewer than two pairable values (no unit has two values)');
    expect(unpaired.undefined.cohen_kappa).toBe('no unit was coded by both coders');
    const three = run(randomData(10, ['a', 'b', 'c'], 2, 0));
    expect(three.coefficients.cohen_kappa).toBeNull();
    expect(three.undefined.cohen_kappa).toBe('needs exactly two coders; the data has 3');
  });

  it('refuses a second value from one coder for a unit, and non-numbers at interval level, with the line', () => {
    const dup = [
      { unit: 'u1', coder: 'a', value: '1', line: 2 },
      { unit: 'u1', coder: 'a', value: '2', line: 3 },
    ];
    expect(() => run(dup)).toThrow(/coder "a" gives unit "u1" a second value \(first at line 2\)/u);
    expect(() => run([{ unit: 'u', coder: 'a', value: 'hoog', line: 7 }], 'interval')).toThrow(/not a number/u);
  });
});

describe('codings mode on a hand-computed example', () => {
  const book = testCodebook(`actors:
  - { id: o, label: O, aliases: [o] }
  - { id: b, label: B, aliases: [b] }
codes:
  - { id: o.x, actor: o, role: x, paradigms: [NG], origin: deductive, definition: d }
  - { id: b.y, actor: b, role: y, paradigms: [NG], origin: deductive, definition: d }
`);
  const c = (coder: string, segment: string, code: string, start = 0, end = 10): Coding => ({
    coder,
    document: 'd',
    segment,
    start,
    end,
    code,
    origin: 'manual',
    evidence: '',
    memo: '',
  });
  // Segments s1..s10. A: o.x on s1 s2 s3, b.y on s1. B: o.x on s1 s2 s4, b.y on s1.
  const a = [c('a', 's1', 'o.x'), c('a', 's2', 'o.x'), c('a', 's3', 'o.x'), c('a', 's1', 'b.y')];
  const b = [c('b', 's1', 'o.x'), c('b', 's2', 'o.x'), c('b', 's4', 'o.x'), c('b', 's1', 'b.y')];
  // As items: the coded segments s1..s4 with each coder's set of codes; s5..s10 nobody coded.
  const sets = (coder: Coding[], s: string) => new Set(coder.filter((x) => x.segment === s).map((x) => x.code));
  const items: Item[] = ['s1', 's2', 's3', 's4'].map((s) => ({ weight: 1, sets: [sets(a, s), sets(b, s)] }));
  const r = codingsAgreement(items, 6, ['a', 'b'], book);

  it('counts both / only A / only B / neither per code, actor and paradigm', () => {
    expect(r.units).toBe(10);
    expect(r.codedUnits).toBe(4);
    expect(r.perCode.map((v) => [v.variable, v.counts])).toEqual([
      ['o.x', { both: 2, onlyA: 1, onlyB: 1, neither: 6 }],
      ['b.y', { both: 1, onlyA: 0, onlyB: 0, neither: 9 }],
    ]);
    expect(r.perParadigm[0]!.counts).toEqual({ both: 2, onlyA: 1, onlyB: 1, neither: 6 });
  });

  it('computes κ from the 2 × 2 table: o.x p_o = 0.8, p_e = 0.3·0.3 + 0.7·0.7 = 0.58, κ = 0.22/0.42', () => {
    expect(r.perCode[0]!.coefficients.cohen_kappa).toBeCloseTo(0.22 / 0.42, 12);
    expect(r.perCode[0]!.coefficients.percent_agreement).toBeCloseTo(0.8, 12);
    expect(r.perCode[1]!.coefficients.cohen_kappa).toBeCloseTo(1, 12);
    expect(r.overall.meanKappa).toBeCloseTo((0.22 / 0.42 + 1) / 2, 12);
  });

  it('overall α over sets of codes drops when the segments nobody coded are left out', () => {
    expect(r.overall.alphaMasi).not.toBeNull();
    expect(r.overall.alphaMasiCoded!).toBeLessThan(r.overall.alphaMasi!);
  });

  it('character units: every character of the segments, coded or not by each coder', () => {
    // Document d, segments [0, 100). A codes o.x on [0, 40), B on [20, 60): both 20, only A 20, only B 20, neither 40.
    const ranges = new Map([['d', [[0, 100]] as [number, number][]]]);
    const chars = characterItems(ranges, [[c('a', 's1', 'o.x', 0, 40)], [c('b', 's1', 'o.x', 20, 60)]]);
    const cr = codingsAgreement(chars.items, chars.untouched, ['a', 'b'], book);
    expect(cr.units).toBe(100);
    expect(cr.perCode[0]!.counts).toEqual({ both: 20, onlyA: 20, onlyB: 20, neither: 40 });
    // p_o = 0.6, p_e = 0.4·0.4 + 0.6·0.6 = 0.52, κ = 0.08/0.48.
    expect(cr.perCode[0]!.coefficients.cohen_kappa).toBeCloseTo(0.08 / 0.48, 12);
  });
});

describe('bootstrap', () => {
  const counts = countUnits(
    ['1', '2', '3'],
    Array.from({ length: 200 }, (_, i) => (i % 7 === 0 ? [0, 1] : [i % 3, i % 3])),
  );
  it('is reproducible with a seed and brackets the estimate', () => {
    const point = krippendorffAlpha(counts, 'nominal').value!;
    const alpha = prepareAlpha(counts, 'nominal');
    const b1 = bootstrap(counts.multiplicity, (m) => alpha.value(m), 400, 7, 0.8);
    const b2 = bootstrap(counts.multiplicity, (m) => alpha.value(m), 400, 7, 0.8);
    expect(b1).toEqual(b2);
    expect(b1.ci95![0]).toBeLessThan(point);
    expect(b1.ci95![1]).toBeGreaterThan(point);
    expect(b1.pBelow).toBeGreaterThan(0);
    expect(b1.pBelow).toBeLessThan(1);
  });
});

describe('the gate (core)', () => {
  const book = testCodebook(`actors:
  - { id: o, label: O, aliases: [o] }
codes:
  - { id: o.x, actor: o, role: x, paradigms: [NG], origin: deductive, definition: d }
  - { id: o.y, actor: o, role: y, paradigms: [NG], origin: deductive, definition: d }
`);
  const set = (...codes: string[]) => new Set(codes);
  // Two coded segments (A and B agree on one, differ on the other), 18 segments nobody coded.
  const items: Item[] = [
    { weight: 1, sets: [set('o.x'), set('o.x')] },
    { weight: 1, sets: [set('o.x', 'o.y'), set()] },
  ];
  const report = codingsAgreement(items, 18, ['a', 'b'], book);

  it('overall: α over all segments passes where α over the coded ones fails', () => {
    expect(report.overall.alphaMasi!).toBeGreaterThan(0.5);
    expect(gate(report, 0.5, 'overall', 'all')).toEqual({
      minAlpha: 0.5,
      which: 'overall',
      on: 'all',
      passed: true,
      failing: [],
    });
    expect(gate(report, 0.5, 'overall', 'coded').failing).toEqual(['overall']);
  });

  it("each: a code's α over the coded segments is its α with the untouched segments left out", () => {
    const oy = report.perCode[1]!;
    expect(codedAlpha(oy, 2, 0)).toBeCloseTo(oy.coefficients.krippendorff_alpha!, 12);
    // o.y over the 2 coded segments: one "only A", one "neither" → α = 1 − (n − 1)·D_o/D_e with n = 4.
    expect(codedAlpha(oy, 2, 18)).toBeCloseTo(1 - (3 * 2) / (4 * 4 - (3 * 3 + 1 * 1)), 12);
    expect(gate(report, 0.1, 'each', 'coded').failing).toEqual(['o.x', 'o.y']);
    expect(gate(report, 0.1, 'each', 'all').failing).toEqual(['o.y']);
  });
});
