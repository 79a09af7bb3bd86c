import type { AssembledDocument } from './document.js';
import { codePointLength } from '../text/normalise.js';
import { shortHash } from '../text/hash.js';
import { splitSentences } from '../text/sentences.js';
import { csvField } from '../io/csv-field.js';

export type Unit = 'paragraph' | 'sentence';

/** One row of the segments file. */
export interface Segment {
  document: string;
  segment: string;
  page: string;
  section: string;
  start: number;
  end: number;
  hash: string;
  text: string;
}

export const SEGMENT_COLUMNS = ['document', 'segment', 'page', 'section', 'start', 'end', 'hash', 'text'] as const;

/**
 * The row of the segments file for a segment, byte for byte as csv-stringify writes it (RFC 4180:
 * a field is quoted only when it holds a comma, a quote or a line break, and quotes are doubled),
 * without building an array per row: ingest writes a row per paragraph.
 */
export function segmentRow(s: Segment): string {
  return `${segmentRowHead(s)}${csvField(s.text)}\n`;
}

/** A row up to its text: document ids (letters, digits, . _ -), segment ids and hex hashes never need quotes. */
export function segmentRowHead(s: Segment): string {
  return `${s.document},${s.segment},${csvField(s.page)},${csvField(s.section)},${s.start},${s.end},${s.hash},`;
}


/**
 * Cuts a document into segments: its paragraphs (`<document>:<n>`) or their sentences
 * (`<document>:<n>.<m>`). Paragraph numbers count every paragraph of the document, selected or
 * not, so ids stay the same when a selection changes.
 */
export function buildSegments(id: string, doc: AssembledDocument, unit: Unit, keep?: ReadonlySet<number>): Segment[] {
  const out: Segment[] = [];
  for (const p of doc.paragraphs) {
    if (keep && !keep.has(p.n)) continue;
    if (unit === 'paragraph') {
      out.push({ document: id, segment: `${id}:${p.n}`, page: p.page, section: p.section, start: p.start, end: p.end, hash: shortHash(p.text), text: p.text });
      continue;
    }
    let m = 0;
    for (const s of splitSentences(p.text)) {
      const text = s.text.trim();
      if (text === '') continue;
      const lead = s.text.length - s.text.trimStart().length;
      const start = p.start + codePointLength(p.text.slice(0, s.index + lead));
      m++;
      out.push({ document: id, segment: `${id}:${p.n}.${m}`, page: p.page, section: p.section, start, end: start + codePointLength(text), hash: shortHash(text), text });
    }
  }
  return out;
}
