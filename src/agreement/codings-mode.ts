import type { Codebook } from '../codebook/schema.js';
import type { Coding } from '../coding/codings.js';
import { setKey } from './masi.js';
import { addRows, rowOf, type Coefficient, type Contingency, type Row, type UnitCounts } from './ratings.js';
import { allCoefficients, type Coefficients } from './report.js';
import { cohenKappa } from './cohen-kappa.js';
import { fleissKappa } from './fleiss-kappa.js';
import { prepareAlpha, type PreparedAlpha } from './krippendorff-alpha.js';
import type { CodingsInput } from '../coding/codings-input.js';
import { ByteKeys, grown } from '../io/byte-keys.js';

/**
 * Agreement between coders' codings of a corpus. A unit is a segment (or, with character units, a
 * character); for each code every coder says yes (the code is on the unit) or no. Only units with
 * at least one coding are held as items; the rest are counted, not listed, so the cost grows with
 * the codings, not with the units.
 */
export interface Item {
  /** Units this item stands for: 1 for a segment, the length for a run of characters. */
  weight: number;
  /** Per coder (in coder order), the codes on the unit. */
  sets: ReadonlySet<string>[];
}

export interface Counts2 {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export interface VariableAgreement extends Coefficients {
  /** A code id, `actor:<id>` or `paradigm:<id>`. */
  variable: string;
  /** With two coders: the 2 × 2 counts; with more: units per number of coders who said yes. */
  counts: Counts2 | { yesBy: number[] };
}

export interface Overall {
  /** α over the whole code set, each coder's value a set of codes, MASI distance. */
  alphaMasi: number | null;
  /** The same, leaving out the units no coder coded. */
  alphaMasiCoded: number | null;
  /** Mean of the per-code κ (Cohen's with two coders, Fleiss' with more) over the codes where it is defined. */
  meanKappa: number | null;
  /** κ of the 2 × 2 tables of all codes added up (with more coders: Fleiss on pooled rows). */
  pooledKappa: number | null;
  pooledKappaCoded: number | null;
  reasons: Record<string, string>;
}

export interface CodingsAgreement {
  coders: string[];
  /** Total units (segments or characters). */
  units: number;
  /** Units at least one coder coded. */
  codedUnits: number;
  perCode: VariableAgreement[];
  perActor: VariableAgreement[];
  perParadigm: VariableAgreement[];
  overall: Overall;
}

/**
 * Items from codings already in memory (an imported project, tests): one per segment any coder
 * coded, in the order of `segments`. Gives the same tables as `patternItems` on the same codings.
 */
export function segmentItems(
  segments: readonly string[],
  byCoder: readonly (readonly Coding[])[],
): { items: Item[]; untouched: number } {
  const inScope = new Set(segments);
  const sets = new Map<string, Set<string>[]>();
  byCoder.forEach((codings, c) => {
    for (const row of codings) {
      if (row.code === '' || !inScope.has(row.segment)) continue;
      let perCoder = sets.get(row.segment);
      if (!perCoder) sets.set(row.segment, (perCoder = byCoder.map(() => new Set<string>())));
      perCoder[c]!.add(row.code);
    }
  });
  const items = segments.flatMap((s) => (sets.has(s) ? [{ weight: 1, sets: sets.get(s)! }] : []));
  return { items, untouched: segments.length - items.length };
}

/**
 * Items from streamed codings (the segment unit): each distinct combination of the coders' code
 * sets is one item, weighted by the number of segments that have it, in order of first
 * appearance. The segments in scope are the records of the documents marked in `inScope`.
 */
export function patternItems(input: CodingsInput, inScope: Uint8Array): { items: Item[]; untouched: number } {
  const m = input.coders.length;
  const words = input.words;
  const pattern = new Uint32Array(m * words);
  const bytes = new Uint8Array(pattern.buffer);
  const patterns = new ByteKeys();
  let weight = new Float64Array(1024);
  let untouched = 0;
  for (let r = 0; r < input.records; r++) {
    if (!inScope[input.recordDocument[r]!]) continue;
    const s = input.recordSegment[r]!;
    let any = 0;
    for (let c = 0; c < m; c++) {
      for (let w = 0; w < words; w++) any |= pattern[c * words + w] = input.codeWord(c, s, w);
    }
    if (any === 0) {
      untouched++;
      continue;
    }
    const id = patterns.id(bytes, 0, bytes.length);
    if (id >= weight.length) weight = grown(weight, weight.length * 2);
    weight[id]!++;
  }
  const items: Item[] = [];
  for (let id = 0; id < patterns.size; id++) {
    const view = new Uint32Array(patterns.bytes(id).buffer);
    items.push({ weight: weight[id]!, sets: input.coders.map((_, c) => codeSet(view, c * words, words, input.codes)) });
  }
  return { items, untouched };
}

function codeSet(bits: Uint32Array, from: number, words: number, codes: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (let w = 0; w < words; w++)
    for (let x = bits[from + w]!; x !== 0; x &= x - 1) set.add(codes[w * 32 + (31 - Math.clz32(x & -x))]!);
  return set;
}

/**
 * Builds items from spans (Atlas.ti- or NVivo-style codings): every character of the given ranges
 * (the segments of the compared documents) is a unit. A sweep over the span boundaries gives runs
 * of characters on which every coder's set of codes is constant; each run is one item.
 */
export function characterItems(
  ranges: ReadonlyMap<string, readonly [number, number][]>,
  byCoder: readonly Coding[][],
): { items: Item[]; untouched: number; units: number } {
  const items: Item[] = [];
  let units = 0;
  let covered = 0;
  for (const [document, docRanges] of ranges) {
    const merged = mergeRanges(docRanges);
    for (const [a, b] of merged) units += b - a;
    const spans = byCoder.map((codings) =>
      codings.filter((c) => c.document === document && c.code !== '' && c.end > c.start),
    );
    const cuts = new Set<number>();
    for (const [a, b] of merged) cuts.add(a).add(b);
    for (const list of spans) for (const c of list) cuts.add(c.start).add(c.end);
    const points = [...cuts].sort((x, y) => x - y);
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i]!, points[i + 1]!];
      if (!merged.some(([a, b]) => a <= from && to <= b)) continue;
      const sets = spans.map((list) => new Set(list.filter((c) => c.start <= from && to <= c.end).map((c) => c.code)));
      if (sets.every((s) => s.size === 0)) continue;
      items.push({ weight: to - from, sets });
      covered += to - from;
    }
  }
  return { items, untouched: units - covered, units };
}

