/**
 * Positions in a foreign project and llo's normalised text.
 *
 * QDA packages count a selection's startPosition/endPosition in different units, and the source
 * text file does not say which. What is known (QualCoder's REFI-QDA importer, src/qualcoder/refi.py,
 * load_text_source): NVivo on Windows writes CRLF text and counts CRLF as two characters, while
 * ATLAS.ti writes CRLF text but counts each line break as one character. Programs built on UTF-16
 * strings (.NET, Delphi, Java, JavaScript) may count a character outside the Basic Multilingual
 * Plane as two. llo therefore tries every counting that differs on the text at hand and takes the
 * one under which the selections' names (QDA packages name a selection by its text, often cut
 * short with "…") match the text; without such evidence it falls back on what the package is
 * known to do (ATLAS.ti: CRLF as one), else on the standard's characters (code points).
 */

export interface Counting {
  crlfAsOne: boolean;
  utf16: boolean;
}

export const describeCounting = (c: Counting): string =>
  [c.crlfAsOne ? 'a CRLF line break counted as one character' : '', c.utf16 ? 'UTF-16 code units' : '']
    .filter(Boolean)
    .join(', ') || 'Unicode code points';

/** For each position in the counting's units, the code-point index it stands for (length units + 1). */
export function unitMap(cps: readonly string[], c: Counting): Int32Array {
  let units = 0;
  for (let k = 0; k < cps.length; k++) units += unitsOf(cps, k, c);
  const map = new Int32Array(units + 1);
  let u = 0;
  for (let k = 0; k < cps.length; k++) for (let j = unitsOf(cps, k, c); j > 0; j--) map[u++] = k;
  map[units] = cps.length;
  return map;
}

function unitsOf(cps: readonly string[], k: number, c: Counting): number {
  const ch = cps[k]!;
  if (c.crlfAsOne && ch === '\r' && cps[k + 1] === '\n') return 0;
  return c.utf16 && ch.length === 2 ? 2 : 1;
}

/** The countings worth trying on a text: those that give different positions on it. */
export function candidateCountings(raw: string): Counting[] {
  const crlf = raw.includes('\r\n');
  const astral = /[\u{10000}-\u{10ffff}]/u.test(raw);
  return [false, true]
    .filter((x) => !x || crlf)
    .flatMap((crlfAsOne) => [false, true].filter((y) => !y || astral).map((utf16) => ({ crlfAsOne, utf16 })));
}

const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

/** Whether a selection's name reads like the text it selects (names are often cut short). */
export function nameFits(name: string | undefined, text: string): boolean | undefined {
  if (name === undefined) return undefined;
  const probe = squash(name.replace(/(\.\.\.|…)\s*$/u, ''));
  if (probe.length < 4) return undefined;
  // White space inside counts as one space, but leading white space is not dropped: a selection
  // shifted onto the line break before its text must not pass for the right one.
  const got = text.replace(/\s+/gu, ' ').trimEnd();
  return got.startsWith(probe) || (got.length >= 4 && probe.startsWith(got));
}

export interface NormalisedText {
  /** llo's normalised text (README "The normalised text"). */
  text: string;
  /** Paragraph blocks as [start, end) in code points of `text`. */
  blocks: [number, number][];
  /** Normalised offset of a selection starting at raw code point k (k ≤ n). */
  start(k: number): number;
  /** Normalised offset of a selection ending at raw code point k (k ≤ n). */
  end(k: number): number;
}

const SPACE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]/u;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/u;

/**
 * A foreign source text made into llo's normalised text, keeping track of where every character
 * went. Paragraphs are the blocks between blank lines, or every line when the text has no blank
 * line (exports that put a paragraph on a line); inside a block white space becomes one space.
 */
export function normaliseText(raw: string): NormalisedText {
  const cps = Array.from(raw);
  const n = cps.length;
  const blankLines = /\n[^\S\n]*\n/u.test(raw.replace(/\r\n?/gu, '\n'));
  const before = new Int32Array(n + 1);
  const after = new Int32Array(n + 1);
  const out: string[] = [];
  const blocks: [number, number][] = [];
  let inBlock = false;
  let blockStart = 0;
  let pendingSpace = false;
  let newlines = 0;
  for (let k = 0; k < n; k++) {
    const ch = cps[k]!;
    const newline = ch === '\n' || (ch === '\r' && cps[k + 1] !== '\n');
    before[k] = out.length;
    if (newline) {
      newlines++;
      if (inBlock && (!blankLines || newlines >= 2)) {
        blocks.push([blockStart, out.length]);
        inBlock = false;
      }
      pendingSpace = inBlock;
    } else if (INVISIBLE.test(ch)) {
      // dropped
    } else if (SPACE.test(ch)) {
      pendingSpace = inBlock;
    } else if (
      /\p{M}/u.test(ch) &&
      inBlock &&
      !pendingSpace &&
      Array.from((out[out.length - 1]! + ch).normalize('NFC')).length === 1
    ) {
      // A combining mark that composes with the character before it (NFC).
      out[out.length - 1] = (out[out.length - 1]! + ch).normalize('NFC');
      before[k] = out.length - 1;
    } else {
      if (!inBlock) {
        if (out.length > 0) out.push('\n', '\n');
        blockStart = out.length;
        inBlock = true;
      } else if (pendingSpace) out.push(' ');
      pendingSpace = false;
      newlines = 0;
      before[k] = out.length;
      out.push(ch);
    }
    after[k] = out.length;
  }
  if (inBlock) blocks.push([blockStart, out.length]);
  before[n] = out.length;
  const text = out.join('');
  return {
    text,
    blocks,
    start: (k) => before[Math.min(Math.max(k, 0), n)]!,
    end: (k) => (k <= 0 ? 0 : after[Math.min(k, n) - 1]!),
  };
}
