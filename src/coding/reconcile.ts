import type { Segment } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import type { Coding } from './codings.js';
import { groupBySegment, type SegmentCodes } from './group.js';
import type { Decision } from './session.js';
import { CodingStore } from './store.js';

/**
 * Settling two coders' codings into a consensus. Per segment either coder coded, the two sets of
 * codes; where they are equal the consensus is that set, where they differ a strategy or the
 * reconciliation meeting decides. The consensus coder is `consensus`; every decision carries its
 * reason as the memo, followed by the coders' own memos, so that nothing either coder wrote is lost.
 */
export type Strategy = 'union' | 'intersection' | 'prefer-a' | 'prefer-b';
export const STRATEGIES: readonly Strategy[] = ['union', 'intersection', 'prefer-a', 'prefer-b'];

export type CoderView = Pick<SegmentCodes, 'codes' | 'memo' | 'evidence'>;

export interface SegmentPair {
  segment: string;
  document: string;
  start: number;
  end: number;
  a?: CoderView;
  b?: CoderView;
}

/** The segments either coder coded, with each coder's codes, in the order the segments come. */
export function pairCodings(a: readonly Coding[], b: readonly Coding[], order: readonly string[]): SegmentPair[] {
  const pairs = new Map<string, SegmentPair>();
  for (const [side, rows] of [
    ['a', a],
    ['b', b],
  ] as const)
    for (const [segment, g] of groupBySegment(rows)) {
      let p = pairs.get(segment);
      if (!p) pairs.set(segment, (p = { segment, document: g.document, start: g.start, end: g.end }));
      p[side] = { codes: g.codes, memo: g.memo, evidence: g.evidence };
    }
  const position = new Map(order.map((s, i) => [s, i]));
  return [...pairs.values()].sort(
    (x, y) =>
      (position.get(x.segment) ?? Infinity) - (position.get(y.segment) ?? Infinity) || (x.segment < y.segment ? -1 : 1),
  );
}

export function agree(p: SegmentPair): boolean {
  return p.a !== undefined && p.b !== undefined && p.a.codes.join(' ') === p.b.codes.join(' ');
}

/** A disagreement: both coders coded the segment, differently. */
export function disagree(p: SegmentPair): boolean {
  return p.a !== undefined && p.b !== undefined && !agree(p);
}

/** The codes a rule keeps: union (both coders' codes), intersection (the codes both gave), or one coder's. */
export function codesBy(p: SegmentPair, rule: Strategy): string[] {
  const a = p.a?.codes ?? [];
  const b = p.b?.codes ?? [];
  switch (rule) {
    case 'union':
      return [...new Set([...a, ...b])].sort();
    case 'intersection':
      return a.filter((c) => b.includes(c));
    case 'prefer-a':
      return [...a];
    case 'prefer-b':
      return [...b];
  }
}

/** The consensus decision for a pair by a strategy (a segment only one coder coded counts as that coder's). */
export function settle(p: SegmentPair, strategy: Strategy, names: [string, string]): Decision {
  if (agree(p)) return decision(p, p.a!.codes, `agreed: ${names[0]} and ${names[1]}`, names);
  if (p.a === undefined) return decision(p, codesBy(p, 'prefer-b'), `only ${names[1]} coded this segment`, names);
  if (p.b === undefined) return decision(p, codesBy(p, 'prefer-a'), `only ${names[0]} coded this segment`, names);
  const reason = {
    union: `union of ${names[0]} and ${names[1]}`,
    intersection: `codes both ${names[0]} and ${names[1]} gave`,
    'prefer-a': `${names[0]} preferred over ${names[1]}`,
    'prefer-b': `${names[1]} preferred over ${names[0]}`,
  }[strategy];
  return decision(p, codesBy(p, strategy), reason, names);
}

/**
 * A consensus decision: the codes, the reason followed by each coder's memo ("reason | anna: … |
 * ben: …"), and the evidence the coders recorded for the codes kept.
 */
