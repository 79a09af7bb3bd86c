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
  // Nearly all text is ASCII, or ASCII with a few accented letters and curly quotes: those take the
  // per-character table; anything else the full definition below (the same result, see FOLDABLE).
  return tableKey(text, false) ?? slowKey(text);
}

/**
 * The matching key when every character of the text folds to exactly one character, so that an
 * offset into the text is the same offset into the key and the key of any slice of the text is
 * the same slice of the key; else undefined.
 */
export function alignedKey(text: string): string | undefined {
  return tableKey(text, true);
}

/** The key by the per-character table; undefined for a character it lacks (or, `aligned`, one that changes length). */
function tableKey(text: string, aligned: boolean): string | undefined {
  let from = 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    const folded = fold(c);
    if (folded === undefined || (aligned && folded.length !== 1)) return undefined;
    if (i > from) out += text.slice(from, i).toLowerCase();
    out += folded;
    from = i + 1;
  }
  return from === 0 ? text.toLowerCase() : out + text.slice(from).toLowerCase();
}

function slowKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC').toLowerCase();
}

/**
 * Characters whose matching key does not depend on their neighbours, so that a text's key is the
 * concatenation of its characters' keys: Latin letters (with their accents), spacing modifiers,
 * general punctuation (curly quotes, dashes), super- and subscripts, currency, letter-like and
 * number forms, arrows, mathematical and other symbols, the Latin ligatures (ﬁ) and full-width
 * ASCII. Left out, and so folded by the full definition, are the characters that can combine
 * with a neighbour: combining marks, Hangul jamo and the forms that decompose into them, and the
 * Greek capital sigma (whose lower case depends on the end of the word).
 * test/normalise.test.ts checks the concatenation against the full definition.
 */
export const FOLDABLE: readonly (readonly [number, number])[] = [
  [0x80, 0x2ff],
  [0x1e00, 0x1eff],
  [0x2000, 0x20cf],
  [0x2100, 0x2bff],
  [0xfb00, 0xfb06],
  [0xff01, 0xff5e],
];
/** The key of each character met so far (null: not foldable alone), by UTF-16 unit. */
const folds: (string | null | undefined)[] = [];
function fold(c: number): string | undefined {
  let f = folds[c];
  if (f === undefined) {
    f = FOLDABLE.some(([a, b]) => a <= c && c <= b) ? slowKey(String.fromCharCode(c)) : null;
    folds[c] = f;
  }
  return f ?? undefined;
}

/** A letter or digit in any script: the word-character test that `\w` gets wrong for Dutch. */
export const WORD_CHAR = /[\p{L}\p{N}]/u;
