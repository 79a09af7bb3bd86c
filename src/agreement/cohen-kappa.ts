import { chanceCorrected, undefinedBecause, type Coefficient, type Contingency } from './ratings.js';

export type Weighting = 'none' | 'linear' | 'quadratic';

/**
 * Cohen's kappa for two coders (Cohen 1960, "A coefficient of agreement for nominal scales",
 * Educational and Psychological Measurement 20: 37–46), and its weighted form (Cohen 1968,
 * Psychological Bulletin 70: 213–220):
 *
 *   κ_w = (p_o − p_e) / (1 − p_e),  p_o = Σ_jk w_jk n_jk / N,  p_e = Σ_jk w_jk (n_j· / N)(n_·k / N)
 *
 * Chance agreement multiplies each coder's own category shares and adds over the cells: the two
 * coders' marginals are kept apart (this is what distinguishes κ from Scott's π). Weights by
 * category rank j, k among q categories: none w = [j = k]; linear w = 1 − |j − k| / (q − 1);
 * quadratic w = 1 − (j − k)² / (q − 1)². Only units both coders coded are counted.
 */
export function cohenKappa(table: Contingency, weighting: Weighting = 'none'): Coefficient {
  const q = table.categories.length;
  const w = weights(q, weighting);
  let total = 0;
  const rows = new Array<number>(q).fill(0);
  const cols = new Array<number>(q).fill(0);
  for (let j = 0; j < q; j++)
    for (let k = 0; k < q; k++) {
      const n = table.table[j]![k]!;
      total += n;
      rows[j]! += n;
      cols[k]! += n;
    }
  if (total === 0) return undefinedBecause('no unit was coded by both coders');
  let po = 0;
  let pe = 0;
  for (let j = 0; j < q; j++)
    for (let k = 0; k < q; k++) {
      po += (w(j, k) * table.table[j]![k]!) / total;
      pe += (w(j, k) * rows[j]! * cols[k]!) / (total * total);
    }
  return chanceCorrected(po, pe, "Cohen's kappa");
}

export function weights(q: number, weighting: Weighting): (j: number, k: number) => number {
  if (weighting === 'none' || q < 2) return (j, k) => (j === k ? 1 : 0);
  if (weighting === 'linear') return (j, k) => 1 - Math.abs(j - k) / (q - 1);
  return (j, k) => 1 - (j - k) ** 2 / (q - 1) ** 2;
}
