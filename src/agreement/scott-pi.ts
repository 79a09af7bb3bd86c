import { chanceCorrected, undefinedBecause, type Coefficient, type Contingency } from './ratings.js';

/**
 * Scott's pi for two coders (Scott 1955, "Reliability of content analysis: the case of nominal
 * scale coding", Public Opinion Quarterly 19: 321–325):
 *
 *   π = (p_o − p_e) / (1 − p_e),   p_e = Σ_k ((n_k· + n_·k) / 2N)²
 *
 * Chance agreement uses the pooled category shares of both coders (unlike Cohen's κ). Only units
 * both coders coded are counted.
 */
export function scottPi(table: Contingency): Coefficient {
  const q = table.categories.length;
  let total = 0;
  let agree = 0;
  const pooled = new Array<number>(q).fill(0);
  for (let j = 0; j < q; j++)
    for (let k = 0; k < q; k++) {
      const n = table.table[j]![k]!;
      total += n;
      if (j === k) agree += n;
      pooled[j]! += n;
      pooled[k]! += n;
    }
  if (total === 0) return undefinedBecause('no unit was coded by both coders');
  const pe = pooled.reduce((s, p) => s + (p / (2 * total)) ** 2, 0);
  return chanceCorrected(agree / total, pe, "Scott's pi");
}
