import { chanceCorrected, undefinedBecause, unitMeanAgreement, type Coefficient, type UnitCounts } from './ratings.js';

/**
 * Brennan and Prediger's kappa (Brennan & Prediger 1981, "Coefficient kappa: some uses, misuses,
 * and alternatives", Educational and Psychological Measurement 41: 687–699): chance agreement is
 * that of coders choosing uniformly among the q categories,
 *
 *   κ_BP = (p_a − 1/q) / (1 − 1/q)
 *
 * with p_a Gwet's unit-mean percent agreement. q counts the categories in the data (llo has no
 * separate list of possible values). Undefined with fewer than two categories.
 */
export function brennanPrediger(counts: UnitCounts): Coefficient {
  const q = counts.categories.length;
  if (q < 2) return undefinedBecause('only one category occurs');
  const pa = unitMeanAgreement(counts);
  if (pa === null) return undefinedBecause('no unit has two values to compare');
  return chanceCorrected(pa, 1 / q, 'Brennan–Prediger');
}
