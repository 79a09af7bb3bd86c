import { orderedMap } from '../io/pool.js';
import { assemble, type AssembledDocument } from './document.js';
import type { Corpus, CorpusEntry } from './manifest.js';
import { readDocument } from './read.js';
import { selectParagraphs } from './select.js';
import { buildSegments, type Segment, type Unit } from './segments.js';

export interface IngestedDocument {
  entry: CorpusEntry;
  bytes: number;
  pages?: number;
  pageMapping?: string;
  encoding?: string;
  warnings: string[];
  text: AssembledDocument;
  /** Paragraphs in the whole document, before selection. */
  paragraphs: number;
  segments: Segment[];
  words: number;
}

/**
 * Reads the documents of a corpus one at a time and yields each with its segments, so memory
 * holds one document at a time whatever the size of the corpus.
 */
export async function* ingest(corpus: Corpus, unit: Unit, jobs = 1): AsyncGenerator<IngestedDocument> {
  if (jobs <= 1) {
    for (const entry of corpus.documents) yield await ingestDocument(entry, unit);
    return;
  }
  // Several documents at once on worker threads, written in manifest order all the same.
  const entries = corpus.documents.map((entry) => ({ entry, unit }));
  yield* orderedMap<{ entry: CorpusEntry; unit: Unit }, IngestedDocument>(entries, new URL('./ingest-worker.js', import.meta.url), undefined, jobs);
}

export async function ingestDocument(entry: CorpusEntry, unit: Unit): Promise<IngestedDocument> {
  const read = await readDocument(entry);
  const text = assemble(read.blocks);
  const keep = selectParagraphs(text.paragraphs, entry.select, entry.id);
  const segments = buildSegments(entry.id, text, unit, keep);
  const warnings = [...read.warnings];
  if (keep && segments.length === 0) warnings.push('the selection keeps no paragraph');
  if (text.controls > 0) warnings.push(`removed ${text.controls} control character(s) (C0/C1, such as ESC) from the text`);
  return {
    entry,
    bytes: read.bytes,
    ...(read.pages !== undefined ? { pages: read.pages } : {}),
    ...(read.pageMapping ? { pageMapping: read.pageMapping } : {}),
    ...(read.encoding ? { encoding: read.encoding } : {}),
    warnings,
    text,
    paragraphs: text.paragraphs.length,
    segments,
    words: segments.reduce((n, s) => n + countWords(s.text), 0),
  };
}

function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu)) n++;
  return n;
}
