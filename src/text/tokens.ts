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

/**
 * The tokens of `TOKEN` = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu, found by a
 * scanner (llo issue 15: the expression and a match object per token cost more than the tagging).
 */
export function tokenize(sentence: string): Token[] {
  const out: Token[] = [];
  // The sentence's key once, sliced per token, where offsets agree (nearly always); else per token.
  const key = alignedKey(sentence);
  const n = sentence.length;
  for (let i = 0; i < n;) {
    const start = i;
    let w = wordCharAt(sentence, i);
    const word = w > 0;
    if (word) {
      // Letters and digits, then any run of ' ’ - each followed by letters and digits.
      for (;;) {
        do i += w;
        while (i < n && (w = wordCharAt(sentence, i)) > 0);
        const c = sentence.charCodeAt(i);
        if (i + 1 < n && (c === 0x27 || c === 0x2019 || c === 0x2d) && (w = wordCharAt(sentence, i + 1)) > 0) i++;
        else break;
      }
    } else {
      const c = sentence.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      // One character: a code point (a surrogate pair is one).
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(sentence.charCodeAt(i + 1)) ? 2 : 1;
    }
    const text = sentence.slice(start, i);
    out.push({
      text,
      key: key === undefined ? matchKey(text) : key.slice(start, i),
      start,
      end: i,
      punct: !word,
    });
  }
  return out;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** `\s` of a JavaScript regular expression: white space and line terminators. */
export function isSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff;
}

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
