/**
 * Dutch sentence splitting. Intl.Segmenter (UAX #29) handles most abbreviations when a lower-case
 * word follows, but breaks after "nr.", "art.", "Stb.", initials ("J. de Vries") and similar when a
 * capital or a number follows. A repair pass joins those pieces again. Segmenting runs per
 * paragraph: the segmenter slows down sharply on long strings.
 */

/** Abbreviations that are never the last word of a sentence: always join with what follows. */
const PREFIX_ABBREVIATIONS = new Set(
  [
    'nr',
    'nrs',
    'art',
    'artt',
    'mw',
    'mevr',
    'dhr',
    'hr',
    'mr',
    'dr',
    'drs',
    'ir',
    'ing',
    'prof',
    'stb',
    'stcrt',
    'trb',
    'blz',
    'p',
    'pp',
    'vgl',
    'bijv',
    'bv',
    'o.a',
    'm.b.t',
    't.a.v',
    'i.v.m',
    't.o.v',
    'c.q',
    'd.w.z',
    'ca',
    'zgn',
    'jo',
    'lid',
    'sub',
    'kamerstukken',
    'tk',
    'ek',
    'hand',
    'incl',
    'excl',
    'evt',
    'i.p.v',
    'o.b.v',
    'n.a.v',
    'm.i.v',
    'i.o.m',
    'm.n',
    'z.s.m',
    'z.g',
    'min',
    'st',
    'aanh',
    'kst',
    'vlg',
    'afd',
    'e.g',
    'i.e',
    'no',
    'cf',
    'ibid',
    'red',
    'sv',
    'ov',
  ].map((a) => a.toLowerCase()),
);

/**
 * Abbreviations that may end a sentence: join only when the next piece starts in lower case or a
 * digit. A capitalised word after them starts a new clause ("… in het mbo. Het kabinet …"): the
 * names of the school types (mbo, hbo, wo, vmbo, havo, vwo) end sentences far more often than
 * they stand before a capital inside one (llo issue 11).
 */
const FINAL_ABBREVIATIONS = new Set([
  'mbo',
  'hbo',
  'wo',
  'vmbo',
  'havo',
  'vwo',
  'po',
  'vo',
  'enz',
  'etc',
  'e.d',
  'e.v',
  'e.a',
  'jl',
  'resp',
  'o.i.d',
  'e.o',
  'mln',
  'mld',
  'mrd',
  'mia',
]);

export interface Sentence {
  text: string;
  /** Offset in UTF-16 units within the paragraph. */
  index: number;
}

/** Splits one paragraph into sentences; returns pieces that cover the paragraph without gaps. */
export function splitSentences(paragraph: string): Sentence[] {
  const raw = sentenceBreaks(paragraph);
  const out: Sentence[] = [];
  for (const piece of raw) {
    const prev = out[out.length - 1];
    if (prev && shouldJoin(prev.text, piece.text)) prev.text += piece.text;
    else out.push({ ...piece });
  }
  return out;
}

