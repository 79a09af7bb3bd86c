import type { Coding } from './codings.js';

/**
 * One coder's reading of one segment, gathered from that coder's rows: the codes (sorted, each
 * once; an empty code is the "read, no code" row and adds none), the memo, and the evidence of each
 * code that has some. Both the coding session (what a coder already decided) and reconciliation
 * (what each coder said) read codings files through this one grouping.
 */
export interface SegmentCodes {
  document: string;
  start: number;
  end: number;
  codes: string[];
  memo: string;
  evidence: Record<string, string>;
}

/** The rows grouped per segment, in the order the segments first appear. */
export function groupBySegment(rows: Iterable<Coding>): Map<string, SegmentCodes> {
  const out = new Map<string, SegmentCodes>();
  for (const r of rows) {
    let g = out.get(r.segment);
    if (!g)
      out.set(r.segment, (g = { document: r.document, start: r.start, end: r.end, codes: [], memo: '', evidence: {} }));
    if (r.code !== '' && !g.codes.includes(r.code)) g.codes.push(r.code);
    if (r.code !== '' && r.evidence !== '' && g.evidence[r.code] === undefined) g.evidence[r.code] = r.evidence;
    // Rows of one decision repeat its memo; rows typed by hand may give it once, on any row.
    if (r.memo !== '' && g.memo === '') g.memo = r.memo;
  }
  for (const g of out.values()) g.codes.sort();
  return out;
}
