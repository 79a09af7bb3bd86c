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

let segmenter: Intl.Segmenter | undefined;

export interface Sentence {
  text: string;
  /** Offset in UTF-16 units within the paragraph. */
  index: number;
}

/** Splits one paragraph into sentences; returns pieces that cover the paragraph without gaps. */
export function splitSentences(paragraph: string): Sentence[] {
  segmenter ??= new Intl.Segmenter('nl', { granularity: 'sentence' });
  const raw: Sentence[] = [];
  for (const s of segmenter.segment(paragraph)) raw.push({ text: s.segment, index: s.index });
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
