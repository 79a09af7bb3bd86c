import type { Codebook } from '../codebook/schema.js';
import type { Coding } from '../coding/codings.js';

/**
 * What every table is computed from: the set of coded (segment, code) pairs. A segment that carries
 * the same code twice (two spans, or an auto and a manual row) counts once.
 */
export interface CodedSegments {
  /** code → the segments that carry it. */
  byCode: Map<string, Set<string>>;
  /** segment → its document. */
  documentOf: Map<string, string>;
  /** segment → the codes it carries. */
  codesOf: Map<string, Set<string>>;
  /** Documents of the corpus (the N of "k of N"), in corpus order. */
  documents: string[];
}

export function countCodings(codings: Iterable<Coding>, documents: readonly string[]): CodedSegments {
  const byCode = new Map<string, Set<string>>();
  const documentOf = new Map<string, string>();
  const codesOf = new Map<string, Set<string>>();
  for (const c of codings) {
    if (c.code === '') continue;
    let segments = byCode.get(c.code);
    if (!segments) byCode.set(c.code, (segments = new Set()));
    segments.add(c.segment);
    documentOf.set(c.segment, c.document);
    let codes = codesOf.get(c.segment);
    if (!codes) codesOf.set(c.segment, (codes = new Set()));
    codes.add(c.code);
  }
  return { byCode, documentOf, codesOf, documents: [...documents] };
}

/** The documents in which a code occurs. */
export function documentsWith(counts: CodedSegments, code: string): Set<string> {
  return new Set([...(counts.byCode.get(code) ?? [])].map((s) => counts.documentOf.get(s)!));
}

/** Segments in which the actor gets any of its roles. */
export function actorSegments(counts: CodedSegments, codebook: Codebook, actor: string): Set<string> {
  const out = new Set<string>();
  for (const code of codebook.codes)
    if (code.actor === actor) for (const s of counts.byCode.get(code.id) ?? []) out.add(s);
  return out;
}
