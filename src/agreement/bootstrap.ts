import type { Coefficient } from './ratings.js';

/**
 * A bootstrap distribution of a coefficient by resampling units with replacement (Efron &
 * Tibshirani 1993), as Krippendorff recommends for judging α against a minimum: the 95% interval
 * is the 2.5th and 97.5th percentile of the replicates, and P(α < min) the share of replicates
 * below the minimum. Replicates where the coefficient is undefined are left out and counted.
 *
 * Units come as distinct unit patterns with a multiplicity (the rows of UnitCounts), and a
 * replicate is a multinomial draw of the units over them, exactly, in two parts. Patterns shared by
 * many units are drawn by binomial splitting (exact inversion when the mean is below 30, a rounded
 * normal approximation above it, far finer than the resolution of a percentile interval). The many
 * patterns with few units (fewer than 16 — with thousands of distinct sets of codes, most of them)
 * are drawn together: how many of the replicate's units fall among them is one binomial draw, and
 * each of those units is then one uniform draw among theirs. A replicate so costs O(patterns shared
 * by many units + units in the rare ones), not O(units).
 */
export interface BootstrapResult {
  replicates: number;
  undefinedReplicates: number;
  ci95: [number, number] | null;
  /** Share of replicates below `minimum` (null without a minimum). */
  pBelow: number | null;
  seed: number;
}

/** Patterns with fewer units than this are drawn unit by unit. */
const FEW = 16;
/**
 * Replicates come in blocks of this many, each block with its own seed (from the user's seed and
 * the block's number): the result is then the same whether the blocks run in one thread or two.
 */
export const BLOCK = 50;

/** Draws replicates: multinomial counts of the units over their distinct patterns. */
export class Resampler {
  private readonly total: number;
  private readonly common: number[];
  private readonly rareUnits: number;
  private readonly unitRow: Int32Array;
  /** The current replicate's multiplicities (reused). */
  readonly replicate: Float64Array;

  constructor(private readonly multiplicity: readonly number[]) {
    this.total = multiplicity.reduce((a, b) => a + b, 0);
    const rare = multiplicity.flatMap((m, row) => (m > 0 && m < FEW ? [row] : []));
    this.common = multiplicity.flatMap((m, row) => (m >= FEW ? [row] : []));
    this.rareUnits = rare.reduce((n, row) => n + multiplicity[row]!, 0);
    this.unitRow = new Int32Array(this.rareUnits);
    let at = 0;
    for (const row of rare) this.unitRow.fill(row, at, (at += multiplicity[row]!));
    this.replicate = new Float64Array(multiplicity.length);
  }

  draw(random: () => number): Float64Array {
    const { replicate, total, rareUnits, unitRow } = this;
    replicate.fill(0);
    const inRare = rareUnits === 0 ? 0 : binomial(total, rareUnits / total, random);
    // The uniform draws, one per unit: Mulberry32 inline (seeded from the main stream), the hottest loop here.
    let a = Math.floor(random() * 4294967296) >>> 0;
    for (let i = 0; i < inRare; i++) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      replicate[unitRow[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * rareUnits)]!]!++;
    }
    let remaining = total - inRare;
    let remainingP = 1 - rareUnits / total;
    for (const row of this.common) {
      const p = this.multiplicity[row]! / total;
      const draw =
        remaining <= 0 ? 0 : remainingP <= p ? remaining : binomial(remaining, Math.min(1, p / remainingP), random);
      replicate[row] = draw;
      remaining -= draw;
      remainingP -= p;
    }
    return replicate;
  }
}

export interface BootstrapBlock {
  /** The defined replicate values of the block. */
  values: number[];
  undefinedReplicates: number;
}

/** Block `block` of the replicates (`count` of them), with the block's own seed. */
export function bootstrapBlock(
  resampler: Resampler,
  statistic: (multiplicity: Float64Array) => Coefficient,
  seed: number,
  block: number,
  count: number,
): BootstrapBlock {
  const random = mulberry32((seed ^ Math.imul(block + 1, 0x9e3779b9)) >>> 0);
  const values: number[] = [];
  let undefinedReplicates = 0;
  for (let r = 0; r < count; r++) {
    const value = statistic(resampler.draw(random)).value;
    if (value === null) undefinedReplicates++;
    else values.push(value);
  }
  return { values, undefinedReplicates };
}

/** The blocks a bootstrap of `replicates` replicates is made of: [block, count]. */
export function blocks(replicates: number): [number, number][] {
  return Array.from({ length: Math.ceil(replicates / BLOCK) }, (_, b) => [b, Math.min(BLOCK, replicates - b * BLOCK)]);
}

/** The interval and P(α < minimum) from the replicates' values. */
export function summarise(
  parts: readonly BootstrapBlock[],
  replicates: number,
  seed: number,
  minimum?: number,
): BootstrapResult {
  const values = parts.flatMap((p) => p.values).sort((a, b) => a - b);
  const quantile = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))]!;
  return {
    replicates,
    undefinedReplicates: parts.reduce((n, p) => n + p.undefinedReplicates, 0),
    ci95: values.length === 0 ? null : [quantile(0.025), quantile(0.975)],
    pBelow:
      minimum === undefined || values.length === 0 ? null : values.filter((v) => v < minimum).length / values.length,
    seed,
  };
}

/**
 * The bootstrap in this thread. `multiplicity`: how many units have each distinct unit pattern;
 * `statistic`: the coefficient for a replicate's multiplicities (prepareAlpha(…).value).
 */
export function bootstrap(
  multiplicity: readonly number[],
  statistic: (multiplicity: Float64Array) => Coefficient,
  replicates: number,
  seed: number,
  minimum?: number,
): BootstrapResult {
  const resampler = new Resampler(multiplicity);
  const parts = blocks(replicates).map(([b, n]) => bootstrapBlock(resampler, statistic, seed, b, n));
  return summarise(parts, replicates, seed, minimum);
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
