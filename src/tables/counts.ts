import type { Codebook } from '../codebook/schema.js';
import type { Coding } from '../coding/codings.js';
import type { CodingsInput } from '../coding/codings-input.js';

/**
 * What every table is computed from: the set of coded (segment, code) pairs. A segment that carries
 * the same code twice (two spans, two coders, or an auto and a manual row) counts once. Segments
 * are numbers (their position among the coded segments), so a corpus of a million segments costs
 * integers, not strings.
 */
export interface CodedSegments {
  /** code → the segments that carry it. */
  byCode: Map<string, Set<number>>;
  /** segment → its document. */
  documentOf: Map<number, string>;
  /** segment → the codes it carries. */
  codesOf: Map<number, Set<string>>;
  /** Documents of the corpus (the N of "k of N"), in corpus order. */
  documents: string[];
}

function empty(documents: readonly string[]): CodedSegments {
  return { byCode: new Map(), documentOf: new Map(), codesOf: new Map(), documents: [...documents] };
}

function add(counts: CodedSegments, segment: number, document: string, code: string): void {
  let segments = counts.byCode.get(code);
  if (!segments) counts.byCode.set(code, (segments = new Set()));
  segments.add(segment);
  counts.documentOf.set(segment, document);
  let codes = counts.codesOf.get(segment);
  if (!codes) counts.codesOf.set(segment, (codes = new Set()));
  codes.add(code);
}

/** The counts of codings rows (as a report or a workbook holds them). */
export function countCodings(codings: Iterable<Coding>, documents: readonly string[]): CodedSegments {
  const counts = empty(documents);
  const ids = new Map<string, number>();
  for (const c of codings) {
    if (c.code === '') continue;
    let id = ids.get(c.segment);
    if (id === undefined) ids.set(c.segment, (id = ids.size));
    add(counts, id, c.document, c.code);
  }
  return counts;
}

/**
 * The counts of streamed codings (read with `pool`, all coders in one bitset per segment), leaving
 * out the codes `skip` names (themes without an actor role). Segments in segments-file order.
 */
export function countInput(input: CodingsInput, skip: ReadonlySet<string> = new Set()): CodedSegments {
  const counts = empty(input.documents);
  const seen = new Uint8Array(input.records);
  const keep = input.codes.map((c) => !skip.has(c));
  for (let r = 0; r < input.records; r++) {
    const s = input.recordSegment[r]!;
    if (seen[s] === 1) continue;
    seen[s] = 1;
    for (let w = 0; w < input.words; w++) {
      let word = input.codeWord(0, s, w);
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        word &= word - 1;
        const code = w * 32 + bit;
        if (keep[code]) add(counts, s, input.documents[input.recordDocument[r]!]!, input.codes[code]!);
      }
    }
  }
  return counts;
}

/** The counts of the segments of some documents only (one group of `--by`). */
export function restrictCounts(counts: CodedSegments, documents: readonly string[]): CodedSegments {
  const wanted = new Set(documents);
  const out = empty(documents);
  for (const [segment, codes] of counts.codesOf) {
    const document = counts.documentOf.get(segment)!;
    if (wanted.has(document)) for (const code of codes) add(out, segment, document, code);
  }
  return out;
}

/** The documents in which a code occurs. */
export function documentsWith(counts: CodedSegments, code: string): Set<string> {
  return new Set([...(counts.byCode.get(code) ?? [])].map((s) => counts.documentOf.get(s)!));
}

/** Segments in which the actor gets any of its roles. */
export function actorSegments(counts: CodedSegments, codebook: Codebook, actor: string): Set<number> {
  const out = new Set<number>();
  for (const code of codebook.codes)
    if (code.actor === actor) for (const s of counts.byCode.get(code.id) ?? []) out.add(s);
  return out;
}
