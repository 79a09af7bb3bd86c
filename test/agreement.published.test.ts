import { describe, expect, it } from 'vitest';
import { dataAgreement, type DataRow } from '../src/agreement/data-mode.js';
import type { Level } from '../src/agreement/krippendorff-alpha.js';
import { masiDistance } from '../src/agreement/masi.js';

/**
 * Published worked examples, reproduced to their printed precision. Each dataset is copied from
 * its source as cited; the expected values are the published ones, not values computed here.
 */

/** Reliability data from a coders × units matrix (null = missing). */
function fromMatrix(matrix: (number | null)[][]): DataRow[] {
  const rows: DataRow[] = [];
  matrix.forEach((values, coder) =>
    values.forEach(
      (v, unit) =>
        v !== null &&
        rows.push({ unit: `u${unit + 1}`, coder: `c${coder + 1}`, value: String(v), line: rows.length + 2 }),
    ),
  );
  return rows;
}
/** Reliability data from a units × categories table of counts (Fleiss' layout; coders per unit are anonymous). */
function fromCounts(table: number[][]): DataRow[] {
  const rows: DataRow[] = [];
  table.forEach((counts, unit) => {
    let coder = 0;
    counts.forEach((n, category) => {
      for (let k = 0; k < n; k++)
        rows.push({ unit: `u${unit + 1}`, coder: `r${++coder}`, value: String(category + 1), line: rows.length + 2 });
    });
  });
  return rows;
}
/** Reliability data from a two-coder contingency table (rows coder A, columns coder B). */
function fromTable(table: number[][]): DataRow[] {
  const rows: DataRow[] = [];
  let unit = 0;
  table.forEach((cols, a) =>
    cols.forEach((n, b) => {
      for (let k = 0; k < n; k++) {
        unit++;
        rows.push(
          { unit: `u${unit}`, coder: 'A', value: String(a + 1), line: 0 },
          { unit: `u${unit}`, coder: 'B', value: String(b + 1), line: 0 },
        );
      }
    }),
  );
  return rows;
}
const coefficients = (rows: DataRow[], level: Level = 'nominal') => dataAgreement(rows, level, 'test.csv').coefficients;

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: 4 observers, 12 units,
// values 1–5, missing data. Also irrCAC's `cac.raw4raters` (Gwet 2014).
const KRIPPENDORFF_2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

describe("Krippendorff's alpha: Krippendorff (2011) 4 × 12 with missing values", () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('%s α = %s', (level, published) => {
    expect(coefficients(fromMatrix(KRIPPENDORFF_2011), level).krippendorff_alpha).toBeCloseTo(published, 3);
  });
});