function mergeRanges(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** All the agreement tables for codings mode. */
export function codingsAgreement(
  items: readonly Item[],
  untouched: number,
  coders: readonly string[],
  codebook: Codebook,
  masi: SetValuedAlpha = setValuedAlpha(items, untouched, coders.length, codebook),
): CodingsAgreement {
  const m = coders.length;
  const units = items.reduce((n, i) => n + i.weight, 0) + untouched;
  // The labels each code counts toward: itself, its actor, its paradigms.
  const labelsOfCode = new Map(
    codebook.codes.map((c) => [c.id, [c.id, `actor:${c.actor}`, ...c.paradigms.map((p) => `paradigm:${p}`)]]),
  );
  // yesBy[label][k]: weight of units on which exactly k coders gave the label (k ≥ 1; k = 0 is the rest).
  const yesBy = new Map<string, number[]>();
  // For two coders: weight where only the first coder gave it (the rest of k = 1 is only the second).
  const onlyFirst = new Map<string, number>();
  // Per item: label → bitmask of the coders who gave it (reused to spare the garbage collector).
  const given = new Map<string, number>();
  for (const item of items) {
    given.clear();
    item.sets.forEach((codes, coder) => {
      for (const code of codes)
        for (const label of labelsOfCode.get(code) ?? [code]) given.set(label, (given.get(label) ?? 0) | (1 << coder));
    });
    for (const [label, mask] of given) {
      let k = 0;
      for (let bits = mask; bits !== 0; bits &= bits - 1) k++;
      let row = yesBy.get(label);
      if (!row) yesBy.set(label, (row = new Array<number>(m + 1).fill(0)));
      row[k]! += item.weight;
      if (m === 2 && mask === 1) onlyFirst.set(label, (onlyFirst.get(label) ?? 0) + item.weight);
    }
  }
  const variable = (label: string, coded: number = units): VariableAgreement => {
    const row = yesBy.get(label) ?? new Array<number>(m + 1).fill(0);
    const yes = row.reduce((a, b) => a + b, 0);
    const weights = row.map((w, k) => (k === 0 ? coded - yes : w));
    // Only the categories that occur count (q in AC1 and Brennan–Prediger): a code nobody used has one.
    const used = [0, 1].filter((c) => weights.some((w, k) => w > 0 && (c === 1 ? k > 0 : k < m)));
    const compact = yesNoCounts(weights, m, used);
    let contingency: Contingency | string = `needs exactly two coders; there are ${m}`;
    let c2: Counts2 | undefined;
    if (m === 2) {
      const a = onlyFirst.get(label) ?? 0;
      c2 = { both: row[2]!, onlyA: a, onlyB: row[1]! - a, neither: coded - yes };
      const full = [
        [c2.neither, c2.onlyB],
        [c2.onlyA, c2.both],
      ];
      contingency = { categories: compact.categories, table: used.map((x) => used.map((y) => full[x]![y]!)) };
    }
    return {
      variable: label,
      counts: c2 ?? { yesBy: [coded - yes, ...row.slice(1)] },
      ...allCoefficients(compact, contingency, 'nominal'),
    };
  };

  const perCode = codebook.codes.map((c) => variable(c.id));
  const perActor = codebook.actors.map((a) => variable(`actor:${a.id}`));
  const perParadigm = codebook.paradigms.map((p) => variable(`paradigm:${p.id}`));
  return {
    coders: [...coders],
    units,
    codedUnits: units - untouched,
    perCode,
    perActor,
    perParadigm,
    overall: overall(masi, untouched, m, perCode),
  };
}

function overall(alpha: SetValuedAlpha, untouched: number, m: number, perCode: readonly VariableAgreement[]): Overall {
  const reasons: Record<string, string> = {};
  const masi = (withUntouched: boolean, name: string) => {
    const r = withUntouched ? alpha.all() : alpha.coded();
    if (r.value === null) reasons[name] = (r as { reason: string }).reason;
    return r.value;
  };

  // κ per code (Cohen's with two coders, Fleiss' with more), their mean, and κ of the pooled tables,
  // with and without the units no coder coded (they add only agreeing "no" to every table).
  const kappaKey = m === 2 ? 'cohen_kappa' : 'fleiss_kappa';
  const defined = perCode.map((v) => v.coefficients[kappaKey]).filter((k): k is number => k !== null);
  if (defined.length === 0) reasons['meanKappa'] = 'no code has a defined kappa';
  const pooled = (leaveOut: number, name: string) => {
    let r;
    if (m === 2) {
      const t = [
        [0, 0],
        [0, 0],
      ];
      for (const v of perCode) {
        const c = v.counts as Counts2;
        t[0]![0]! += c.neither - leaveOut;
        t[0]![1]! += c.onlyB;
        t[1]![0]! += c.onlyA;
        t[1]![1]! += c.both;
      }
      r = cohenKappa({ categories: ['no', 'yes'], table: t });
    } else {
      const pooledYesBy = new Array<number>(m + 1).fill(0);
      for (const v of perCode)
        (v.counts as { yesBy: number[] }).yesBy.forEach((w, k) => (pooledYesBy[k]! += k === 0 ? w - leaveOut : w));
      r = fleissKappa(yesNoCounts(pooledYesBy, m, [0, 1]));
    }
    if (r.value === null) reasons[name] = (r as { reason: string }).reason;
    return r.value;
  };
  return {
    alphaMasi: masi(true, 'alphaMasi'),
    alphaMasiCoded: masi(false, 'alphaMasiCoded'),
    meanKappa: defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length,
    pooledKappa: pooled(0, 'pooledKappa'),
    pooledKappaCoded: pooled(untouched, 'pooledKappaCoded'),
    reasons,
  };
}

/**
 * The overall α: the units as set-valued data, each coder's value the set of codes it gave the unit
 * (the empty set included), with the MASI distance. Prepared once, it gives α over all units,
 * α leaving out the units no coder coded, and the bootstrap's replicates.
 */
export interface SetValuedAlpha {
  counts: UnitCounts;
  prepared: PreparedAlpha;
  all(): Coefficient;
  coded(): Coefficient;
}

export function setValuedAlpha(
  items: readonly Item[],
  untouched: number,
  m: number,
  codebook: Codebook,
): SetValuedAlpha {
  const known = new Set(codebook.codes.map((c) => c.id));
  const keys = new Map<string, number>([['', 0]]);
  const rows = items.map((item) =>
    item.sets.map((s) => {
      const key = setKey([...s].filter((c) => known.has(c)));
      if (!keys.has(key)) keys.set(key, keys.size);
      return keys.get(key)!;
    }),
  );
  const counts: UnitCounts = { categories: [...keys.keys()], rows: [], multiplicity: [] };
  rows.forEach((values, i) => addRows(counts, rowOf(values), items[i]!.weight));
  addRows(counts, [[0, m]], untouched);
  const prepared = prepareAlpha(counts, 'masi');
  // The units no coder coded are (part of) the row "every coder gave the empty set".
  const empty = counts.rows.findIndex((r) => r.length === 1 && r[0]![0] === 0 && r[0]![1] === m);
  return {
    counts,
    prepared,
    all: () => prepared.value(counts.multiplicity),
    coded: () => prepared.value(counts.multiplicity.map((w, i) => (i === empty ? w - untouched : w))),
  };
}

/**
 * Yes/no units as UnitCounts: weights[k] units on which k of the m coders said yes. `used` lists
 * the categories kept (0 = no, 1 = yes), renumbered from 0.
 */
export function yesNoCounts(weights: readonly number[], m: number, used: readonly number[]): UnitCounts {
  const counts: UnitCounts = { categories: used.map((c) => (c === 0 ? 'no' : 'yes')), rows: [], multiplicity: [] };
  weights.forEach((w, k) => {
    const row: Row = [];
    if (m - k > 0 && used.includes(0)) row.push([used.indexOf(0), m - k]);
    if (k > 0 && used.includes(1)) row.push([used.indexOf(1), k]);
    addRows(counts, row, w);
  });
  return counts;
}
