/**
 * Joining the physical lines of a paragraph into running text, with Dutch-aware repair of
 * hyphens at line ends. Shared by the PDF reader and the plain-text reader (hard-wrapped text).
 *
 * Dutch writes many compounds with a hyphen ("media-aanbod", "publiek-private", "MLT-advies"),
 * and policy texts are rarely hyphenated by the typesetter, so a line-end hyphen is kept unless
 * the document itself shows the word written whole elsewhere; "wet- en regelgeving" (a hyphen
 * standing for a shared word part, followed by a conjunction) keeps its space.
 */

const CONJUNCTIONS = new Set(['en', 'of', 'en/of', 'tot', 'noch', 'als', 'dan', 'naar']);
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Lower-cased words of a document, for the "written whole elsewhere" test. Built on first use:
 * most documents have no line-end hyphen, and the scan costs as much as the rest of reading.
 */
export function vocabulary(texts: () => Iterable<string>): () => ReadonlySet<string> {
  let words: Set<string> | undefined;
  return () => {
    if (!words) {
      words = new Set<string>();
      for (const t of texts()) for (const m of t.toLowerCase().matchAll(WORD)) words.add(m[0]);
    }
    return words;
  };
}

export interface JoinStats {
  /** Line-end hyphens removed because the whole word occurs elsewhere in the document. */
  dehyphenated: number;
}

/** Joins lines into one string; `words` is the document's vocabulary. */
export function joinLines(lines: readonly string[], words: () => ReadonlySet<string>, stats?: JoinStats): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (out === '') {
      out = line;
      continue;
    }
    // Only the end of the text so far matters; matching all of it would make long paragraphs quadratic.
    const hyphen = out.endsWith('-') ? /([\p{L}\p{N}]+)-$/u.exec(out.slice(-64)) : null;
    const next = hyphen ? /^([\p{Ll}][\p{L}\p{N}]*)/u.exec(line) : null;
    if (hyphen && next) {
      if (CONJUNCTIONS.has(next[1]!)) {
        out += ' ' + line;
      } else if (words().has((hyphen[1]! + next[1]!).toLowerCase())) {
        out = out.slice(0, -1) + line;
        if (stats) stats.dehyphenated++;
      } else {
        out += line;
      }
    } else {
      out += ' ' + line;
    }
  }
  return out;
}

/** Bullet characters that start a list item, including the Symbol-font bullet U+F0B7 of Word PDFs. */
export const BULLET = /^[•\uf0b7\uf0a7\uf076\uf0d8▪■□●○◦‣∙·►–—-]\s+/u;
/** Numbered list labels: "1.", "2)", "a.", "b)", "(iii)". */
export const NUMBERED = /^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])\s+/u;