describe("Krippendorff's alpha: Wikipedia's computational example, 3 coders × 15 units", () => {
  // en.wikipedia.org/wiki/Krippendorff's_alpha, "A computational example"; values also asserted
  // by the `krippendorff` Python package tests (0.691358 nominal, 0.810845 interval).
  const data = [
    [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
    [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
    [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
  ];
  it('nominal α = 0.691358', () => expect(coefficients(fromMatrix(data)).krippendorff_alpha).toBeCloseTo(0.691358, 6));
  it('interval α = 0.810845', () =>
    expect(coefficients(fromMatrix(data), 'interval').krippendorff_alpha).toBeCloseTo(0.810845, 6));
});

describe("Krippendorff's alpha: binary data, two observers (Krippendorff 2004, §11.3.1; 2011 §A)", () => {
  it('α = 0.095', () => {
    const data = [
      [1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
      [0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    ];
    expect(coefficients(fromMatrix(data)).krippendorff_alpha).toBeCloseTo(0.095, 3);
  });
});

describe("Krippendorff's alpha: Hayes & Krippendorff (2007), Table 1: 5 observers, 40 articles, ordinal", () => {
  // Hayes, A. F. & Krippendorff, K. (2007), Communication Methods and Measures 1: 77–89: α = .7598.
  const table = `1,1,2,.,2|1,1,0,1,.|2,3,3,3,.|.,0,0,.,0|0,0,0,.,0|0,0,0,.,0|1,0,2,.,1|1,.,2,0,.|2,2,2,.,2|2,1,1,1,.|.,1,0,0,.|0,0,0,0,.|1,2,2,2,.|3,3,2,2,3|1,1,1,.,1|1,1,1,.,1|2,1,2,.,2|1,2,3,3,.|1,1,0,1,.|0,0,0,.,0|0,0,1,1,.|0,0,.,0,0|2,3,3,3,.|0,0,0,0,.|1,2,.,2,2|0,1,1,1,.|0,0,0,1,0|1,2,1,2,.|1,1,2,2,.|1,1,2,.,2|1,1,0,.,0|2,1,2,1,.|2,2,.,2,2|3,2,2,2,.|2,2,2,.,2|2,2,3,.,2|2,2,2,.,2|2,2,.,1,2|2,2,2,2,.|1,1,1,.,1`;
  const units = table.split('|').map((u) => u.split(',').map((v) => (v === '.' ? null : Number(v))));
  const matrix = [0, 1, 2, 3, 4].map((o) => units.map((u) => u[o]!));
  it('ordinal α = 0.7598', () =>
    expect(coefficients(fromMatrix(matrix), 'ordinal').krippendorff_alpha).toBeCloseTo(0.7598, 4));
});

describe("Fleiss' kappa: Fleiss (1971), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses", () => {
  // Fleiss, J. L. (1971), Psychological Bulletin 76: 378–382: κ = .430 (also R irr::kappam.fleiss(diagnoses)).
  const FLEISS_1971 = [
    [0, 0, 0, 6, 0],
    [0, 3, 0, 0, 3],
    [0, 1, 4, 0, 1],
    [0, 0, 0, 0, 6],
    [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0],
    [0, 0, 4, 0, 2],
    [2, 0, 3, 1, 0],
    [2, 0, 0, 4, 0],
    [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0],
    [1, 1, 0, 4, 0],
    [0, 3, 3, 0, 0],
    [1, 0, 0, 5, 0],
    [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1],
    [3, 0, 0, 1, 2],
    [5, 1, 0, 0, 0],
    [0, 2, 0, 4, 0],
    [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6],
    [0, 1, 0, 5, 0],
    [0, 2, 0, 1, 3],
    [2, 0, 0, 4, 0],
    [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0],
    [4, 0, 0, 0, 2],
    [0, 2, 0, 4, 0],
    [1, 0, 5, 0, 0],
    [0, 0, 0, 0, 6],
  ];
  it('six raters: κ = 0.430', () => expect(coefficients(fromCounts(FLEISS_1971)).fleiss_kappa).toBeCloseTo(0.43, 3));

  // The first 15 patients are irrCAC's `distrib.6raters` (Gwet, irrCAC README).
  it('first 15 patients (irrCAC distrib.6raters): Fleiss 0.4139265, AC1 0.4448007, α 0.4204384, BP 0.4388889', () => {
    const c = coefficients(fromCounts(FLEISS_1971.slice(0, 15)));
    expect(c.fleiss_kappa).toBeCloseTo(0.4139265, 7);
    expect(c.gwet_ac1).toBeCloseTo(0.4448007, 7);
    expect(c.krippendorff_alpha).toBeCloseTo(0.4204384, 7);
    expect(c.brennan_prediger).toBeCloseTo(0.4388889, 7);
  });
});

describe('Gwet (2014) / irrCAC: raw ratings of 4 raters with missing values (cac.raw4raters)', () => {
  it('AC1 0.77544, Fleiss 0.76117, Brennan–Prediger 0.77273, α 0.74342', () => {
    const c = coefficients(fromMatrix(KRIPPENDORFF_2011));
    expect(c.gwet_ac1).toBeCloseTo(0.77544, 5);
    expect(c.fleiss_kappa).toBeCloseTo(0.76117, 5);
    expect(c.brennan_prediger).toBeCloseTo(0.77273, 5);
    expect(c.krippendorff_alpha).toBeCloseTo(0.74342, 5);
  });
  it('percent agreement as llo defines it (agreeing pairs / pairable pairs): 43 / 55, by hand', () => {
    // Pairs per unit: 3+6+6+6+6+6+6+6+6+3+1 = 55; agreeing: 3+3+6+6+6+0+6+3+6+3+1 = 43. (Gwet's unit mean is 0.8181818.)
    expect(coefficients(fromMatrix(KRIPPENDORFF_2011)).percent_agreement).toBeCloseTo(43 / 55, 12);
  });
});

describe('Gwet / irrCAC: two raters, 3 × 3 contingency table (cont3x3abstractors, n = 100)', () => {
  const table = [
    [13, 0, 0],
    [0, 20, 7],
    [0, 4, 56],
  ];
  const c = coefficients(fromTable(table));
  it("Cohen's κ 0.7964094", () => expect(c.cohen_kappa).toBeCloseTo(0.7964094, 7));
  it("Scott's π 0.7962397", () => expect(c.scott_pi).toBeCloseTo(0.7962397, 7));
  it("Gwet's AC1 0.8493305", () => expect(c.gwet_ac1).toBeCloseTo(0.8493305, 7));
  it('Brennan–Prediger 0.835', () => expect(c.brennan_prediger).toBeCloseTo(0.835, 7));
  it("Krippendorff's α 0.7972585", () => expect(c.krippendorff_alpha).toBeCloseTo(0.7972585, 7));
  it('percent agreement 0.89', () => expect(c.percent_agreement).toBeCloseTo(0.89, 12));
  it('quadratic-weighted κ 0.8921569 (irrCAC weighting vignette)', () =>
    expect(c.cohen_kappa_quadratic).toBeCloseTo(0.8921569, 7));
});

describe("Cohen's kappa: 50 proposals, two readers (yes/yes 20, yes/no 5, no/yes 10, no/no 15)", () => {
  // The standard textbook example (e.g. en.wikipedia.org/wiki/Cohen's_kappa): p_o = .7, p_e = .5, κ = .4.
  it('κ = 0.4', () =>
    expect(
      coefficients(
        fromTable([
          [20, 5],
          [10, 15],
        ]),
      ).cohen_kappa,
    ).toBeCloseTo(0.4, 12));
  it('linear-weighted κ equals κ with two categories', () =>
    expect(
      coefficients(
        fromTable([
          [20, 5],
          [10, 15],
        ]),
      ).cohen_kappa_linear,
    ).toBeCloseTo(0.4, 12));
});

describe('MASI distance (Passonneau 2006)', () => {
  it.each([
    [['a'], ['a'], 0],
    [['a', 'b'], ['a'], 1 - (1 / 2) * (2 / 3)],
    [['a', 'b'], ['b', 'c'], 1 - (1 / 3) * (1 / 3)],
    [['a'], ['b'], 1],
    [[], [], 0],
    [[], ['a'], 1],
  ])('%j vs %j → %d', (a, b, d) => expect(masiDistance(new Set(a), new Set(b))).toBeCloseTo(d, 12));
});
