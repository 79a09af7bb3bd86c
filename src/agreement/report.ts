import { brennanPrediger } from './brennan-prediger.js';
import { cohenKappa } from './cohen-kappa.js';
import { fleissKappa } from './fleiss-kappa.js';
import { gwetAc1 } from './gwet-ac1.js';
import { krippendorffAlpha, type Level } from './krippendorff-alpha.js';
import { percentAgreement } from './percent-agreement.js';
import { undefinedBecause, type Coefficient, type Contingency, type UnitCounts } from './ratings.js';
import { scottPi } from './scott-pi.js';

/** The coefficient keys of llo's JSON output, in the order they are printed. */
export const COEFFICIENTS = [
  'percent_agreement',
  'krippendorff_alpha',
  'cohen_kappa',
  'scott_pi',
  'cohen_kappa_linear',
  'cohen_kappa_quadratic',
  'fleiss_kappa',
  'gwet_ac1',
  'brennan_prediger',
] as const;
export type CoefficientKey = (typeof COEFFICIENTS)[number];

export interface Coefficients {
  /** Each coefficient's value, or null where it is undefined. */
  coefficients: Record<CoefficientKey, number | null>;
  /** Why a coefficient is null. */
  undefined: Partial<Record<CoefficientKey, string>>;
}

/**
 * Every coefficient for one variable. Two-coder coefficients (Cohen, Scott, weighted κ) need the
 * contingency table of the units both coders coded; with another number of coders they are null.
 */
export function allCoefficients(counts: UnitCounts, contingency: Contingency | string, level: Level): Coefficients {
  const twoCoders = (f: (t: Contingency) => Coefficient): Coefficient =>
    typeof contingency === 'string' ? undefinedBecause(contingency) : f(contingency);
  const results: Record<CoefficientKey, Coefficient> = {
    percent_agreement: percentAgreement(counts),
    krippendorff_alpha: krippendorffAlpha(counts, level),
    cohen_kappa: twoCoders((t) => cohenKappa(t)),
    scott_pi: twoCoders(scottPi),
    cohen_kappa_linear: twoCoders((t) => cohenKappa(t, 'linear')),
    cohen_kappa_quadratic: twoCoders((t) => cohenKappa(t, 'quadratic')),
    fleiss_kappa: fleissKappa(counts),
    gwet_ac1: gwetAc1(counts),
    brennan_prediger: brennanPrediger(counts),
  };
  const out: Coefficients = { coefficients: {} as Record<CoefficientKey, number | null>, undefined: {} };
  for (const key of COEFFICIENTS) {
    const r = results[key];
    out.coefficients[key] = r.value;
    if (r.value === null) out.undefined[key] = (r as { reason: string }).reason;
  }
  return out;
}