export function decision(p: SegmentPair, codes: readonly string[], reason: string, names: [string, string]): Decision {
  const memo = [reason];
  if (p.a?.memo) memo.push(`${names[0]}: ${p.a.memo}`);
  if (p.b?.memo) memo.push(`${names[1]}: ${p.b.memo}`);
  const evidence: Record<string, string> = {};
  for (const c of codes) {
    const e = p.a?.evidence[c] ?? p.b?.evidence[c];
    if (e) evidence[c] = e;
  }
  return { codes: [...codes].sort(), memo: memo.join(' | '), evidence };
}

/** What a segment must tell reconciliation: where it is, and its text when it is shown. */
export type SegmentLike = Omit<Segment, 'text'> & { text?: string };

export interface ReconcileInput {
  /** Each coder's file and rows, already read and checked against the codebook and segments. */
  a: { file: string; rows: readonly Coding[] };
  b: { file: string; rows: readonly Coding[] };
  segments: {
    list: readonly SegmentLike[];
    byId: ReadonlyMap<string, SegmentLike>;
    documentOrder: ReadonlyMap<string, number>;
  };
  /** The codebook's code ids (what "other codes" may name). */
  codes: readonly string[];
  /** The consensus codings file. */
  out: string;
  /** Settles the disagreements too; without it they are left for the meeting (`open`). */
  strategy?: Strategy;
}

/** An open reconciliation: what was settled already, what is left, and how to save the rest. */
export interface Reconciliation {
  names: [string, string];
  /** Every segment either coder coded. */
  pairs: readonly SegmentPair[];
  /** Decisions saved on opening (agreements, one-coder segments, and with a strategy the rest). */
  saved: number;
  /** The disagreements still to settle, in document order. */
  open: readonly SegmentPair[];
  codes: readonly string[];
  segmentOf(p: SegmentPair): Segment;
  save(p: SegmentPair, d: Decision): Promise<void>;
  /** Segments with a consensus decision in the file. */
  settled(): number;
  close(): Promise<void>;
}

/**
 * Opens a reconciliation of two checked codings (the caller has read them before anything is
 * opened, so a bad input leaves nothing behind): locks the consensus file and saves every decision
 * no one needs to make.
 */
export async function openReconcile(o: ReconcileInput): Promise<Reconciliation> {
  const names: [string, string] = [onlyCoder(o.a.rows, o.a.file), onlyCoder(o.b.rows, o.b.file)];
  const pairs = pairCodings(
    o.a.rows,
    o.b.rows,
    o.segments.list.map((s) => s.segment),
  );
  const segmentOf = (p: SegmentPair): Segment => {
    const s = o.segments.byId.get(p.segment);
    return s ? { ...s, text: s.text ?? '' } : { ...p, hash: '', page: '', section: '', text: '' };
  };
  const store = await CodingStore.open(o.out, 'consensus', o.segments.documentOrder);
  try {
    const done = store.decisions();
    const settled = pairs
      .filter((p) => !done.has(p.segment) && (o.strategy || !disagree(p)))
      .map((p) => [segmentOf(p), settle(p, o.strategy ?? 'union', names)] as const);
    await store.saveAll(settled);
    return {
      names,
      pairs,
      saved: settled.length,
      open: pairs.filter((p) => !done.has(p.segment) && disagree(p) && !o.strategy),
      codes: o.codes,
      segmentOf,
      save: (p, d) => store.save(segmentOf(p), d),
      settled: () => store.decisions().size,
      close: () => store.close(),
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Settles everything by a strategy and returns what was done. */
export async function runReconcile(
  o: ReconcileInput & { strategy: Strategy },
): Promise<{ names: [string, string]; saved: number; settled: number; segments: number }> {
  const r = await openReconcile(o);
  try {
    return { names: r.names, saved: r.saved, settled: r.settled(), segments: r.pairs.length };
  } finally {
    await r.close();
  }
}

function onlyCoder(rows: readonly Coding[], file: string): string {
  const coders = [...new Set(rows.map((r) => r.coder))];
  if (coders.length !== 1)
    throw new LloError(
      'LLO_RECONCILE_CODERS',
      `expected the codings of one coder, found ${coders.length ? coders.join(', ') : 'none'}`,
      { file },
    );
  return coders[0]!;
}
