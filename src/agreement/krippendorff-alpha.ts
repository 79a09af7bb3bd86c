import { keySet } from './masi.js';
import { defined, size, undefinedBecause, type Coefficient, type UnitCounts } from './ratings.js';

export type Level = 'nominal' | 'ordinal' | 'interval' | 'ratio' | 'masi';

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
 * Undefined (null with the reason) when fewer than two values are pairable or when there is no
 * variation (D_e = 0), never NaN and never a silent 1.
 *
 * Cost: the coincidences are sparse (O(distinct units × values per unit²)); the expected
 * disagreement has a closed form for nominal and interval data and is O(categories²) otherwise.
 */
export function krippendorffAlpha(counts: UnitCounts, level: Level): Coefficient {
  const q = counts.categories.length;
  const coincidences = new Map<number, number>();
  const marginals = new Float64Array(q);
  counts.rows.forEach((row, i) => {
    const m = size(row);
    if (m < 2) return;
    const w = counts.multiplicity[i]! / (m - 1);
    for (const [c, nc] of row) {
      for (const [k, nk] of row) {
        const o = w * nc * (nk - (c === k ? 1 : 0));
        if (o === 0) continue;
        marginals[c]! += o;
        if (c !== k) coincidences.set(c * q + k, (coincidences.get(c * q + k) ?? 0) + o);
      }
    }
  });
  let n = 0;
  for (const m of marginals) n += m;
  if (n < 2) return undefinedBecause('fewer than two pairable values (no unit has two values)');
  const delta = distance(counts.categories, marginals, level);
  let observed = 0;
  for (const [key, o] of coincidences) observed += o * delta(Math.floor(key / q), key % q);
  const expected = expectedDisagreement(counts.categories, marginals, n, level, delta);
  if (expected <= 1e-12 * n * n) return undefinedBecause('no variation: all pairable values are equal');
  return defined(1 - ((n - 1) * observed) / expected);
}

/** Σ_c Σ_k n_c n_k δ²_ck, in closed form where the distance allows it. */
function expectedDisagreement(
  categories: readonly string[],
  marginals: Float64Array,
  n: number,
  level: Level,
  delta: (c: number, k: number) => number,
): number {
  if (level === 'nominal') {
    let squares = 0;
    for (const m of marginals) squares += m * m;
    return n * n - squares;
  }
  if (level === 'interval') {
    // Σ n_c n_k (v_c − v_k)² = 2 n Σ n_c v_c² − 2 (Σ n_c v_c)²
    let s1 = 0;
    let s2 = 0;
    categories.forEach((v, c) => {
      s1 += marginals[c]! * Number(v);
      s2 += marginals[c]! * Number(v) ** 2;
    });
    return 2 * n * s2 - 2 * s1 * s1;
  }
  const used = [...marginals.keys()].filter((c) => marginals[c]! > 0);
  let sum = 0;
  for (const c of used) for (const k of used) if (c !== k) sum += marginals[c]! * marginals[k]! * delta(c, k);
  return sum;
}

/** The squared distance between categories c and k at a level of measurement. */
function distance(
  categories: readonly string[],
  marginals: Float64Array,
  level: Level,
): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval': {
      const v = categories.map(Number);
      return (c, k) => (v[c]! - v[k]!) ** 2;
    }
    case 'ratio': {
      const v = categories.map(Number);
      return (c, k) => (v[c]! + v[k]! === 0 ? 0 : ((v[c]! - v[k]!) / (v[c]! + v[k]!)) ** 2);
    }
    case 'ordinal': {
      // Categories are in rank order; cumulative marginals give Σ_{g=c..k} n_g in O(1).
      const cumulative = [0];
      for (const m of marginals) cumulative.push(cumulative[cumulative.length - 1]! + m);
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        return (cumulative[hi + 1]! - cumulative[lo]! - (marginals[c]! + marginals[k]!) / 2) ** 2;
      };
    }
    case 'masi':
      return masiOnBits(categories);
  }
}

/**
 * MASI distances between set-valued categories, with each set as a bitmask over its members:
 * intersection sizes by popcount, so the expected disagreement over thousands of distinct sets
 * stays fast. Same definition as masiDistance().
 */
function masiOnBits(categories: readonly string[]): (c: number, k: number) => number {
  const members = new Map<string, number>();
  const sets = categories.map((key) =>
    [...keySet(key)].map((m) => (members.has(m) ? members.get(m)! : (members.set(m, members.size), members.size - 1))),
  );
  const words = Math.max(1, Math.ceil(members.size / 32));
  const bits = sets.map((list) => {
    const b = new Uint32Array(words);
    for (const m of list) b[m >> 5]! |= 1 << (m & 31);
    return b;
  });
  const sizes = sets.map((s) => s.length);
  return (c, k) => {
    const a = bits[c]!;
    const b = bits[k]!;
    let common = 0;
    for (let i = 0; i < words; i++) common += popcount(a[i]! & b[i]!);
    const [na, nb] = [sizes[c]!, sizes[k]!];
    if (na === 0 && nb === 0) return 0;
    if (common === 0) return 1;
    const monotonicity = common === na && common === nb ? 1 : common === na || common === nb ? 2 / 3 : 1 / 3;
    return 1 - (common / (na + nb - common)) * monotonicity;
  };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
