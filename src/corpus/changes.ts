import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { readCsv } from '../io/csv.js';
import { SEGMENT_COLUMNS, type Segment } from './segments.js';

/**
 * What changed since the last ingest, judged from the segments file that run wrote: per document
 * a digest over its segment ids and text hashes. Codings made on a changed document can then be
 * flagged (`llo codings validate` compares segment hashes one by one).
 */
const EMPTY = createHash('sha256').digest('hex');

export type ChangeStatus = 'new' | 'changed' | 'unchanged' | 'removed';

export class DigestBuilder {
  private readonly digests = new Map<string, ReturnType<typeof createHash>>();
  add(document: string, segment: string, hash: string): void {
    let h = this.digests.get(document);
    if (!h) this.digests.set(document, (h = createHash('sha256')));
    h.update(`${segment}\t${hash}\n`);
  }
  /** Adds a document's segments; a document without segments gets the digest of nothing. */
  addDocument(document: string, segments: readonly Segment[]): void {
    if (!this.digests.has(document)) this.digests.set(document, createHash('sha256'));
    for (const s of segments) this.add(document, s.segment, s.hash);
  }
  finish(): Map<string, string> {
    return new Map([...this.digests].map(([d, h]) => [d, h.digest('hex')]));
  }
}

/** Digests per document of an existing segments file; undefined if there is none. */
export async function previousDigests(file: string): Promise<Map<string, string> | undefined> {
  if (!(await stat(file).then((s) => s.isFile(), () => false))) return undefined;
  const builder = new DigestBuilder();
  for await (const { values } of readCsv(file, SEGMENT_COLUMNS)) builder.add(values['document']!, values['segment']!, values['hash']!);
  return builder.finish();
}

export function compareDigests(before: ReadonlyMap<string, string> | undefined, after: ReadonlyMap<string, string>, order: readonly string[]): { document: string; status: ChangeStatus }[] {
  const out: { document: string; status: ChangeStatus }[] = order.map((document) => {
    // A document without segments leaves no row in the file, so its absence means "empty".
    const old = before && (before.get(document) ?? (after.get(document) === EMPTY ? EMPTY : undefined));
    const status: ChangeStatus = old === undefined ? 'new' : old === after.get(document) ? 'unchanged' : 'changed';
    return { document, status };
  });
  for (const document of [...(before?.keys() ?? [])].sort()) if (!after.has(document)) out.push({ document, status: 'removed' });
  return out;
}
