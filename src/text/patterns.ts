import { LloError } from '../errors.js';
import { matchKey } from './normalise.js';

/**
 * The pattern language shared by codebook indicators, actor aliases and corpus keyword selection,
 * chosen to be what a coder writes by hand:
 * - `werkgevers`, `sociale partners`: a word or phrase, case- and accent-insensitive, at word
 *   boundaries (any white space between the words of a phrase);
 * - `facilit*`: `*` stands for any word ending (LIWC-style), also inside a phrase (`leven lang ontwikkel*`);
 * - `/scholings?(budget|aftrek)/`: a JavaScript regular expression (Unicode mode), matched against
 *   the matching key of the text (lower case, no diacritics): write it in lower case.
 * Word boundaries are Unicode letters and digits, never `\b`, which breaks on "ë" and "ï".
 */
const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';
export const BEFORE = `(?<!${LETTER_OR_DIGIT})`;
export const AFTER = `(?!${LETTER_OR_DIGIT})`;

/** The regular-expression source (for the `giu` flags) of one pattern, over matching keys. */
export function patternSource(pattern: string): string {
  const p = pattern.trim();
  if (p.length >= 2 && p.startsWith('/') && p.endsWith('/')) return `(?:${p.slice(1, -1)})`;
  const words = matchKey(p).split(/\s+/u).filter(Boolean);
  const body = words.map((w) => w.split('*').map(escapeRegExp).join(`${LETTER_OR_DIGIT}*`)).join('\\s+');
  return `${BEFORE}(?:${body})${AFTER}`;
}

/** Problems with a pattern, or undefined: an invalid regex, or one that can match nothing but "". */
export function checkPattern(pattern: string): string | undefined {
  const p = pattern.trim();
  if (p === '' || p === '*' || /^\*+$/u.test(p)) return 'is empty or only a wildcard, and would match everywhere';
  let re: RegExp;
  try {
    re = new RegExp(patternSource(p), 'u');
  } catch (err) {
    return `is not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /u, '')}`;
  }
  if (re.test('')) return 'can match the empty string';
  return undefined;
}

/** One regex that tests whether any of the patterns occurs in a matching key (lower case). */
export function compileAny(patterns: readonly string[], where: string): RegExp {
  for (const p of patterns) {
    const problem = checkPattern(p);
    if (problem) throw new LloError('LLO_PATTERN', `pattern ${JSON.stringify(p)} ${problem}`, { at: where });
  }
  return new RegExp(patterns.map(patternSource).join('|'), 'u');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}