function shouldJoin(previous: string, next: string): boolean {
  if (previous.includes('\n')) return false;
  const trimmed = previous.trimEnd();
  if (!trimmed.endsWith('.')) return false;
  // The last "word" before the final dot, which may itself contain dots (o.a., d.w.z.).
  const match = /(?:^|[\s([“‘"'])([^\s([“‘"']+)\.$/u.exec(trimmed);
  if (!match) return false;
  const word = match[1]!;
  const key = word.toLowerCase();
  // Initials: "J." or "A.B." (one capital letter per dot).
  if (/^(?:\p{Lu}\.)*\p{Lu}$/u.test(word)) return true;
  // A list number alone ("1." before "Inleiding") belongs to what follows.
  if (trimmed === `${word}.` && /^(?:\d+|\p{L})$/u.test(word)) return true;
  if (PREFIX_ABBREVIATIONS.has(key)) return true;
  if (FINAL_ABBREVIATIONS.has(key)) return /^\s*[\p{Ll}\p{N}]/u.test(next);
  return false;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * The sentences of UAX #29 (Unicode's text segmentation), as Intl.Segmenter gives them. Intl.Segmenter
 * costs a good part of coding a paragraph (llo issue 15), so a paragraph written only in the
 * characters of `SB` (Latin letters, digits, common punctuation and spaces) is split here by the
 * rules SB3–SB11 themselves; any other paragraph by Intl.Segmenter. test/sentences.test.ts holds
 * the two against each other.
 */
export function sentenceBreaks(paragraph: string): Sentence[] {
  const n = paragraph.length;
  const classes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = paragraph.charCodeAt(i);
    const k = c < 0x100 ? LATIN[c]! : c >= 0x2000 && c < 0x2030 ? PUNCT[c - 0x2000]! : 0;
    if (k === 0) {
      segmenter ??= new Intl.Segmenter('nl', { granularity: 'sentence' });
      return Array.from(segmenter.segment(paragraph), (s) => ({ text: s.segment, index: s.index }));
    }
    classes[i] = k;
  }
  const out: Sentence[] = [];
  let from = 0;
  for (let i = 1; i < n; i++) {
    if (!breaksBefore(classes, i)) continue;
    out.push({ text: paragraph.slice(from, i), index: from });
    from = i;
  }
  if (n > 0) out.push({ text: paragraph.slice(from), index: from });
  return out;
}

// Sentence_Break classes (UAX #29, table 4) of the characters split without Intl.Segmenter.
const [CR, LF, SEP, SP, LOWER, UPPER, NUMERIC, ATERM, STERM, CLOSE, SCONTINUE, ANY] = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
];

/** Classes of U+0000–U+00FF; 0: not handled here (control characters, ª º µ, superscripts, the soft hyphen …). */
const LATIN = new Uint8Array(0x100);
/** Classes of U+2000–U+202F. */
const PUNCT = new Uint8Array(0x30);
{
  const set = (table: Uint8Array, base: number, chars: string, k: number) => {
    for (const ch of chars) table[ch.charCodeAt(0) - base] = k;
  };
  const range = (table: Uint8Array, base: number, from: number, to: number, k: number) => {
    for (let c = from; c <= to; c++) table[c - base] = k;
  };
  LATIN[0x0d] = CR;
  LATIN[0x0a] = LF;
  set(LATIN, 0, '\t\u000b\u000c \u00a0', SP);
  range(LATIN, 0, 0x61, 0x7a, LOWER);
  range(LATIN, 0, 0xdf, 0xf6, LOWER);
  range(LATIN, 0, 0xf8, 0xff, LOWER);
  range(LATIN, 0, 0x41, 0x5a, UPPER);
  range(LATIN, 0, 0xc0, 0xd6, UPPER);
  range(LATIN, 0, 0xd8, 0xde, UPPER);
  range(LATIN, 0, 0x30, 0x39, NUMERIC);
  set(LATIN, 0, '.', ATERM);
  set(LATIN, 0, '!?', STERM);
  set(LATIN, 0, '"\'()[]{}\u00ab\u00bb', CLOSE);
  set(LATIN, 0, ',-:;', SCONTINUE);
  set(LATIN, 0, '#$%&*+/<=>@\\^_`|~\u00a2\u00a3\u00a5\u00a7\u00a9\u00ae\u00b0\u00b1\u00d7\u00f7', ANY);
  range(PUNCT, 0x2000, 0x2000, 0x200a, SP);
  set(PUNCT, 0x2000, '\u202f', SP);
  set(PUNCT, 0x2000, '\u2028\u2029', SEP);
  set(PUNCT, 0x2000, '\u2013\u2014', SCONTINUE);
  set(PUNCT, 0x2000, '\u2018\u2019\u201a\u201c\u201d\u201e', CLOSE);
  set(PUNCT, 0x2000, '\u2022', ANY);
}

const isParaSep = (k: number) => k === CR || k === LF || k === SEP;

/** Whether UAX #29 puts a sentence break before position i (0 < i < n) of a text of these classes. */
function breaksBefore(k: Uint8Array, i: number): boolean {
  const a = k[i - 1]!;
  const b = k[i]!;
  if (a === CR && b === LF) return false; // SB3
  if (isParaSep(a)) return true; // SB4
  // Left of i: SATerm Close* Sp* (SB6–SB11 need it).
  let t = i - 1;
  while (t >= 0 && k[t] === SP) t--;
  const spaces = t < i - 1;
  while (t >= 0 && k[t] === CLOSE) t--;
  if (t < 0 || (k[t] !== ATERM && k[t] !== STERM)) return false; // SB998
  const aterm = k[t] === ATERM;
  if (aterm && t === i - 1) {
    if (b === NUMERIC) return false; // SB6
    if (b === UPPER && t > 0 && (k[t - 1] === UPPER || k[t - 1] === LOWER)) return false; // SB7
  }
  if (aterm) {
    // SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
    let j = i;
    while (j < k.length && k[j] !== UPPER && k[j] !== LOWER && !isParaSep(k[j]!) && k[j] !== ATERM && k[j] !== STERM)
      j++;
    if (j < k.length && k[j] === LOWER) return false;
  }
  if (b === SCONTINUE || b === ATERM || b === STERM) return false; // SB8a
  if (!spaces && (b === CLOSE || b === SP || isParaSep(b))) return false; // SB9
  if (b === SP || isParaSep(b)) return false; // SB10
  return true; // SB11
}
