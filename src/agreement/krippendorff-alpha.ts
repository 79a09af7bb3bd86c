import { masiExpected, masiOnBits, setCategories } from './masi.js';
import { defined, undefinedBecause, type Coefficient, type UnitCounts } from './ratings.js';

export type Level = 'nominal' | 'ordinal' | 'interval' | 'ratio' | 'masi';
export const LEVELS: readonly Level[] = ['nominal', 'ordinal', 'interval', 'ratio', 'masi'];

/**
 * Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability",
 * University of Pennsylvania, repository.upenn.edu/asc_papers/43), for any number of coders,
 * missing values and the levels nominal, ordinal, interval and ratio, plus set-valued data with
 * the MASI distance (Passonneau 2006):
 *
 *   α = 1 − D_o / D_e = 1 − (n − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * where o_ck are the coincidences of values c and k within units (each unit with m_u ≥ 2 values
 * contributes n_uc · n_uk / (m_u − 1), minus the self-pairing on the diagonal), n_c the marginals
 * and n the number of pairable values. Units with fewer than two values are not pairable and do
 * not count at all. Distances δ²: nominal 0/1; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)²; interval
 * (c − k)²; ratio ((c − k)/(c + k))², 0 when c = k = 0; masi 1 − J·M.
 *
 * Undefined (null with the reason) when fewer than two values are pairable, when there is no
 * variation (D_e = 0) or when the numbers overflow floating point; never NaN and never a silent 1.
 */
export function krippendorffAlpha(counts: UnitCounts, level: Level): Coefficient {
  return prepareAlpha(counts, level).value(counts.multiplicity);
}

/** α for the rows of `counts` under any multiplicities (the bootstrap's replicates). */
export interface PreparedAlpha {
  value(multiplicity: ArrayLike<number>): Coefficient;
}

/**
 * Everything about α that does not depend on how often each distinct unit occurs, computed once:
 * per distinct unit its marginal contributions and its observed disagreement (for ordinal data the
 * distances depend on the marginals, so there the coincidences are kept per category pair). A
 * replicate then costs O(distinct units) plus the expected disagreement, which has a closed form
 * for nominal and interval data, a subset transform for MASI and is O(categories²) otherwise.
 */
export function prepareAlpha(counts: UnitCounts, level: Level): PreparedAlpha {
  const q = counts.categories.length;
  // Pairable rows, flattened: marginal entries (category, count) and coincidence pairs (c, k, o) with c ≠ k.
  const rows: number[] = [];
  const entryStart: number[] = [0];
  const entryCategory: number[] = [];
  const entryCount: number[] = [];
  const pairIndex = new Map<number, number>();
  const pairC: number[] = [];
  const pairK: number[] = [];
  const pairStart: number[] = [0];
  const pairOf: number[] = [];
  const pairO: number[] = [];
  counts.rows.forEach((row, r) => {
    let m = 0;
    for (const [, n] of row) m += n;
    if (m < 2) return;
    rows.push(r);
    for (const [c, nc] of row) {
      entryCategory.push(c);
      entryCount.push(nc);
      for (const [k, nk] of row) {
        if (c === k) continue;
        const key = c * q + k;
        let p = pairIndex.get(key);
        if (p === undefined) {
          pairIndex.set(key, (p = pairC.length));
          pairC.push(c);
          pairK.push(k);
        }
        pairOf.push(p);
        pairO.push((nc * nk) / (m - 1));
      }
    }
    entryStart.push(entryCategory.length);
    pairStart.push(pairOf.length);
  });
  // Typed arrays from here: a bootstrap walks these a thousand times.
  const [rowOf, entries, entryCat, entryN] = [
    Int32Array.from(rows),
    Int32Array.from(entryStart),
    Int32Array.from(entryCategory),
    Float64Array.from(entryCount),
  ];
  const values = level === 'interval' || level === 'ratio' ? scaledValues(counts.categories) : [];
  const marginals = new Float64Array(q);
  const sets = level === 'masi' ? setCategories(counts.categories) : undefined;
  const expectedMasi = sets ? masiExpected(sets) : undefined;
  const masi = sets ? masiOnBits(sets) : undefined;
  const fixedDelta = level === 'ordinal' ? undefined : distance(level, values, marginals, masi);
  // With distances that do not depend on the marginals, each row's observed disagreement is a number.
  const observedOfRow = new Float64Array(rows.length);
  if (fixedDelta) {
    const pairDelta = pairC.map((c, p) => fixedDelta(c, pairK[p]!));
    for (let i = 0; i < rows.length; i++)
      for (let p = pairStart[i]!; p < pairStart[i + 1]!; p++) observedOfRow[i]! += pairO[p]! * pairDelta[pairOf[p]!]!;
  }
  const coincidences = new Float64Array(pairC.length);

  return {
    value(multiplicity) {
      marginals.fill(0);
      let observed = 0;
      if (!fixedDelta) coincidences.fill(0);
      for (let i = 0; i < rowOf.length; i++) {
        const w = multiplicity[rowOf[i]!]!;
        if (w === 0) continue;
        for (let e = entries[i]!; e < entries[i + 1]!; e++) marginals[entryCat[e]!]! += w * entryN[e]!;
        if (fixedDelta) observed += w * observedOfRow[i]!;
        else for (let p = pairStart[i]!; p < pairStart[i + 1]!; p++) coincidences[pairOf[p]!]! += w * pairO[p]!;
      }
      let n = 0;
      for (const m of marginals) n += m;
      if (n < 2) return undefinedBecause('fewer than two pairable values (no unit has two values)');
      if (!fixedDelta) {
        const delta = distance(level, values, marginals, masi);
        coincidences.forEach((o, p) => (observed += o * delta(pairC[p]!, pairK[p]!)));
      }
      const expected = expectedMasi
        ? n * n - expectedMasi(marginals)
        : expectedDisagreement(level, values, marginals, n, distance(level, values, marginals, masi));
      if (!Number.isFinite(observed) || !Number.isFinite(expected))
        return undefinedBecause('the values are too large to compute with (floating-point overflow)');
      if (expected <= 1e-12 * n * n) return undefinedBecause('no variation: all pairable values are equal');
      const alpha = 1 - ((n - 1) * observed) / expected;
      return Number.isFinite(alpha)
        ? defined(alpha)
        : undefinedBecause('the values are too large to compute with (floating-point overflow)');
    },
  };
}

