import { LloError } from '../errors.js';
import { matchKey } from './normalise.js';

/**
 * The pattern language shared by codebook indicators, actor aliases and corpus keyword selection,
 * chosen to be what a coder writes by hand:
 * - `werkgevers`, `sociale partners`: a word or phrase, case- and accent-insensitive, at word
 *   boundaries (any white space between the words of a phrase);
 * - `facilit*`: `*` stands for any word ending (LIWC-style), also inside a phrase (`leven lang ontwikkel*`)
 *   and inside a word (`*regie`, `over*gen`); it never crosses a word boundary;
 * - `/scholings?(budget|aftrek)/`: a JavaScript regular expression (Unicode mode), matched against
 *   the matching key of the text (lower case, no diacritics): write it in lower case.
 * Word boundaries are Unicode letters and digits, never `\b`, which breaks on "ë" and "ï".
 *
 * No pattern can hang the coder (llo issue 10): a wildcard compiles to matching that runs in time
 * linear in the word (consecutive `*` collapse, and each `*` is a "tempered" class that stops at the
 * first place the rest of the word can start, so nothing is tried twice); a regular expression with
 * a quantifier inside a repeated group (`(a+)+`), alternatives inside a repeated group (`(a|ab)*`)
 * or a back-reference is refused when the codebook is read, because those can take exponential
 * time; the regular expressions that remain run under a time budget (see `SafeRegex`).
 */
const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';
export const BEFORE = `(?<!${LETTER_OR_DIGIT})`;
export const AFTER = `(?!${LETTER_OR_DIGIT})`;

/** Whether a pattern is a regular expression (`/…/`). */
export function isRegexPattern(pattern: string): boolean {
  const p = pattern.trim();
  return p.length >= 2 && p.startsWith('/') && p.endsWith('/');
}

/** The regular-expression source (for the `u` flag) of one pattern, over matching keys. */
export function patternSource(pattern: string): string {
  const p = pattern.trim();
  if (isRegexPattern(p)) return `(?:${p.slice(1, -1)})`;
  const words = matchKey(p).split(/\s+/u).filter(Boolean);
  return `${BEFORE}(?:${words.map(wordSource).join('\\s+')})${AFTER}`;
}

/**
 * One word of a pattern with wildcards, as a regex that cannot backtrack into itself: the literal
 * pieces between the stars must occur in order, each star consuming letters up to the first place
 * the next piece starts (for the last piece: the first place it ends the word). Leftmost matching
 * of each piece is exactly right for `*`-only globs, so the meaning of `*` is unchanged.
 */
function wordSource(word: string): string {
  const pieces = word.replace(/\*+/gu, '*').split('*').map(escapeRegExp);
  let out = pieces[0]!;
  for (let i = 1; i < pieces.length; i++) {
    const next = pieces[i]!;
    const last = i === pieces.length - 1;
    if (next === '') {
      // A trailing star: letters to the end of the word (the boundary after it makes this exact).
      out += `${LETTER_OR_DIGIT}*`;
      continue;
    }
    const stop = last ? `${next}${AFTER}` : next;
    out += `(?:(?!${stop})${LETTER_OR_DIGIT})*${next}`;
  }
  return out;
}

/**
 * Whether one word of the text matches one word of a pattern with `*` wildcards (both matching
 * keys), without regular expressions: greedy leftmost matching of the pieces, linear in the word.
 */
export function globMatch(glob: string, word: string): boolean {
  const pieces = glob.replace(/\*+/gu, '*').split('*');
  if (pieces.length === 1) return glob === word;
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (word.length < first.length + last.length) return false;
  if (!word.startsWith(first) || !word.endsWith(last)) return false;
  let at = first.length;
  const end = word.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece === '') continue;
    const found = word.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/** Problems with a pattern, or undefined: an invalid or hazardous regex, or one that matches "" or everything. */
export function checkPattern(pattern: string): string | undefined {
  const p = pattern.trim();
  if (p === '' || p.split(/\s+/u).every((w) => /^\*+$/u.test(w)))
    return 'is empty or only a wildcard, and would match everywhere';
  // A word or phrase cannot be invalid (everything but `*` is taken literally) nor match "": only a
  // regular expression needs compiling here, which keeps loading a large codebook fast.
  if (!isRegexPattern(p)) return undefined;
  const hazard = regexHazard(p.slice(1, -1));
  if (hazard) return hazard;
  let re: RegExp;
  try {
    re = new RegExp(patternSource(p), 'u');
  } catch (err) {
    return `is not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /u, '')}`;
  }
  if (re.test('')) return 'can match the empty string';
  return undefined;
}

/**
 * Constructs of a regular expression that can make matching take exponential time, or undefined.
 * A small scanner over the source (character classes and escapes skipped): a repeated group (`*`,
 * `+`, `{n,}`) must not hold a repeated part or alternatives, and back-references are refused.
 * What it lets through has at most polynomial cost, which the time budget then bounds.
 */
export function regexHazard(source: string): string | undefined {
  interface Group {
    start: number;
    quantified: boolean;
    alternation: boolean;
  }
  const stack: Group[] = [{ start: 0, quantified: false, alternation: false }];
  const repeated = (at: number): number => {
    // The length of a quantifier at `at` that repeats (*, +, {n,}, {n,m} with m > 1), or 0.
    const c = source[at];
    if (c === '*' || c === '+') return source[at + 1] === '?' ? 2 : 1;
    const m = /^\{(\d+)(,(\d*))?\}\??/u.exec(source.slice(at));
    if (!m) return 0;
    const most = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    return most > 1 ? m[0].length : 0;
  };
  const anyQuantifier = (at: number): boolean => /^(?:[*+?]|\{\d+(?:,\d*)?\})/u.test(source.slice(at));
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/u.test(next) || (next === 'k' && source[i + 2] === '<'))
        return `has a back-reference (${source.slice(i, i + 2)}), which can take exponential time: write it without one`;
      if (anyQuantifier(i + 2)) stack[stack.length - 1]!.quantified = true;
      i++;
      continue;
    }
    if (c === '[') {
      // Skip the class, honouring escapes; a quantifier after it counts for the enclosing group.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      if (anyQuantifier(i + 1)) stack[stack.length - 1]!.quantified = true;
      continue;
    }
    if (c === '(') {
      stack.push({ start: i, quantified: false, alternation: false });
      // Skip the group's prefix (?:, (?=, (?!, (?<=, (?<!, (?<name>: its `?` is no quantifier.
      const prefix = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_$][A-Za-z0-9_$]*>)/u.exec(source.slice(i));
      if (prefix) i += prefix[0].length - 1;
      continue;
    }
    if (c === '|') {
      stack[stack.length - 1]!.alternation = true;
      continue;
    }
    if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : undefined;
      if (!group) continue;
      const parent = stack[stack.length - 1]!;
      const repeat = repeated(i + 1);
      const text = source.slice(group.start, i + 1 + repeat);
      if (repeat > 0 && group.quantified)
        return `has a nested quantifier ("${text}"), which can take exponential time: repeat a group without a repeated part inside it`;
      if (repeat > 0 && group.alternation)
        return `repeats a group of alternatives ("${text}"), which can take exponential time: repeat one alternative at a time`;
      if (group.quantified || anyQuantifier(i + 1)) parent.quantified = true;
      continue;
    }
    if (anyQuantifier(i) && i > 0) stack[stack.length - 1]!.quantified = true;
  }
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

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}
