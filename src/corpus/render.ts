import { stat } from 'node:fs/promises';
import { orderedMap } from '../io/pool.js';
import { DigestBuilder } from './changes.js';
import { ingest, type IngestedDocument } from './ingest.js';
import type { Corpus, CorpusEntry } from './manifest.js';
import { segmentRow, type Segment, type Unit } from './segments.js';

/**
 * A document as the segments file needs it: its rows already as UTF-8 bytes and the digest of its
 * segment ids and hashes (changes.ts), with the counts for the summary. Made where the document is
 * read — on a worker thread for a large corpus — so the thread that writes the file only writes.
 */
export interface RenderedDocument extends Omit<IngestedDocument, 'text' | 'segments'> {
  segments: number;
  rows: Uint8Array;
  digest: string;
}

export function renderDocument(doc: IngestedDocument): RenderedDocument {
  const { text: _text, segments, ...rest } = doc;
  const digest = new DigestBuilder();
  digest.addDocument(doc.entry.id, segments);
  return { ...rest, segments: segments.length, rows: encodeRows(segments), digest: digest.finish().get(doc.entry.id)! };
}

/** The rows of the segments, encoded straight into one buffer (grown when needed). */
function encodeRows(segments: readonly Segment[]): Uint8Array {
  let buffer = Buffer.allocUnsafe(1 << 16);
  let used = 0;
  for (const s of segments) {
    const row = segmentRow(s);
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (used + row.length * 3 > buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(buffer.length * 2, used + row.length * 3));
      buffer.copy(bigger, 0, 0, used);
      buffer = bigger;
    }
    used += buffer.write(row, used, 'utf8');
  }
  return buffer.subarray(0, used);
}

/** From this many bytes of documents on, `llo ingest` reads them on a worker even with one job. */
const WORKER_BYTES = 16 << 20;

/**
 * The documents of a corpus, rendered, in manifest order. With `jobs` > 1 on that many worker
 * threads; with one job on one worker thread when the corpus is large, so that reading overlaps
 * writing (and the previous file's digests, read on a thread of their own); a small corpus is read
 * here, where a worker would cost more to start than it saves. The bytes are the same every way.
 */
export async function* renderedDocuments(corpus: Corpus, unit: Unit, jobs = 1): AsyncGenerator<RenderedDocument> {
  if (jobs <= 1 && (await corpusBytes(corpus)) < WORKER_BYTES) {
    for await (const doc of ingest(corpus, unit)) yield renderDocument(doc);
    return;
  }
  const entries = corpus.documents.map((entry) => ({ entry, unit }));
  yield* orderedMap<{ entry: CorpusEntry; unit: Unit }, RenderedDocument>(entries, new URL('./render-worker.js', import.meta.url), undefined, Math.max(1, jobs));
}

async function corpusBytes(corpus: Corpus): Promise<number> {
  let total = 0;
  for (const d of corpus.documents) {
    total += await stat(d.path).then(
      (s) => s.size,
      () => 0,
    );
    if (total >= WORKER_BYTES) break;
  }
  return total;
}
