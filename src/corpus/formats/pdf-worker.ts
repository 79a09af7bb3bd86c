import { parentPort } from 'node:worker_threads';
import { LloError } from '../../errors.js';
import { inflatedSize } from './pdf-inflate.js';
import { extractPdf } from './pdf-text.js';
import type { PdfLimits, PdfReply, PdfRequest } from './pdf.js';

/**
 * The PDF worker: reads one PDF per message with pdf.js, so that the thread that asked can stop it
 * (time budget) and the worker's memory limit applies to pdf.js alone. Before pdf.js sees the
 * file, the decompressed size of its streams is counted against the limit (pdf-inflate.ts).
 */
const port = parentPort!;
const reply = (m: PdfReply) => port.postMessage(m);
// pdf.js is loaded before the first document is taken on, so loading it is not part of its budget.
const ready = import('unpdf');

port.on('message', (m: PdfRequest) => void read(m));

async function read({ id, bytes, file, limits }: PdfRequest): Promise<void> {
  try {
    await ready;
    reply({ id, started: true });
    await checkInflated(bytes, file, limits);
    const result = await extractPdf(bytes, file, (pages) => reply({ id, pages }));
    reply({ id, result });
  } catch (err) {
    const e = err instanceof LloError ? err : new LloError('LLO_PDF_INVALID', `the PDF cannot be read: ${(err as Error)?.message ?? String(err)}`, { file });
    reply({ id, error: { code: e.code, message: e.message, place: e.place } });
  }
}

async function checkInflated(bytes: Uint8Array, file: string, limits: PdfLimits): Promise<void> {
  const cap = limits.inflatedMb * 1024 * 1024;
  if ((await inflatedSize(bytes, cap)) > cap) {
    throw new LloError(
      'LLO_PDF_LIMIT',
      `the PDF's compressed streams expand to more than ${limits.inflatedMb} MB (a decompression bomb, or a document larger than llo reads; the limit is LLO_PDF_MAX_INFLATED_MB)`,
      { file },
    );
  }
}
