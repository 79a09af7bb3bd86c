import type { CodeDefinition } from '../codebook/schema.js';
import type { Coding } from '../coding/codings.js';
import type { Segment } from '../corpus/segments.js';

/** What a quote needs to know of its document: how to cite it and what it is called. */
export interface DocumentInfo {
  cite: string;
  title?: string;
  type?: string;
  date?: string;
}

export interface ContextSegment {
  segment: string;
  page: string;
  text: string;
}

/** One coded segment, ready to be quoted in a paper. */
export interface Quote {
  document: string;
  segment: string;
  page: string;
  section: string;
  /** The document's citation key, `TK 2020/2021a`. */
  cite: string;
  /** The in-text citation with the page: `(TK 2020/2021a: 21)`. */
  citation: string;
  title: string;
  /** The selected codes on the segment, in codebook order. */
  codes: string[];
  /** The coders who gave one of those codes, sorted. */
  coders: string[];
  /** Distinct evidence texts of those codings. */
  evidence: string[];
  memos: { coder: string; memo: string }[];
  text: string;
  /** Up to N neighbouring segments of the same document on either side (`--context N`). */
  before: ContextSegment[];
  after: ContextSegment[];
}

export interface QuoteFilter {
  coders?: readonly string[];
  documents?: readonly string[];
  /** Neighbouring segments to include on either side. */
  context?: number;
}

/** `(TK 2020/2021a: 21)`, or `(TK 2020/2021a)` where the segment has no page. */
export function citation(cite: string, page: string): string {
  return `(${cite}${page ? `: ${page}` : ''})`;
}

/**
 * Every segment that carries one of the codes, by the given coders in the given documents, in the
 * order of the segments file (the corpus order). A segment coded by several coders, or with
 * several of the codes, is one quote listing them all.
 */
export function collectQuotes(
  codings: readonly Coding[],
  segments: readonly Segment[],
  codes: readonly CodeDefinition[],
  documents: ReadonlyMap<string, DocumentInfo>,
  filter: QuoteFilter = {},
): Quote[] {
  const order = new Map(codes.map((c, i) => [c.id, i]));
  const coders = filter.coders ? new Set(filter.coders) : undefined;
  const inDocuments = filter.documents ? new Set(filter.documents) : undefined;
  const bySegment = new Map<string, Coding[]>();
  for (const c of codings) {
    if (!order.has(c.code) || (coders && !coders.has(c.coder)) || (inDocuments && !inDocuments.has(c.document)))
      continue;
    const list = bySegment.get(c.segment);
    if (list) list.push(c);
    else bySegment.set(c.segment, [c]);
  }
  const context = filter.context ?? 0;
  const near = (from: number, to: number, document: string): ContextSegment[] =>
    segments
      .slice(Math.max(0, from), Math.max(0, to))
      .filter((s) => s.document === document)
      .map((s) => ({ segment: s.segment, page: s.page, text: s.text }));
  const quotes: Quote[] = [];
  segments.forEach((s, i) => {
    const rows = bySegment.get(s.segment);
    if (!rows) return;
    const info = documents.get(s.document);
    const cite = info?.cite ?? s.document;
    const memos = new Map<string, { coder: string; memo: string }>();
    for (const r of rows)
      if (r.memo.trim() !== '') memos.set(`${r.coder}\n${r.memo}`, { coder: r.coder, memo: r.memo });
    quotes.push({
      document: s.document,
      segment: s.segment,
      page: s.page,
      section: s.section,
      cite,
      citation: citation(cite, s.page),
      title: info?.title ?? s.document,
      codes: [...new Set(rows.map((r) => r.code))].sort((a, b) => order.get(a)! - order.get(b)!),
      coders: [...new Set(rows.map((r) => r.coder))].sort(),
      evidence: [...new Set(rows.map((r) => r.evidence.trim()).filter((e) => e !== ''))],
      memos: [...memos.values()].sort((a, b) => (a.coder < b.coder ? -1 : a.coder > b.coder ? 1 : 0)),
      text: s.text,
      before: near(i - context, i, s.document),
      after: near(i + 1, i + 1 + context, s.document),
    });
  });
  return quotes;
}