/**
 * Category values for the interval and ratio distances, divided by the largest magnitude when
 * that is so large that squares would overflow (both α's are unchanged by a common scale).
 */
function scaledValues(categories: readonly string[]): number[] {
  const v = categories.map(Number);
  const largest = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  return largest > 1e150 ? v.map((x) => x / largest) : v;
}

/** Σ_c Σ_k n_c n_k δ²_ck, in closed form where the distance allows it. */
function expectedDisagreement(
  level: Level,
  values: readonly number[],
  marginals: Float64Array,
  n: number,
  delta: (c: number, k: number) => number,
): number {
  if (level === 'nominal') {
    let squares = 0;
    for (const m of marginals) squares += m * m;
    return n * n - squares;
  }
  if (level === 'interval') {
    // Σ n_c n_k (v_c − v_k)² = 2 n Σ n_c (v_c − v̄)², around the mean for precision.
    let mean = 0;
    marginals.forEach((m, c) => (mean += m * values[c]!));
    mean /= n;
    let sum = 0;
    marginals.forEach((m, c) => (sum += m * (values[c]! - mean) ** 2));
    return 2 * n * sum;
  }
  const used: number[] = [];
  marginals.forEach((m, c) => m > 0 && used.push(c));
  let sum = 0;
  for (const c of used) for (const k of used) if (c !== k) sum += marginals[c]! * marginals[k]! * delta(c, k);
  return sum;
}

/** The squared distance between categories c and k at a level of measurement. */
function distance(
  level: Level,
  v: readonly number[],
  marginals: Float64Array,
  masi: { distance: (c: number, k: number) => number } | undefined,
): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (v[c]! - v[k]!) ** 2;
    case 'ratio':
      return (c, k) => {
        const sum = v[c]! + v[k]!;
        return sum === 0 ? 0 : ((v[c]! - v[k]!) / sum) ** 2;
      };
    case 'ordinal': {
      // Categories are in rank order; cumulative marginals give Σ_{g=c..k} n_g in O(1).
      const cumulative = new Float64Array(marginals.length + 1);
      marginals.forEach((m, i) => (cumulative[i + 1] = cumulative[i]! + m));
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        return (cumulative[hi + 1]! - cumulative[lo]! - (marginals[c]! + marginals[k]!) / 2) ** 2;
      };
    }
    case 'masi':
      return masi!.distance;
  }
}
