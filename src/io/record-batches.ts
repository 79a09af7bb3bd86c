import { open } from 'node:fs/promises';
import { LloError } from '../errors.js';
import { CsvReader } from './csv.js';
import { fileError } from './file-errors.js';

/**
 * A CSV file cut into batches of whole records without parsing them, so that worker threads can
 * parse, process and write their own batches while the main thread only reads (llo issue 15: a
 * main thread that parses every record leaves the workers waiting). A batch ends at the last line
 * end that lies outside quotes, the rule by which `CsvReader` and csv-parse end a record, so each
 * batch parses on its own (`CsvReader.fromBytes`) to exactly the records, fields, errors and line
 * numbers the whole file gives.
 */
export interface RecordBatch {
  /** Whole records (and any empty lines between them); the only view of its own buffer, which can be transferred. */
  bytes: Uint8Array;
  /** Lines of the file before the batch. */
  linesBefore: number;
  /** The batch's last record (not an empty line): its start in `bytes` and the lines before it in the file. */
  last?: { start: number; linesBefore: number };
}

export interface RecordFile {
  /** The header's names, trimmed. */
  header: string[];
  /** The byte that ends a line: LF (also for CR LF) or CR. */
  lineEnd: number;
  /** The field separator read from the header: ",", or ";" or a tab as spreadsheets save CSV. */
  separator: string;
  batches: AsyncGenerator<RecordBatch>;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
/** As CsvReader: a record still open after this many bytes has an unclosed quote. */
const MAX_RECORD = 64 << 20;

/**
 * Opens a CSV file (its header checked by `CsvReader`, with the same errors) and cuts the records
 * after the header into batches of about `size` bytes.
 */
export async function recordBatches(file: string, required: readonly string[], size = 512 << 10): Promise<RecordFile> {
  const csv = await CsvReader.open(file, required, { all: true });
  const { header, lineEnd, offset, separator } = csv;
  const linesAfterHeader = csv.linesRead;
  await csv.close();
  return { header, lineEnd, separator, batches: cut(file, offset, linesAfterHeader, lineEnd, size) };
}

async function* cut(
  file: string,
  offset: number,
  linesBefore: number,
  eol: number,
  size: number,
): AsyncGenerator<RecordBatch> {
  let fd;
  try {
    fd = await open(file, 'r');
  } catch (err) {
    throw fileError(err, file);
  }
  try {
    let position = offset;
    let carry: Uint8Array = new Uint8Array(0);
    for (;;) {
      // A buffer of its own for every batch (transferable); the unfinished record is copied over.
      const buf = Buffer.allocUnsafeSlow(carry.length + size);
      buf.set(carry, 0);
      let read: number;
      try {
        ({ bytesRead: read } = await fd.read(buf, carry.length, size, position));
      } catch (err) {
        throw fileError(err, file);
      }
      position += read;
      const length = carry.length + read;
      if (read === 0) {
        if (length > 0) yield batchOf(buf.subarray(0, length), linesBefore, eol, recordEnds(buf, length, eol, true));
        return;
      }
      const ends = recordEnds(buf, length, eol, false);
      if (ends.end <= 0) {
        if (length > MAX_RECORD)
          throw new LloError(
            'LLO_CSV',
            'malformed CSV: a record runs on for more than 64 MB (is a quote not closed?)',
            {
              file,
              line: linesBefore + 1,
            },
          );
        carry = buf.subarray(0, length);
        continue;
      }
      carry = Uint8Array.prototype.slice.call(buf, ends.end, length);
      const batch = batchOf(buf.subarray(0, ends.end), linesBefore, eol, ends);
      linesBefore += count(batch.bytes, eol, batch.bytes.length);
      yield batch;
    }
  } finally {
    await fd.close().catch(() => undefined);
  }
}

function batchOf(bytes: Uint8Array, linesBefore: number, eol: number, ends: { lastStart: number }): RecordBatch {
  return {
    bytes,
    linesBefore,
    ...(ends.lastStart >= 0
      ? { last: { start: ends.lastStart, linesBefore: linesBefore + count(bytes, eol, ends.lastStart) } }
      : {}),
  };
}

/**
 * Where the records of `buf[0, length)` end: `end`, just after the last line end outside quotes
 * (0: none yet), and `lastStart`, the start of the last record before it that is not an empty
 * line (-1: none); `atEnd`: the file ends at `length`, so a record without a line end counts too.
 * Quotes toggle, as in CsvReader's `recordExtent`: a doubled quote toggles twice.
 */
function recordEnds(buf: Uint8Array, length: number, eol: number, atEnd: boolean): { end: number; lastStart: number } {
  let end = 0;
  let lastStart = -1;
  let recordStart = 0;
  let inQuotes = false;
  let pos = 0;
  const empty = (from: number, to: number) => to === from || (eol === LF && to === from + 1 && buf[from] === CR);
  for (;;) {
    let q = buf.indexOf(QUOTE, pos);
    if (q >= length) q = -1;
    const limit = q < 0 ? length : q;
    if (!inQuotes)
      for (let t = buf.indexOf(eol, pos); t >= 0 && t < limit; t = buf.indexOf(eol, t + 1)) {
        if (!empty(recordStart, t)) lastStart = recordStart;
        recordStart = t + 1;
        end = t + 1;
      }
    if (q < 0) break;
    inQuotes = !inQuotes;
    pos = q + 1;
  }
  // A last record without a line end, at the end of the file.
  if (atEnd && recordStart < length && !empty(recordStart, length)) lastStart = recordStart;
  return { end, lastStart };
}

function count(bytes: Uint8Array, byte: number, to: number): number {
  let n = 0;
  for (let i = bytes.indexOf(byte); i >= 0 && i < to; i = bytes.indexOf(byte, i + 1)) n++;
  return n;
}
