import type { Codebook } from '../codebook/schema.js';
import { loadCodebook } from '../codebook/load.js';
import { readSegments } from '../corpus/read-segments.js';
import type { Segment } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { readAllCodings, type Coding, type CodingRow } from './codings.js';
import { groupBySegment, type SegmentCodes } from './group.js';
import { requireFiles } from './inputs.js';
import type { Decision } from './session.js';
import { CodingStore } from './store.js';
import { validateCodings } from './validate.js';

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

export interface ReconcileOptions {
  a: string;
  b: string;
  out: string;
  segments: string;
  codebook: string;
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
 * Opens a reconciliation: reads and checks both codings files against the codebook and the
 * segments (all before the consensus file is locked, so a mistyped input leaves nothing behind),
 * then saves every decision no one needs to make.
 */
export async function openReconcile(o: ReconcileOptions): Promise<Reconciliation> {
  await requireFiles([
    { file: o.a, what: 'codings file' },
    { file: o.b, what: 'codings file' },
    { file: o.segments, what: 'segments file' },
  ]);
  const [a, b] = await Promise.all([readAllCodings(o.a), readAllCodings(o.b)]);
  const names: [string, string] = [onlyCoder(a, o.a), onlyCoder(b, o.b)];
  const { codebook } = await loadCodebook(o.codebook);
  const segments = new Map<string, Segment>();
  for await (const s of readSegments(o.segments)) segments.set(s.segment, s);
  check(a, o.a, codebook, segments);
  check(b, o.b, codebook, segments);
  const documentOrder = new Map<string, number>();
  for (const s of segments.values())
    if (!documentOrder.has(s.document)) documentOrder.set(s.document, documentOrder.size);
  const pairs = pairCodings(a, b, [...segments.keys()]);
  const segmentOf = (p: SegmentPair): Segment =>
    segments.get(p.segment) ?? { ...p, hash: '', page: '', section: '', text: '' };

  const store = await CodingStore.open(o.out, 'consensus', documentOrder);
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
      codes: codebook.codes.map((c) => c.id),
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
  o: ReconcileOptions & { strategy: Strategy },
): Promise<{ names: [string, string]; saved: number; settled: number; segments: number }> {
  const r = await openReconcile(o);
  try {
    return { names: r.names, saved: r.saved, settled: r.settled(), segments: r.pairs.length };
  } finally {
    await r.close();
  }
}

function onlyCoder(rows: readonly CodingRow[], file: string): string {
  const coders = [...new Set(rows.map((r) => r.coder))];
  if (coders.length !== 1)
    throw new LloError(
      'LLO_RECONCILE_CODERS',
      `expected the codings of one coder, found ${coders.length ? coders.join(', ') : 'none'}`,
      { file },
    );
  return coders[0]!;
}

function check(
  rows: readonly CodingRow[],
  file: string,
  codebook: Codebook,
  segments: ReadonlyMap<string, Segment>,
): void {
  const problems = validateCodings(rows, codebook, segments);
  if (problems.length > 0)
    throw new LloError(
      'LLO_CODINGS_INVALID',
      problems[0]!.message,
      { file, line: problems[0]!.line },
      problems.slice(0, 10).map((p) => `${file}:${p.line}: ${p.message}`),
    );
}
