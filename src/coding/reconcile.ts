import type { Coding } from './codings.js';
import type { Decision } from './session.js';

/**
 * Settling two coders' codings into a consensus. Per segment either coder coded, the two sets of
 * codes; where they are equal the consensus is that set, where they differ a strategy or the
 * reconciliation meeting decides. The consensus coder is `consensus`; every decision carries its
 * reason as the memo.
 */
export type Strategy = 'union' | 'intersection' | 'prefer-a' | 'prefer-b';

export interface SegmentPair {
  segment: string;
  document: string;
  start: number;
  end: number;
  a?: { codes: string[]; memo: string };
  b?: { codes: string[]; memo: string };
}

/** The segments either coder coded, with each coder's codes, in the order the segments come. */
export function pairCodings(a: readonly Coding[], b: readonly Coding[], order: readonly string[]): SegmentPair[] {
  const pairs = new Map<string, SegmentPair>();
  const add = (rows: readonly Coding[], side: 'a' | 'b') => {
    for (const r of rows) {
      let p = pairs.get(r.segment);
      if (!p) pairs.set(r.segment, (p = { segment: r.segment, document: r.document, start: r.start, end: r.end }));
      const own = (p[side] ??= { codes: [], memo: '' });
      if (r.code !== '' && !own.codes.includes(r.code)) own.codes.push(r.code);
      if (r.memo !== '' && own.memo === '') own.memo = r.memo;
    }
  };
  add(a, 'a');
  add(b, 'b');
  const position = new Map(order.map((s, i) => [s, i]));
  for (const p of pairs.values()) {
    p.a?.codes.sort();
    p.b?.codes.sort();
  }
  return [...pairs.values()].sort(
    (x, y) =>
      (position.get(x.segment) ?? Infinity) - (position.get(y.segment) ?? Infinity) || (x.segment < y.segment ? -1 : 1),
  );
}

export function agree(p: SegmentPair): boolean {
  return p.a !== undefined && p.b !== undefined && p.a.codes.join(' ') === p.b.codes.join(' ');
}

/** The consensus decision for a pair by a strategy (a segment only one coder coded counts as that coder's). */
export function settle(p: SegmentPair, strategy: Strategy, names: [string, string]): Decision {
  const a = p.a?.codes ?? [];
  const b = p.b?.codes ?? [];
  if (agree(p)) return { codes: a, memo: `agreed: ${names[0]} and ${names[1]}` };
  const only = p.a === undefined ? 'b' : p.b === undefined ? 'a' : undefined;
  if (only) return { codes: only === 'a' ? a : b, memo: `only ${names[only === 'a' ? 0 : 1]} coded this segment` };
  switch (strategy) {
    case 'union':
      return { codes: [...new Set([...a, ...b])].sort(), memo: `union of ${names[0]} and ${names[1]}` };
    case 'intersection':
      return { codes: a.filter((c) => b.includes(c)), memo: `codes both ${names[0]} and ${names[1]} gave` };
    case 'prefer-a':
      return { codes: a, memo: `${names[0]} preferred over ${names[1]}` };
    case 'prefer-b':
      return { codes: b, memo: `${names[1]} preferred over ${names[0]}` };
  }
}
