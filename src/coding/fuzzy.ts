import { matchKey } from '../text/normalise.js';

/**
 * Fuzzy search for codes by part of their id or role label, as a coder types it: every typed
 * character must appear in order (a subsequence); contiguous runs and matches at word starts
 * score higher. "fac sti" finds overheid.faciliteren-stimuleren.
 */
export function fuzzyScore(query: string, target: string): number | null {
  const q = matchKey(query).replace(/\s+/gu, '');
  const t = matchKey(target);
  if (q === '') return 0;
  let score = 0;
  let at = 0;
  let run = 0;
  for (const ch of q) {
    const found = t.indexOf(ch, at);
    if (found === -1) return null;
    run = found === at ? run + 1 : 1;
    const wordStart = found === 0 || /[^\p{L}\p{N}]/u.test(t[found - 1]!);
    score += run * 2 + (wordStart ? 3 : 0) - Math.min(found - at, 5) * 0.1;
    at = found + 1;
  }
  return score - t.length * 0.01;
}

export interface Searchable {
  id: string;
  label: string;
}

/** The best matches, highest score first, ties by id. */
export function fuzzySearch<T extends Searchable>(query: string, items: readonly T[], limit = 8): T[] {
  return items
    .map((item) => ({
      item,
      score: Math.max(fuzzyScore(query, item.id) ?? -Infinity, fuzzyScore(query, item.label) ?? -Infinity),
    }))
    .filter((x) => x.score > -Infinity)
    .sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.item);
}
