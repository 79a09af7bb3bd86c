import type { Coefficient, UnitCounts } from './ratings.js';

/**
 * A bootstrap distribution of a coefficient by resampling units with replacement (Efron &
 * Tibshirani 1993), as Krippendorff recommends for judging α against a minimum: the 95% interval
 * is the 2.5th and 97.5th percentile of the replicates, and P(α < min) the share of replicates
 * below the minimum.
 *
 * Units are drawn as multinomial counts over the distinct unit rows (binomial splitting), so one
 * replicate costs O(distinct rows), not O(units). Binomials are drawn exactly by inversion when
 * their mean is below 30 and by a rounded normal approximation above it, which is far finer than
 * the resolution of a percentile interval. Replicates where the coefficient is undefined are left
 * out and counted.
 */
export interface BootstrapResult {
  replicates: number;
  undefinedReplicates: number;
  ci95: [number, number] | null;
  /** Share of replicates below `minimum` (null without a minimum). */
  pBelow: number | null;
  seed: number;
}

export function bootstrap(
  counts: UnitCounts,
  statistic: (c: UnitCounts) => Coefficient,
  replicates: number,
  seed: number,
  minimum?: number,
): BootstrapResult {
  const random = mulberry32(seed);
  const total = counts.multiplicity.reduce((a, b) => a + b, 0);
  const values: number[] = [];
  let undefinedReplicates = 0;
  for (let r = 0; r < replicates; r++) {
    let remaining = total;
    let remainingP = 1;
    const multiplicity = counts.multiplicity.map((m) => {
      const p = m / total;
      const draw =
        remaining <= 0 ? 0 : remainingP <= p ? remaining : binomial(remaining, Math.min(1, p / remainingP), random);
      remaining -= draw;
      remainingP -= p;
      return draw;
    });
    const value = statistic({ ...counts, multiplicity }).value;
    if (value === null) undefinedReplicates++;
    else values.push(value);
  }
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))]!;
  return {
    replicates,
    undefinedReplicates,
    ci95: values.length === 0 ? null : [at(0.025), at(0.975)],
    pBelow:
      minimum === undefined || values.length === 0 ? null : values.filter((v) => v < minimum).length / values.length,
    seed,
  };
}

/** Mulberry32: a small, fast, seedable PRNG; the same seed gives the same intervals on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function binomial(n: number, p: number, random: () => number): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  const mean = n * p;
  if (mean < 30) {
    // Inversion: walk the cumulative distribution.
    const q = 1 - p;
    let prob = q ** n;
    let cumulative = prob;
    const u = random();
    let k = 0;
    while (u > cumulative && k < n) {
      prob *= ((n - k) / (k + 1)) * (p / q);
      cumulative += prob;
      k++;
    }
    return k;
  }
  // Normal approximation (Box–Muller), rounded and clamped.
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.min(n, Math.max(0, Math.round(mean + z * Math.sqrt(mean * (1 - p)))));
}
