import {
  categoryShares,
  chanceCorrected,
  undefinedBecause,
  unitMeanAgreement,
  type Coefficient,
  type UnitCounts,
} from './ratings.js';

/**
 * Gwet's AC1 (Gwet 2008, "Computing inter-rater reliability and its variance in the presence of
 * high agreement", Br. J. Math. Stat. Psychol. 61: 29–48), for any number of coders:
 *
 *   AC1 = (p_a − p_e) / (1 − p_e),   p_e = (1 / (q − 1)) Σ_k π_k (1 − π_k)
 *
 * with p_a and π_k as in Fleiss' κ (Gwet 2014 for missing ratings) and q the number of categories
 * in the data. Less sensitive than κ to skewed category shares ("paradoxes of kappa").
 * Undefined with fewer than two categories.
 */
export function gwetAc1(counts: UnitCounts): Coefficient {
  const q = counts.categories.length;
  if (q < 2) return undefinedBecause('only one category occurs');
  const pa = unitMeanAgreement(counts);
  if (pa === null) return undefinedBecause('no unit has two values to compare');
  const { shares } = categoryShares(counts);
  const pe = shares.reduce((s, p) => s + p * (1 - p), 0) / (q - 1);
  return chanceCorrected(pa, pe, "Gwet's AC1");
}
