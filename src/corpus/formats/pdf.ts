import type { Worker } from 'node:worker_threads';
import { LloError, type Place } from '../../errors.js';
import { startWorker } from '../../io/worker-script.js';
import type { ParsedDocument } from '../document.js';

/**
 * Reading a PDF, within limits. pdf.js has none of its own: a page of 100,000 nested graphics
 * states takes it minutes, and a 3 MB "decompression bomb" gigabytes. So every PDF is read on a
 * worker thread (pdf-worker.ts) that llo can stop:
 * - time: each document gets `secondsPerPage` seconds per page (plus one page's worth for
 *   opening it); past that the worker is stopped;
 * - memory: the worker's JavaScript heap is capped (worker resourceLimits), and the worker is
 *   stopped when the process grows by more than the same amount while it reads (buffers live
 *   outside the heap);
 * - decompressed size: the streams are counted before pdf.js reads them (pdf-inflate.ts).
 * Each ends in one line naming the document (LLO_PDF_LIMIT). The limits can be changed with the
 * environment variables LLO_PDF_SECONDS_PER_PAGE, LLO_PDF_MAX_MEMORY_MB, LLO_PDF_MAX_INFLATED_MB.
 */
export interface PdfLimits {
  secondsPerPage: number;
  memoryMb: number;
  inflatedMb: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { secondsPerPage: 10, memoryMb: 2048, inflatedMb: 512 };

export interface PdfRequest {
  id: number;
  bytes: Uint8Array;
  file: string;
  limits: PdfLimits;
}
export interface PdfReply {
  id: number;
  /** Sent when the worker begins the document (its start-up is not part of the time budget). */
  started?: boolean;
  /** Sent as soon as the number of pages is known. */
  pages?: number;
  result?: ParsedDocument;
  error?: { code: string; message: string; place: Place };
}

/** The limits, from the environment where set there (positive numbers), else the defaults. */
export function pdfLimits(env: NodeJS.ProcessEnv = process.env): PdfLimits {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new LloError('LLO_OPTION', `${name} must be a positive number, got "${raw}"`);
    return n;
  };
  return {
    secondsPerPage: read('LLO_PDF_SECONDS_PER_PAGE', DEFAULT_PDF_LIMITS.secondsPerPage),
    memoryMb: read('LLO_PDF_MAX_MEMORY_MB', DEFAULT_PDF_LIMITS.memoryMb),
    inflatedMb: read('LLO_PDF_MAX_INFLATED_MB', DEFAULT_PDF_LIMITS.inflatedMb),
  };
}

/** Reads the text layer of a PDF (see pdf-text.ts) on the PDF worker, within the limits. */
export async function readPdf(bytes: Uint8Array, file: string, limits: PdfLimits = pdfLimits()): Promise<ParsedDocument> {
  if (bytes.length === 0) throw new LloError('LLO_EMPTY_FILE', 'the file is empty', { file });
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new LloError('LLO_PDF_INVALID', 'not a PDF file (no %PDF- header)', { file });
  // One document at a time per worker: stopping the worker must not take another document along.
  const turn = queue.then(() => readOnWorker(bytes, file, limits));
  queue = turn.catch(() => undefined);
  return turn;
}

let queue: Promise<unknown> = Promise.resolve();
let current: { worker: Worker; memoryMb: number } | undefined;
let nextId = 0;
const MB = 1024 * 1024;
/** Time a new worker may take to start and load pdf.js (a busy machine), before any budget. */
const STARTUP_MS = 60_000;

/** The PDF worker of this thread, started on first use and kept for the next document. */
function pdfWorker(memoryMb: number): Worker {
  if (current?.memoryMb === memoryMb) return current.worker;
  if (current) void current.worker.terminate();
  const worker = startWorker(new URL('./pdf-worker.js', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
  const entry = { worker, memoryMb };
  worker.on('exit', () => {
    if (current === entry) current = undefined;
  });
  current = entry;
  return worker;
}

function readOnWorker(bytes: Uint8Array, file: string, limits: PdfLimits): Promise<ParsedDocument> {
  return new Promise((resolve, reject) => {
    const worker = pdfWorker(limits.memoryMb);
    worker.ref();
    const id = nextId++;
    // The clock starts when the worker begins the document, not while it starts up.
    let started = Date.now();
    const rssAtStart = process.memoryUsage.rss();
    let pages = 0;
    const limit = (message: string) => new LloError('LLO_PDF_LIMIT', message, { file });
    const overTime = () =>
      stop(
        limit(
          `reading the PDF took longer than its time budget (${limits.secondsPerPage} s per page): a PDF built to exhaust readers, such as one of deeply nested graphics states, or a very slow one (the limit is LLO_PDF_SECONDS_PER_PAGE)`,
        ),
      );
    const overMemory = () =>
      stop(limit(`reading the PDF needed more than ${limits.memoryMb} MB of memory (the limit is LLO_PDF_MAX_MEMORY_MB)`));
    let begun = false;
    const deadline = () =>
      setTimeout(overTime, Math.max(0, started + (begun ? 0 : STARTUP_MS) + limits.secondsPerPage * (pages + 1) * 1000 - Date.now()));
    let timer = deadline();
    // Buffers (decoded streams) live outside the heap limit: watch the process as a whole.
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - rssAtStart > limits.memoryMb * MB) overMemory();
    }, 100);

    const done = () => {
      clearTimeout(timer);
      clearInterval(watch);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
    };
    const stop = (err: LloError) => {
      done();
      // Not to be reused: the next document gets a fresh worker.
      if (current?.worker === worker) current = undefined;
      void worker.terminate();
      reject(err);
    };
    const onMessage = (m: PdfReply) => {
      if (m.id !== id) return;
      if (m.started) {
        begun = true;
        started = Date.now();
        clearTimeout(timer);
        timer = deadline();
        return;
      }
      if (m.pages !== undefined) {
        pages = m.pages;
        clearTimeout(timer);
        timer = deadline();
        return;
      }
      done();
      if (m.error) reject(new LloError(m.error.code, m.error.message, m.error.place));
      else resolve(m.result!);
    };
    const onError = (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') overMemory();
      else stop(new LloError('LLO_PDF_INVALID', `the PDF cannot be read: ${err.message}`, { file }));
    };
    const onExit = (code: number) => stop(new LloError('LLO_PDF_INVALID', `the PDF reader stopped unexpectedly (exit code ${code})`, { file }));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // The worker gets its own copy, moved rather than copied again.
    const copy = new Uint8Array(bytes);
    worker.postMessage({ id, bytes: copy, file, limits } satisfies PdfRequest, [copy.buffer]);
  });
}
