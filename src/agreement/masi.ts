/**
 * MASI distance between two sets of labels (Passonneau 2006, "Measuring agreement on set-valued
 * items (MASI) for semantic and pragmatic annotation", LREC 2006):
 *
 *   δ(A, B) = 1 − J(A, B) · M(A, B),   J = |A ∩ B| / |A ∪ B|  (Jaccard)
 *   M = 1 if A = B; 2/3 if one is a subset of the other; 1/3 if they overlap otherwise; 0 if disjoint
 *
 * Two empty sets are identical (δ = 0): both coders found no code in the segment.
 *
 * @example masiDistance(['a', 'b'], ['a']) // => 1 − (1/2)·(2/3) = 2/3
 */
export function masiDistance(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  if (common === 0) return 1;
  const union = a.size + b.size - common;
  const monotonicity =
    common === a.size && common === b.size ? 1 : common === a.size || common === b.size ? 2 / 3 : 1 / 3;
  return 1 - (common / union) * monotonicity;
}

/** Sets as category labels: sorted members joined by "|" ("" for the empty set). */
export function setKey(values: Iterable<string>): string {
  return [...new Set(values)].sort().join('|');
}

export function keySet(key: string): Set<string> {
  return new Set(key === '' ? [] : key.split('|'));
}
