import { alignedKey, matchKey } from './normalise.js';

/**
 * Words and punctuation of one sentence, with offsets, for the clause layer. A word is a run of
 * letters and digits, with hyphens and apostrophes inside it (STAP-budget, mkb'ers, zzp’er); a
 * punctuation mark is one character. Never `\w` or `\b`: they break Dutch words at "ë".
 */
export interface Token {
  /** As written. */
  text: string;
  /** Matching key: lower case, no diacritics. */
  key: string;
  /** Offsets in the sentence (UTF-16 units), end exclusive. */
  start: number;
  end: number;
  /** A punctuation mark rather than a word. */
  punct: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

export function tokenize(sentence: string): Token[] {
  const out: Token[] = [];
  // The sentence's key once, sliced per token, where offsets agree (nearly always); else per token.
  const key = alignedKey(sentence);
  for (const m of sentence.matchAll(TOKEN)) {
    const text = m[0];
    const start = m.index;
    out.push({
      text,
      key: key === undefined ? matchKey(text) : key.slice(start, start + text.length),
      start,
      end: start + text.length,
      // A word starts with a letter or digit; anything else the expression takes is one mark.
      punct: !isWordStart(text),
    });
  }
  return out;
}

/** Whether a text starts with a letter or digit (of any script). */
function isWordStart(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORD_START.test(text);
}
const WORD_START = /^[\p{L}\p{N}]/u;

/**
 * Letters and digits by UTF-16 unit, for scanners that walk a text without regular expressions: 1
 * a letter or digit, 2 not, 0 not yet known (a surrogate is never classified here: a code point
 * outside the BMP is tested as a pair by `wordCodePointAt`).
 */
const WORD_UNITS = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * The length (1 or 2 UTF-16 units) of the letter or digit at `i`, or 0 when the character there is
 * none: the word characters of `[\p{L}\p{N}]` with the `u` flag, without running an expression.
 */
export function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return LETTER_OR_DIGIT.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let k = WORD_UNITS[c]!;
  if (k === 0) WORD_UNITS[c] = k = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1 ? 1 : 0;
}
