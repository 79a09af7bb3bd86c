import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { orderedMap } from '../io/pool.js';
import { DigestBuilder } from './digest.js';
import { ingest, type IngestedDocument } from './ingest.js';
import type { Corpus, CorpusEntry } from './manifest.js';
import { csvField } from '../io/csv-field.js';
import { segmentRowHead, type Segment, type Unit } from './segments.js';

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

/**
 * The rows of the segments (as segmentRow writes them), encoded straight into one buffer (sized
 * from the texts, grown when needed) and returned in a buffer of their exact size: a message to the
 * writing thread copies the whole buffer under a view. The text is written as it is, not first
 * joined into a row string: that copy was most of the garbage of ingest.
 */
function encodeRows(segments: readonly Segment[]): Uint8Array {
  let estimate = 0;
  for (const s of segments) estimate += s.text.length + s.section.length + 80;
  let buffer = Buffer.allocUnsafe(Math.max(1 << 12, Math.ceil(estimate * 1.1)));
  let used = 0;
  for (const s of segments) {
    const head = segmentRowHead(s);
    const text = csvField(s.text);
    // A UTF-16 code unit takes at most 3 bytes in UTF-8; one more for the line end.
    const most = (head.length + text.length) * 3 + 1;
    if (used + most > buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(buffer.length * 2, used + most));
      buffer.copy(bigger, 0, 0, used);
      buffer = bigger;
    }
    used += buffer.write(head, used, 'utf8');
    used += buffer.write(text, used, 'utf8');
    buffer[used++] = 0x0a;
  }
  return used === buffer.length ? buffer : new Uint8Array(buffer.subarray(0, used));
}

/** From this many bytes of documents on, the automatic choice reads them on worker threads. */
const WORKER_BYTES = 16 << 20;
/** At most this many workers by the automatic choice: more gain little and hold more documents. */
const AUTO_JOBS = 4;

/**
 * The number of threads that read documents when the user does not say: a small corpus is read on
 * the main thread (a worker would cost more to start than it saves), a large one on a worker per
 * processor (up to 4), so that reading overlaps writing and uses every core.
 */
export async function automaticJobs(corpus: Corpus): Promise<number> {
  return (await corpusBytes(corpus)) < WORKER_BYTES ? 1 : Math.max(2, Math.min(AUTO_JOBS, availableParallelism()));
}

/**
 * The documents of a corpus, rendered, in manifest order: with one job here, one at a time; with
 * more on that many worker threads, each reading and rendering whole documents while this thread
 * only writes. The bytes are the same every way.
 */
export async function* renderedDocuments(corpus: Corpus, unit: Unit, jobs = 1): AsyncGenerator<RenderedDocument> {
  if (jobs <= 1) {
    for await (const doc of ingest(corpus, unit)) yield renderDocument(doc);
    return;
  }
  const entries = corpus.documents.map((entry) => ({ entry, unit }));
  yield* orderedMap<{ entry: CorpusEntry; unit: Unit }, RenderedDocument>(entries, new URL('./render-worker.js', import.meta.url), undefined, jobs);
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
