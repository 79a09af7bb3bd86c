import { readSegments } from '../corpus/read-segments.js';
import type { Segment } from '../corpus/segments.js';

/** What commands need to know of a segment besides its text. */
export type SegmentInfo = Omit<Segment, 'text'> & { text?: string };

/**
 * The segments file opened once: every segment by id, and the documents in corpus order (the
 * order of the file, which `llo ingest` writes in manifest order). The one place that builds this
 * index; commands that only count leave the text out to keep memory small.
 */
export interface SegmentSet<S extends SegmentInfo = SegmentInfo> {
  file: string;
  /** Segments in file order. */
  list: S[];
  byId: ReadonlyMap<string, S>;
  /** Document ids in corpus order. */
  documents: readonly string[];
  /** Document id → its position in corpus order. */
  documentOrder: ReadonlyMap<string, number>;
}

export async function openSegments(file: string): Promise<SegmentSet<Segment>>;
export async function openSegments(file: string, options: { text?: boolean }): Promise<SegmentSet>;
export async function openSegments(file: string, options: { text?: boolean } = {}): Promise<SegmentSet> {
  const list: SegmentInfo[] = [];
  const byId = new Map<string, SegmentInfo>();
  const documentOrder = new Map<string, number>();
  for await (const s of readSegments(file)) {
    const kept: SegmentInfo = options.text === false ? withoutText(s) : s;
    list.push(kept);
    byId.set(s.segment, kept);
    if (!documentOrder.has(s.document)) documentOrder.set(s.document, documentOrder.size);
  }
  return { file, list, byId, documents: [...documentOrder.keys()], documentOrder };
}

function withoutText(s: Segment): SegmentInfo {
  const { text: _, ...rest } = s;
  return rest;
}
