/**
 * MASI distance between two sets of labels (Passonneau 2006, "Measuring agreement on set-valued
 * items (MASI) for semantic and pragmatic annotation", LREC 2006):
 *
 *   δ(A, B) = 1 − J(A, B) · M(A, B),   J = |A ∩ B| / |A ∪ B|  (Jaccard)
 *   M = 1 if A = B; 2/3 if one is a subset of the other; 1/3 if they overlap otherwise; 0 if disjoint
 *
 * Two empty sets are identical (δ = 0): both coders found no code in the segment.
 *
 * @example
 * masiDistance(new Set(['a', 'b']), new Set(['a'])) // => 1 - (1 / 2) * (2 / 3)
 * masiDistance(new Set(['a', 'b']), new Set(['b', 'c'])) // => 1 - (1 / 3) * (1 / 3)
 */
export function masiDistance(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return 1 - masiSimilarity(a.size, b.size, common);
}

/**
 * J · M for sets of sizes a and b with `common` members in common: MASI depends on the two sets only
 * through these three numbers, which is what makes the expected disagreement over thousands of
 * distinct sets computable from counts (see masiExpected).
 */
export function masiSimilarity(a: number, b: number, common: number): number {
  if (a === 0 && b === 0) return 1;
  if (common === 0) return 0;
  const monotonicity = common === a && common === b ? 1 : common === a || common === b ? 2 / 3 : 1 / 3;
  return (common / (a + b - common)) * monotonicity;
}

/** Sets as category labels: sorted members joined by "|" ("" for the empty set). */
export function setKey(values: Iterable<string>): string {
  return [...new Set(values)].sort().join('|');
}

export function keySet(key: string): Set<string> {
  return new Set(key === '' ? [] : key.split('|'));
}

/** Set-valued categories (set keys) as member bitmasks, for fast intersections. */
export interface SetCategories {
  /** Members of each category as indices (ascending). */
  members: Int32Array[];
  sizes: Int32Array;
  /** 32-bit words per bitmask. */
  words: number;
  bits: Uint32Array;
}

export function setCategories(categories: readonly string[]): SetCategories {
  const index = new Map<string, number>();
  const members = categories.map((key) => {
    const list = [...keySet(key)].map((m) => {
      let i = index.get(m);
      if (i === undefined) index.set(m, (i = index.size));
      return i;
    });
    return Int32Array.from(list.sort((x, y) => x - y));
  });
  const words = Math.max(1, Math.ceil(index.size / 32));
  const bits = new Uint32Array(categories.length * words);
  members.forEach((list, c) => {
    for (const m of list) bits[c * words + (m >> 5)]! |= 1 << (m & 31);
  });
  return { members, sizes: Int32Array.from(members, (m) => m.length), words, bits };
}

/**
 * MASI distances between set-valued categories (the path production uses): each set a bitmask over
 * its members, intersections by popcount. Same definition as masiDistance().
 *
 * @example
 * masiOnBits(['a|b', 'a', '']).distance(0, 1) // => 1 - (1 / 2) * (2 / 3)
 * masiOnBits(['a|b', 'a', '']).distance(2, 2) // => 0
 */
