/**
 * The two shapes every agreement coefficient is computed from.
 *
 * `UnitCounts`: per unit, how many coders gave each category (Gwet's "distribution of raters by
 * subject and category"), kept sparse: only the categories the unit has, as [category, count]
 * pairs in category order. Identical rows are stored once with a multiplicity, so a million binary
 * units coded by two coders are three rows and every multi-coder coefficient costs
 * O(distinct rows × values per unit), not O(units × categories) — which matters for set-valued
 * data, where every distinct set of codes is a category.
 *
 * `Contingency`: for exactly two coders, the q × q table of units both coded, rows coder A's
 * category, columns coder B's. Cohen's κ and the weighted κ need it (they keep coders apart).
 */
export type Row = [category: number, count: number][];

export interface UnitCounts {
  /** Category labels, in order (the order gives ranks for ordinal weights and distances). */
  categories: string[];
  /** Distinct units: [category index, count] pairs, category ascending, counts > 0. */
  rows: Row[];
  /** How many units have each row. */
  multiplicity: number[];
}

export interface Contingency {
  categories: string[];
  /** table[a][b]: units coder A put in category a and coder B in category b. */
  table: number[][];
}

/** An undefined coefficient: null plus the reason, printed as "n/a (reason)". */
export interface Undefined {
  value: null;
  reason: string;
}
export type Coefficient = { value: number } | Undefined;

export const undefinedBecause = (reason: string): Undefined => ({ value: null, reason });
export const defined = (value: number): Coefficient => ({ value });

/** A unit's row from the category index of each of its values (run-length of the sorted values). */
export function rowOf(values: readonly number[]): Row {
  const sorted =
    values.length === 2
      ? values[0]! <= values[1]!
        ? values
        : [values[1]!, values[0]!]
      : [...values].sort((x, y) => x - y);
  const row: Row = [];
  for (const v of sorted) {
    const last = row[row.length - 1];
    if (last && last[0] === v) last[1]++;
    else row.push([v, 1]);
  }
  return row;
}

/** Builds UnitCounts from per-unit category indices (one entry per value), compressing equal rows. */
export function countUnits(categories: string[], units: Iterable<readonly number[]>): UnitCounts {
  const counts: UnitCounts = { categories, rows: [], multiplicity: [] };
  for (const values of units) addRows(counts, rowOf(values), 1);
  return counts;
}

/** Adds a row `times` times (for units described by counts, e.g. "both coders said no" × 9,000). */
const rowIndexes = new WeakMap<UnitCounts, Map<string, number>>();
export function addRows(counts: UnitCounts, row: Row, times: number): void {
  if (times <= 0 || row.length === 0) return;
  let index = rowIndexes.get(counts);
  if (!index) rowIndexes.set(counts, (index = new Map(counts.rows.map((r, i) => [r.join(';'), i]))));
  const key = row.join(';');
  const at = index.get(key);
  if (at === undefined) {
    index.set(key, counts.rows.length);
    counts.rows.push(row);
    counts.multiplicity.push(times);
  } else counts.multiplicity[at]! += times;
}

/** Number of values in a row. */
export function size(row: Row): number {
  let n = 0;
  for (const [, c] of row) n += c;
  return n;
}

/**
 * Category shares π_k as Gwet (2014) defines them for data with missing ratings: the average over
 * all rated units of the share of the unit's ratings in category k. Units rated once count.
 */
export function categoryShares(counts: UnitCounts): { shares: number[]; units: number } {
  const q = counts.categories.length;
  const shares = new Array<number>(q).fill(0);
  let units = 0;
  counts.rows.forEach((row, i) => {
    const r = size(row);
    if (r === 0) return;
    const w = counts.multiplicity[i]!;
    units += w;
    for (const [k, c] of row) shares[k]! += (w * c) / r;
  });
  return { shares: units === 0 ? shares : shares.map((s) => s / units), units };
}

/**
 * Gwet's (2014) percent agreement for several raters with missing ratings: over the units with two
 * or more ratings, the mean share of agreeing (ordered) pairs within the unit,
 *   p_a = (1/n') Σ_i Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1)).
 * The base of Fleiss' κ, Gwet's AC1 and Brennan–Prediger's κ. Null when no unit has two ratings.
 */
export function unitMeanAgreement(counts: UnitCounts): number | null {
  let sum = 0;
  let units = 0;
  counts.rows.forEach((row, i) => {
    const r = size(row);
    if (r < 2) return;
    const w = counts.multiplicity[i]!;
    let agree = 0;
    for (const [, c] of row) agree += c * (c - 1);
    sum += (w * agree) / (r * (r - 1));
    units += w;
  });
  return units === 0 ? null : sum / units;
}

/** The chance-corrected form (p_a − p_e) / (1 − p_e), undefined when p_e = 1. */
export function chanceCorrected(pa: number, pe: number, what: string): Coefficient {
  if (Math.abs(1 - pe) < 1e-12)
    return undefinedBecause(`${what}: expected agreement is 1 (no variation between categories)`);
  return defined((pa - pe) / (1 - pe));
}

/** UnitCounts as typed arrays, to hand to a worker thread without cloning thousands of small arrays. */
export interface PackedCounts {
  categories: string[];
  /** Per row: start of its pairs in `pairs` (rows + 1 entries). */
  starts: Int32Array;
  /** [category, count] pairs of all rows, flat. */
  pairs: Int32Array;
  multiplicity: Float64Array;
}

export function packCounts(counts: UnitCounts): PackedCounts {
  const starts = new Int32Array(counts.rows.length + 1);
  counts.rows.forEach((row, r) => (starts[r + 1] = starts[r]! + row.length * 2));
  const pairs = new Int32Array(starts[counts.rows.length]!);
  counts.rows.forEach((row, r) => row.forEach(([c, n], i) => pairs.set([c, n], starts[r]! + i * 2)));
  return { categories: counts.categories, starts, pairs, multiplicity: Float64Array.from(counts.multiplicity) };
}

export function unpackCounts(packed: PackedCounts): UnitCounts {
  const rows: Row[] = [];
  for (let r = 0; r + 1 < packed.starts.length; r++) {
    const row: Row = [];
    for (let p = packed.starts[r]!; p < packed.starts[r + 1]!; p += 2)
      row.push([packed.pairs[p]!, packed.pairs[p + 1]!]);
    rows.push(row);
  }
  return { categories: packed.categories, rows, multiplicity: Array.from(packed.multiplicity) };
}
