import { readFile } from 'node:fs/promises';
import { LloError } from '../errors.js';
import { fileError } from '../io/file-errors.js';
import { decodeText, type Encoding } from '../io/decode.js';
import type { ParsedDocument } from './document.js';
import type { CorpusEntry } from './manifest.js';

export interface ReadResult extends ParsedDocument {
  bytes: number;
  encoding?: Encoding;
}

/** The bytes of a corpus document; a file that cannot be read is one line naming it. */
export async function readBytes(entry: CorpusEntry): Promise<Buffer> {
  return readFile(entry.path).catch((err: unknown) => {
    throw fileError(err, entry.path);
  });
}

/**
 * Reads one corpus document in its format (from `bytes` when the caller read them ahead). Format
 * readers are loaded on first use.
 */
export async function readDocument(entry: CorpusEntry, bytes?: Buffer): Promise<ReadResult> {
  const file = entry.path;
  bytes ??= await readBytes(entry);
  if (entry.format === 'pdf') {
    const { readPdf } = await import('./formats/pdf.js');
    return { ...(await readPdf(bytes, file)), bytes: bytes.length };
  }
  const { text, encoding } = decodeText(bytes, file);
  const warnings = encoding === 'windows-1252' ? ['read as Windows-1252 (not UTF-8)'] : [];
  let parsed: ParsedDocument;
  if (entry.format === 'xml') {
    const { readOfficialXml } = await import('./formats/xml.js');
    parsed = readOfficialXml(text, file);
  } else if (entry.format === 'html') {
    const { readOfficialHtml } = await import('./formats/html.js');
    parsed = readOfficialHtml(text, file);
  } else {
    const { readText } = await import('./formats/text.js');
    parsed = readText(text, { markdown: entry.format === 'markdown', ...(entry.paragraphs ? { paragraphs: entry.paragraphs } : {}) });
  }
  if (parsed.blocks.every((b) => b.text.trim() === '')) throw new LloError('LLO_NO_TEXT', 'the document contains no text', { file });
  return { ...parsed, warnings: [...warnings, ...parsed.warnings], bytes: bytes.length, encoding };
}
