import { defined, size, undefinedBecause, type Coefficient, type UnitCounts } from './ratings.js';

/**
 * Percent agreement: the share of agreeing pairs among all pairable pairs of values within units,
 *
 *   P = Σ_u Σ_k C(n_uk, 2) / Σ_u C(n_u, 2)
 *
 * over units with at least two values (n_u values, n_uk of them in category k). With two coders
 * and no missing values it is the share of units they agree on. (Gwet's unit-mean percent agreement
 * and Krippendorff's observed agreement weight units differently when coders per unit vary.)
 *
 * @example
 * // Two units, categories a (0) and b (1): the coders agree on the first, not on the second.
 * percentAgreement(countUnits(['a', 'b'], [[0, 0], [0, 1]])).value // => 0.5
 */
export function percentAgreement(counts: UnitCounts): Coefficient {
  let agreeing = 0;
  let pairs = 0;
  counts.rows.forEach((row, i) => {
    const n = size(row);
    if (n < 2) return;
    const w = counts.multiplicity[i]!;
    for (const [, c] of row) agreeing += (w * c * (c - 1)) / 2;
    pairs += (w * n * (n - 1)) / 2;
  });
  return pairs === 0 ? undefinedBecause('no unit has two values to compare') : defined(agreeing / pairs);
}
