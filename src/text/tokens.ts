import { matchKey } from './normalise.js';

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
  for (const m of sentence.matchAll(TOKEN)) {
    const text = m[0];
    out.push({
      text,
      key: matchKey(text),
      start: m.index,
      end: m.index + text.length,
      punct: !/[\p{L}\p{N}]/u.test(text),
    });
  }
  return out;
}
