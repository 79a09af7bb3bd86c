import type { AgreementSummary } from './agreement.js';

/**
 * A draft methods paragraph in the words a methods section uses, from the numbers of the report.
 * What llo cannot know (why documents were chosen, how a meeting settled disagreements when no
 * consensus coding exists) is left as a bracketed prompt for the author.
 */
export interface MethodsInput {
  documents: { cite: string; type?: string; date?: string }[];
  unit: 'paragraph' | 'sentence';
  segments: number;
  codedSegments: number;
  codebook: { name: string; version: string; actors: number; codes: number; paradigms: number };
  agreement: AgreementSummary;
  /** Coded segments of the consensus coding, if there is one. */
  consensus?: number;
}

const f3 = (v: number | null) => (v === null ? 'undefined' : v.toFixed(3));
const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (n: number, word: string, many = `${word}s`) =>
  `${n < NUMBERS.length ? NUMBERS[n] : n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** The paragraphs of the draft, as plain text (the report escapes it). */
export function methodsParagraphs(m: MethodsInput): string[] {
  const a = m.agreement;
  const types = new Map<string, number>();
  for (const d of m.documents) types.set(d.type ?? 'untyped', (types.get(d.type ?? 'untyped') ?? 0) + 1);
  const years = m.documents
    .map((d) => /^\d{4}/u.exec(d.date ?? '')?.[0])
    .filter((y): y is string => !!y)
    .sort();
  const span =
    years.length === 0
      ? ''
      : years[0] === years[years.length - 1]
        ? `, ${years[0]}`
        : `, ${years[0]}–${years[years.length - 1]}`;
  const corpus =
    `The corpus consisted of ${count(m.documents.length, 'document')} (by type: ${[...types]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}${span}). ` +
    `They were divided into ${m.segments.toLocaleString('en-US')} ${m.unit} segments, the unit of coding; ${m.codedSegments.toLocaleString('en-US')} of them received at least one code. ` +
    `[State here why these documents were selected.]`;
  const book = m.codebook;
  const coding =
    `Coding followed the codebook “${book.name}” (version ${book.version}), which defines ${count(book.codes, 'role code')} for ${count(book.actors, 'actor')}, each linked to one or more of ${count(book.paradigms, 'governance paradigm')}. ` +
    `${capitalise(count(a.coders.length, 'coder'))} (${list(a.coders)}) coded independently; agreement was computed on the ${a.units.toLocaleString('en-US')} segments of the ${count(a.documents, 'document')} that every coder coded, ${a.codedUnits.toLocaleString('en-US')} of which at least one coder coded. ` +
    `A code a coder did not apply to a segment counts as that coder's “no”.`;
  const ci = a.bootstrap?.ci95
    ? ` (95% bootstrap interval ${f3(a.bootstrap.ci95[0])}–${f3(a.bootstrap.ci95[1])}, ${a.bootstrap.replicates.toLocaleString('en-US')} replicates)`
    : '';
  const actors = a.perActor.filter((v) => v.alpha !== null).sort((x, y) => x.alpha! - y.alpha!);
  const range =
    actors.length >= 2
      ? ` Per actor (whether the actor was given any role), α ranged from ${f3(actors[0]!.alpha)} (${actors[0]!.id}) to ${f3(actors[actors.length - 1]!.alpha)} (${actors[actors.length - 1]!.id}).`
      : '';
  const reliability =
    `Intercoder reliability was assessed with Krippendorff's α for set-valued data, each coder's set of codes for a segment being one value, with the MASI distance (Krippendorff 2011; Passonneau 2006): α = ${f3(a.alpha)}${ci}. ` +
    `Over only the segments at least one coder coded, α = ${f3(a.alphaCoded)}. ` +
    `Per code, ${a.kappaName} averaged ${f3(a.meanKappa)} (pooled over codes, ${f3(a.pooledKappa)}).${range} ` +
    `Following Krippendorff (2004), α ≥ 0.800 is taken as reliable and 0.667 ≤ α < 0.800 as allowing tentative conclusions.`;
  const settled =
    m.consensus !== undefined
      ? `Disagreements were discussed by the coders and each was settled in a consensus coding (${m.consensus.toLocaleString('en-US')} coded segments), from which the tables are counted. [Describe the procedure: who decided, and by which rules.]`
      : '[Describe how disagreements were settled: no consensus coding was found among the codings files.]';
  return [corpus, coding, reliability, settled];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
