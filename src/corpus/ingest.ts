import { assemble, type AssembledDocument, type Paragraph } from './document.js';
import type { Corpus, CorpusEntry } from './manifest.js';
import { readBytes, readDocument } from './read.js';
import { selectParagraphs } from './select.js';
import { buildSegments, type Segment, type Unit } from './segments.js';
import { countWords } from '../text/words.js';

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
 * holds one document at a time whatever the size of the corpus. (`llo ingest` itself reads them
 * through render.ts, on worker threads.)
 */
export async function* ingest(corpus: Corpus, unit: Unit): AsyncGenerator<IngestedDocument> {
  // The next file is read from disk while this one is worked on.
  const ahead = (i: number) => {
    const entry = corpus.documents[i];
    const bytes = entry ? readBytes(entry) : undefined;
    bytes?.catch(() => undefined); // awaited (and reported) in its turn
    return bytes;
  };
  let next = ahead(0);
  for (const [i, entry] of corpus.documents.entries()) {
    const bytes = await next!;
    next = ahead(i + 1);
    yield await ingestDocument(entry, unit, bytes);
  }
}

export async function ingestDocument(entry: CorpusEntry, unit: Unit, bytes?: Buffer): Promise<IngestedDocument> {
  const read = await readDocument(entry, bytes);
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
    // A paragraph segment's words were counted while its text was normalised.
    words: unit === 'paragraph' ? wordsOf(text.paragraphs, keep) : segments.reduce((n, s) => n + countWords(s.text), 0),
  };
}

function wordsOf(paragraphs: readonly Paragraph[], keep: ReadonlySet<number> | undefined): number {
  let n = 0;
  for (const p of paragraphs) if (!keep || keep.has(p.n)) n += p.words;
  return n;
}
