/**
 * Counting words the way `/[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*\/gu` matches them (letters and
 * digits of any script, joined by a hyphen, apostrophe or full stop into one word: "STAP-budget",
 * "zzp’ers", "o.a"), without building a match object per word: ingest counts the words of every
 * segment, and the regular expression cost more than the rest of reading a text file.
 *
 * A word starts at a word character that neither follows a word character nor a joiner that
 * itself follows one (a joiner followed by a word character continues the word before it).
 */
const WORD = /[\p{L}\p{N}]/u;

// The kind of every code unit of the Basic Multilingual Plane, built on first use (about 10 ms):
// 1 letter or digit, 2 joiner, 3 other, 0 a surrogate (looked at as part of its pair).
let kinds: Uint8Array | undefined;
function kindTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    table[c] = WORD.test(String.fromCharCode(c)) ? 1 : c === 0x2d || c === 0x27 || c === 0x2019 || c === 0x2e ? 2 : 3;
  }
  return table;
}

export function countWords(text: string): number {
  return measureText(text).words;
}

/** What one pass over a text finds (see measureText). */
export interface TextMeasure {
  words: number;
  /** Unicode code points (a surrogate pair is one). */
  codePoints: number;
  /** Two U+0020 spaces in a row somewhere. */
  doubleSpace: boolean;
}

// Filled anew by every call: ingest measures every paragraph, and an object per call is garbage.
const measure: TextMeasure = { words: 0, codePoints: 0, doubleSpace: false };

/**
 * Words, code points and doubled spaces of a text in one pass. The result is overwritten by the
 * next call: read it before measuring again.
 */
export function measureText(text: string): Readonly<TextMeasure> {
  const table = (kinds ??= kindTable());
  let words = 0;
  let pairs = 0;
  let doubleSpace = false;
  let prev = 3;
  let prev2 = 3;
  let prevCode = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let kind = table[c]!;
    if (kind === 0) {
      // A surrogate: the code point of a pair, or a lone surrogate (not a letter).
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) {
        i++;
        pairs++;
      }
      kind = WORD.test(String.fromCodePoint(cp)) ? 1 : 3;
    } else if (c === 0x20 && prevCode === 0x20) doubleSpace = true;
    if (kind === 1 && prev !== 1 && !(prev === 2 && prev2 === 1)) words++;
    prev2 = prev;
    prev = kind;
    prevCode = c;
  }
  measure.words = words;
  measure.codePoints = n - pairs;
  measure.doubleSpace = doubleSpace;
  return measure;
}
