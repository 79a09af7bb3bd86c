/**
 * The normalised text of a document is what segment offsets point into. Its definition is part of
 * llo's file formats (README, "Normalised text"), so it lives in one place:
 * - Unicode NFC; line ends LF;
 * - inside a block (heading, paragraph, list item) every run of white space is one U+0020 space,
 *   soft hyphens (U+00AD), zero-width characters and control characters (C0 and C1, such as ESC,
 *   which would otherwise reach terminals; tab and line breaks are white space) are removed, and
 *   the block is trimmed;
 * - blocks follow each other in reading order, separated by one blank line ("\n\n").
 * Offsets are counted in Unicode code points, end exclusive.
 */

import { measureText } from './words.js';

// Zero-width space/joiners, word joiner, BOM, soft hyphen: invisible, but they would break matching.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
// All Unicode space separators, tabs and line breaks.
const SPACE_RUN = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/gu;

// C0 and C1 control characters and DEL, except the ones that are white space (tab, LF, VT, FF, CR).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

export interface CleanStats {
  /** Control characters removed. */
  controls: number;
}

// One quick test lets most blocks skip every replace: any character to remove and any white space
// other than U+0020 (tab, line breaks, no-break and other spaces). \s is exactly U+0020 and these.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u001f\u007f-\u00a0\u00ad\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/u;
const SPACES = / {2,}/g;

/** A block's normalised text with its length in code points and its number of words. */
export interface CleanBlock {
  text: string;
  codePoints: number;
  words: number;
}

/** Normalises the text of one block (see the module comment); counts removed controls in `stats`. */
export function cleanInline(text: string, stats?: CleanStats): string {
  return cleanBlock(text, stats).text;
}

/**
 * cleanInline, and the code points and words of the result, in as few passes over the text as
 * ingest can afford: the normalisation (fast when there is nothing to do), one test for anything
 * unusual, and one pass that counts and finds doubled spaces.
 */
export function cleanBlock(text: string, stats?: CleanStats): CleanBlock {
  let t = text.normalize('NFC');
  if (SPECIAL.test(t)) {
    t = t.replace(INVISIBLE, '');
    const before = t.length;
    t = t.replace(CONTROL, '');
    if (stats) stats.controls += before - t.length;
    t = t.replace(SPACE_RUN, ' ');
  }
  t = t.trim();
  let m = measureText(t);
  if (m.doubleSpace) m = measureText((t = t.replace(SPACES, ' ')));
  return { text: t, codePoints: m.codePoints, words: m.words };
}

/** The separator between blocks in the normalised text. */
export const BLOCK_SEPARATOR = '\n\n';

/** Number of Unicode code points (not UTF-16 units) in a string. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * A key for case- and accent-insensitive matching: lower case, NFKC (folds ligatures such as
 * "ﬁ" and full-width forms) and diacritics removed ("coördinatie" → "coordinatie"). Only for
 * comparing; stored text keeps its original form.
 */
export function matchKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC').toLowerCase();
}

/** A letter or digit in any script: the word-character test that `\w` gets wrong for Dutch. */
export const WORD_CHAR = /[\p{L}\p{N}]/u;
