/**
 * The mix index of a set of shares: Shannon entropy normalised by its maximum,
 *
 *   mix = − Σ p_i · ln p_i / ln k      (terms with p_i = 0 count as 0)
 *
 * over k categories (here: the paradigms of the codebook). 0 when everything is in one category, 1
 * when every category has the same share: how "sedimented" a policy's mix of governance paradigms
 * is. Shannon (1948), "A mathematical theory of communication"; normalised entropy is Pielou's
 * evenness J' (Pielou 1966, J. Theor. Biol. 13: 131–144).
 *
 * Returns null when it is undefined: no weight at all, or fewer than two categories.
 *
 * @example mixIndex([1, 0, 0, 0]) // => 0
 * @example mixIndex([0.25, 0.25, 0.25, 0.25]) // => 1
 */
export function mixIndex(weights: readonly number[]): number | null {
  const total = weights.reduce((a, b) => a + b, 0);
  if (weights.length < 2 || total <= 0) return null;
  let entropy = 0;
  for (const w of weights) {
    if (w <= 0) continue;
    const p = w / total;
    entropy -= p * Math.log(p);
  }
  // Rounding can leave -0 or a hair above 1; the index is defined on [0, 1].
  return Math.min(1, Math.max(0, entropy / Math.log(weights.length)));
}
