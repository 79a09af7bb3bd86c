import { AtomicWriter } from '../io/atomic.js';
import { csvRows } from '../io/csv.js';
import { compareDigests, DigestBuilder, previousDigests, type ChangeStatus } from './changes.js';
import { ingest, type IngestedDocument } from './ingest.js';
import type { Corpus } from './manifest.js';
import { SEGMENT_COLUMNS, type Unit } from './segments.js';

export interface IngestSummary {
  corpus: string;
  out: string;
  unit: Unit;
  documents: number;
  pages: number;
  paragraphs: number;
  segments: number;
  words: number;
  bytes: number;
  perDocument: {
    id: string;
    format: string;
    pages: number | null;
    pageMapping: string | null;
    segments: number;
    words: number;
    status: ChangeStatus;
  }[];
  removed: string[];
  warnings: { document: string; message: string }[];
}

/**
 * Ingests a corpus into a segments file. The file is written through a temporary file and renamed
 * only when every document has been read, so a failure leaves the previous file as it was.
 */
export async function ingestToFile(corpus: Corpus, out: string, unit: Unit, onDocument?: (doc: IngestedDocument, index: number) => void, jobs = 1): Promise<IngestSummary> {
  let before: Map<string, string> | undefined;
  const warnings: IngestSummary['warnings'] = [];
  try {
    before = await previousDigests(out);
  } catch (err) {
    before = undefined;
    warnings.push({ document: '', message: `the previous segments file could not be read, so changes are not reported: ${(err as Error).message}` });
  }
  const writer = await AtomicWriter.open(out);
  const digests = new DigestBuilder();
  const totals = { pages: 0, paragraphs: 0, segments: 0, words: 0, bytes: 0 };
  const perDocument: Omit<IngestSummary['perDocument'][number], 'status'>[] = [];
  try {
    await writer.write(csvRows([], SEGMENT_COLUMNS, true));
    let index = 0;
    for await (const doc of ingest(corpus, unit, jobs)) {
      await writer.write(csvRows(doc.segments, SEGMENT_COLUMNS));
      digests.addDocument(doc.entry.id, doc.segments);
      totals.pages += doc.pages ?? 0;
      totals.paragraphs += doc.paragraphs;
      totals.segments += doc.segments.length;
      totals.words += doc.words;
      totals.bytes += doc.bytes;
      for (const message of doc.warnings) warnings.push({ document: doc.entry.id, message });
      perDocument.push({ id: doc.entry.id, format: doc.entry.format, pages: doc.pages ?? null, pageMapping: doc.pageMapping ?? null, segments: doc.segments.length, words: doc.words });
      onDocument?.(doc, index++);
    }
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  const changes = compareDigests(before, digests.finish(), perDocument.map((d) => d.id));
  const status = new Map(changes.map((c) => [c.document, c.status]));
  return {
    corpus: corpus.manifest ?? corpus.dir,
    out,
    unit,
    documents: perDocument.length,
    ...totals,
    perDocument: perDocument.map((d) => ({ ...d, status: status.get(d.id)! })),
    removed: changes.filter((c) => c.status === 'removed').map((c) => c.document),
    warnings,
  };
}
