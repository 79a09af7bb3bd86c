import { open } from 'node:fs/promises';
import { SEGMENT_COLUMNS } from './segments.js';

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const HEADER = Buffer.from(SEGMENT_COLUMNS.join(','));
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CHUNK = 4 << 20;

/**
 * Reads the document, segment and hash of every row of a segments file in the shape `llo ingest`
 * writes (its exact header, eight columns, RFC 4180 quoting), without decoding the texts: the
 * delimiters are ASCII, so they are found in the UTF-8 bytes directly and only the three short
 * fields become strings. Returns false, having reported nothing it could not stand behind, when
 * the file has another shape; the caller then reads it with the full CSV parser.
 */
export async function scanSegmentIds(
  file: string,
  onRow: (document: string, segment: string, hash: string) => void,
  chunk = CHUNK,
): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    // One buffer for the whole file: the unfinished row moves to its start before the next read,
    // and the buffer doubles only for a row longer than it.
    let store = Buffer.allocUnsafe(chunk);
    let carry = 0;
    let eof = false;
    let headerSeen = false;
    while (!eof) {
      if (store.length - carry < chunk / 2) {
        const bigger = Buffer.allocUnsafe(store.length * 2);
        store.copy(bigger, 0, 0, carry);
        store = bigger;
      }
      const { bytesRead } = await handle.read(store, carry, store.length - carry, null);
      eof = bytesRead === 0;
      const buffer = store.subarray(0, carry + bytesRead);
      let pos = 0;
      if (!headerSeen) {
        if (buffer.subarray(0, 3).equals(BOM)) pos = 3;
        const lf = buffer.indexOf(LF, pos);
        if (lf === -1 && !eof) {
          carry = buffer.length;
          continue;
        }
        const end = lf === -1 ? buffer.length : lf;
        const header = buffer.subarray(pos, end > pos && buffer[end - 1] === CR ? end - 1 : end);
        if (!header.equals(HEADER)) return false;
        headerSeen = true;
        pos = lf === -1 ? buffer.length : lf + 1;
      }
      for (;;) {
        while (pos < buffer.length && (buffer[pos] === LF || (buffer[pos] === CR && buffer[pos + 1] === LF))) pos++;
        if (pos >= buffer.length) break;
        const row = parseRow(buffer, pos, eof);
        if (row === MISMATCH) return false;
        if (row === INCOMPLETE) {
          if (eof) return false;
          break;
        }
        onRow(row.fields[0]!, row.fields[1]!, row.fields[2]!);
        pos = row.next;
      }
      carry = buffer.length - pos;
      buffer.copy(store, 0, pos);
    }
    return headerSeen;
  } finally {
    await handle.close();
  }
}

const INCOMPLETE = Symbol('incomplete');
const MISMATCH = Symbol('mismatch');
/** Columns whose values are kept: document, segment, hash. */
const KEEP = [0, 1, 6];

function parseRow(b: Buffer, start: number, eof: boolean): { fields: string[]; next: number } | typeof INCOMPLETE | typeof MISMATCH {
  const fields: string[] = [];
  let i = start;
  for (let k = 0; k < SEGMENT_COLUMNS.length; k++) {
    const last = k === SEGMENT_COLUMNS.length - 1;
    let from: number;
    let to: number;
    let quoted = false;
    if (b[i] === QUOTE) {
      // A quoted field runs to a quote that is not doubled.
      quoted = true;
      let q = b.indexOf(QUOTE, i + 1);
      while (q !== -1 && b[q + 1] === QUOTE) q = b.indexOf(QUOTE, q + 2);
      if (q === -1 || (q + 1 >= b.length && !eof)) return INCOMPLETE;
      from = i + 1;
      to = q;
      i = q + 1;
    } else if (last) {
      const lf = b.indexOf(LF, i);
      if (lf === -1 && !eof) return INCOMPLETE;
      from = i;
      to = lf === -1 ? b.length : lf > i && b[lf - 1] === CR ? lf - 1 : lf;
      i = to;
      if (b.subarray(from, to).includes(QUOTE)) return MISMATCH;
    } else {
      // Short fields: scan them byte by byte, so that no search runs on into the text.
      from = i;
      while (i < b.length && b[i] !== COMMA && b[i] !== LF && b[i] !== CR && b[i] !== QUOTE) i++;
      if (i >= b.length) return eof ? MISMATCH : INCOMPLETE;
      to = i;
    }
    if (KEEP.includes(k)) {
      const value = b.toString('utf8', from, to);
      fields.push(quoted ? value.replaceAll('""', '"') : value);
    }
    // After the field: a comma, or at the end of the row a line end (or the end of the file).
    if (!last) {
      if (i >= b.length) return eof ? MISMATCH : INCOMPLETE;
      if (b[i] !== COMMA) return MISMATCH;
      i++;
    } else if (i < b.length) {
      if (b[i] === LF) i++;
      else if (b[i] === CR && b[i + 1] === LF) i += 2;
      else if (b[i] === CR && i + 1 >= b.length && !eof) return INCOMPLETE;
      else return MISMATCH;
    } else if (!eof) return INCOMPLETE;
  }
  return { fields, next: i };
}
