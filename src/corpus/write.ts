import { AtomicWriter } from '../io/atomic.js';
import { csvRows } from '../io/csv.js';
import { compareDigests, previousDigestsAside, type ChangeStatus } from './changes.js';
import type { Corpus } from './manifest.js';
import { automaticJobs, renderedDocuments, type RenderedDocument } from './render.js';
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
export async function ingestToFile(
  corpus: Corpus,
  out: string,
  unit: Unit,
  onDocument?: (doc: RenderedDocument, index: number) => void,
  jobs?: number,
): Promise<IngestSummary> {
  // Without a number of jobs the size of the corpus decides (render.ts).
  const threads = jobs ?? (await automaticJobs(corpus));
  const warnings: IngestSummary['warnings'] = [];
  // The previous file is read while the documents are (it is replaced only at the commit below).
  const previous = previousDigestsAside(out).then(
    (digests) => ({ digests, problem: undefined }),
    (err: unknown) => ({ digests: undefined, problem: (err as Error).message }),
  );
  let before: Map<string, string> | undefined;
  const writer = await AtomicWriter.open(out);
  const digests = new Map<string, string>();
  const totals = { pages: 0, paragraphs: 0, segments: 0, words: 0, bytes: 0 };
  const perDocument: Omit<IngestSummary['perDocument'][number], 'status'>[] = [];
  try {
    await writer.write(csvRows([], SEGMENT_COLUMNS, true));
    let index = 0;
    for await (const doc of renderedDocuments(corpus, unit, threads)) {
      await writer.write(doc.rows, { copy: false });
      digests.set(doc.entry.id, doc.digest);
      totals.pages += doc.pages ?? 0;
      totals.paragraphs += doc.paragraphs;
      totals.segments += doc.segments;
      totals.words += doc.words;
      totals.bytes += doc.bytes;
      for (const message of doc.warnings) warnings.push({ document: doc.entry.id, message });
      perDocument.push({ id: doc.entry.id, format: doc.entry.format, pages: doc.pages ?? null, pageMapping: doc.pageMapping ?? null, segments: doc.segments, words: doc.words });
      onDocument?.(doc, index++);
    }
    const { digests: old, problem } = await previous;
    before = old;
    if (problem !== undefined) {
      warnings.unshift({ document: '', message: `the previous segments file could not be read, so changes are not reported: ${problem}` });
    }
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  const changes = compareDigests(before, digests, perDocument.map((d) => d.id));
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