export function masiOnBits(categories: readonly string[] | SetCategories): {
  distance: (c: number, k: number) => number;
  similarity: (c: number, k: number) => number;
} {
  const sets = Array.isArray(categories)
    ? setCategories(categories as readonly string[])
    : (categories as SetCategories);
  const { words, bits, sizes } = sets;
  const similarity = (c: number, k: number): number => {
    let common = 0;
    for (let i = 0; i < words; i++) common += popcount(bits[c * words + i]! & bits[k * words + i]!);
    return masiSimilarity(sizes[c]!, sizes[k]!, common);
  };
  return { similarity, distance: (c, k) => 1 - similarity(c, k) };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Σ_c Σ_k n_c n_k · MASI-similarity(c, k) over all ordered pairs of categories with marginals n —
 * the part of Krippendorff's expected disagreement that is not simply n² — without visiting the
 * q² pairs (q is in the thousands when every distinct set of codes is a category).
 *
 * MASI depends on a pair only through the sizes a, b and the overlap i. With
 *   Q_j(a, b) = Σ_{|T| = j} g_a(T) g_b(T),  g_a(T) = Σ_{c ⊇ T, |c| = a} n_c,
 * which counts pairs weighted by C(i, j), the weight of pairs with overlap exactly i follows by
 * binomial inversion, N(a, b, i) = Σ_{j ≥ i} (−1)^{j−i} C(j, i) Q_j(a, b), and the sum is
 * Σ N(a, b, i) · s(a, b, i). The work is Σ_c 2^{|c|} plus one pass over the subsets T: linear in
 * the categories for the small sets coders give. With integer marginals every N is an integer
 * (exact in floating point up to 2^53). When sets are large the plain pairwise sum is cheaper and
 * is used instead.
 */
export function masiExpected(sets: SetCategories): (marginals: Float64Array) => number {
  const q = sets.sizes.length;
  let work = 0;
  let largest = 0;
  for (const a of sets.sizes) {
    largest = Math.max(largest, a);
    work += 2 ** Math.min(a, 40);
  }
  if (largest > 20 || work > (q * q) / 4) return pairwise(sets);
  return bySubsets(sets, largest);
}

function pairwise(sets: SetCategories): (n: Float64Array) => number {
  const { similarity } = masiOnBits(sets);
  return (n) => {
    const used: number[] = [];
    n.forEach((x, c) => x > 0 && used.push(c));
    let sum = 0;
    for (const c of used) {
      sum += n[c]! * n[c]!;
      for (const k of used) if (k !== c) sum += n[c]! * n[k]! * similarity(c, k);
    }
    return sum;
  };
}

function bySubsets(sets: SetCategories, largest: number): (n: Float64Array) => number {
  const S = largest + 1;
  // Every non-empty subset T of every category, numbered; per category the list of its subsets.
  const subsetIds = new Map<string, number>();
  const subsetSize: number[] = [];
  const offsets = new Int32Array(sets.sizes.length + 1);
  const list: number[] = [];
  sets.members.forEach((members, c) => {
    const a = members.length;
    for (let mask = 1; mask < 1 << a; mask++) {
      let key = '';
      let size = 0;
      for (let b = 0; b < a; b++)
        if (mask & (1 << b)) {
          key += `${members[b]},`;
          size++;
        }
      let id = subsetIds.get(key);
      if (id === undefined) {
        subsetIds.set(key, (id = subsetSize.length));
        subsetSize.push(size);
      }
      list.push(id);
    }
    offsets[c + 1] = list.length;
  });
  const subsetOf = Int32Array.from(list);
  const T = subsetSize.length;
  // Per subset, the sizes of the categories that contain it (the only non-zero entries of g(T)).
  const sizeMask = new Int32Array(T);
  sets.members.forEach((_, c) => {
    for (let p = offsets[c]!; p < offsets[c + 1]!; p++) sizeMask[subsetOf[p]!]! |= 1 << sets.sizes[c]!;
  });
  const sizeStart = new Int32Array(T + 1);
  const sizeList: number[] = [];
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < S; a++) if (sizeMask[t]! & (1 << a)) sizeList.push(a);
    sizeStart[t + 1] = sizeList.length;
  }
  const sizesOf = Int32Array.from(sizeList);
  const g = new Float64Array(T * S);
  const Q = new Float64Array(S * S * S); // Q[(j * S + a) * S + b], filled for a ≤ b
  const totals = new Float64Array(S);
  const binomial = (n: number, k: number): number => {
    let r = 1;
    for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
    return r;
  };
  return (n) => {
    Q.fill(0);
    totals.fill(0);
    for (let c = 0; c < n.length; c++) {
      const w = n[c]!;
      if (w === 0) continue;
      const a = sets.sizes[c]!;
      totals[a]! += w;
      // Size-major: a category's subsets are written within one row of T numbers (cache-friendly).
      const row = a * T;
      for (let p = offsets[c]!; p < offsets[c + 1]!; p++) g[row + subsetOf[p]!]! += w;
    }
    for (let a = 0; a < S; a++) for (let b = a; b < S; b++) Q[a * S + b] = totals[a]! * totals[b]!;
    for (let t = 0; t < T; t++) {
      const j = subsetSize[t]!;
      for (let x = sizeStart[t]!; x < sizeStart[t + 1]!; x++) {
        const a = sizesOf[x]!;
        const ga = g[a * T + t]!;
        if (ga === 0) continue;
        for (let y = x; y < sizeStart[t + 1]!; y++) {
          const b = sizesOf[y]!;
          Q[(j * S + a) * S + b]! += ga * g[b * T + t]!;
        }
      }
      // Reset what this evaluation wrote, for the next one.
      for (let x = sizeStart[t]!; x < sizeStart[t + 1]!; x++) g[sizesOf[x]! * T + t] = 0;
    }
    let sum = 0;
    for (let a = 0; a < S; a++)
      for (let b = a; b < S; b++) {
        if (totals[a] === 0 || totals[b] === 0) continue;
        for (let i = 0; i <= a; i++) {
          const s = masiSimilarity(a, b, i);
          if (s === 0) continue;
          let pairs = 0;
          for (let j = i; j <= a; j++) pairs += ((j - i) % 2 === 0 ? 1 : -1) * binomial(j, i) * Q[(j * S + a) * S + b]!;
          // Ordered pairs: (a, b) and (b, a) alike, once when a = b.
          sum += (a === b ? 1 : 2) * pairs * s;
        }
      }
    return sum;
  };
}
