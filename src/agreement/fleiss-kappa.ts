import {
  categoryShares,
  chanceCorrected,
  undefinedBecause,
  unitMeanAgreement,
  type Coefficient,
  type UnitCounts,
} from './ratings.js';

/**
 * Fleiss' kappa for any number of coders (Fleiss 1971, "Measuring nominal scale agreement among
 * many raters", Psychological Bulletin 76: 378–382):
 *
 *   κ = (P̄ − P̄_e) / (1 − P̄_e),   P̄_e = Σ_k π_k²
 *
 * With missing ratings (units coded by different numbers of coders) llo follows Gwet's
 * generalisation (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed., ch. 2; R irrCAC
 * `fleiss.kappa.raw`): P̄ averages the per-unit agreement over units with two or more ratings, and
 * π_k averages each unit's category shares over all rated units, single-rated ones included.
 * With complete data this is Fleiss' original coefficient.
 */
export function fleissKappa(counts: UnitCounts): Coefficient {
  const pa = unitMeanAgreement(counts);
  if (pa === null) return undefinedBecause('no unit has two values to compare');
  const { shares } = categoryShares(counts);
  const pe = shares.reduce((s, p) => s + p * p, 0);
  return chanceCorrected(pa, pe, "Fleiss' kappa");
}
