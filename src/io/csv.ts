import { open, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as CsvParse from 'csv-parse/sync';
import type * as CsvStringify from 'csv-stringify/sync';
import { LloError } from '../errors.js';
import { fileError } from './file-errors.js';

// csv-parse and csv-stringify are loaded when first needed (a record the fast path does not take;
// writing): a command that only reads well-formed CSV starts without them.
const load = createRequire(import.meta.url);
const parse = (input: Buffer, options: CsvParse.Options): string[][] =>
  (load('csv-parse/sync') as typeof CsvParse).parse(input, options);
const stringify = (rows: unknown[][], options: CsvStringify.Options): string =>
  (load('csv-stringify/sync') as typeof CsvStringify).stringify(rows, options);

/** CSV text for rows in the given column order: UTF-8, LF, quoted only where needed, no BOM. */
export function csvRows<T extends object>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[] | readonly string[],
  header = false,
): string {
  if (rows.length === 0 && !header) return '';
  return stringify(
    rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c] ?? '')),
    { header, columns: [...columns], record_delimiter: 'unix', cast: { number: (n) => String(n) } },
  );
}

const CHUNK = 1 << 20;
/** A record still open after this many bytes has an unclosed quote, not a long field. */
const MAX_RECORD = 64 << 20;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * A CSV file read as bytes, record by record, with no object per record: the reader holds the
 * byte range of each requested column of the current record in `start`/`end` (into `data`), and
 * the caller decodes only the fields it needs (`text`) or interns their bytes directly. This is
 * what makes a million-row codings file cheap to read; `readCsv` below keeps the object-per-record
 * form for callers that want it.
 *
 * RFC 4180 as csv-parse reads it with llo's options (header row, comma, double quotes with ""
 * escapes, quoted fields spanning lines, LF or CRLF line ends — or CR alone, as classic Mac files
 * have — empty lines skipped, every record as wide as the header, a UTF-8 BOM accepted). Plain and
 * well-formed quoted fields are parsed here; a record that breaks the rules is handed to csv-parse,
 * whose verdict (usually its error message) is then reported with this reader's line number.
 *
 * Use: `const csv = await CsvReader.open(file, ['unit', 'coder', 'value']);` then
 * `while (await csv.fill()) while (csv.next()) { … csv.text(0) … }`.
 */
export class CsvReader {
  /** The header's column names, trimmed. */
  header: string[] = [];
  /** Per requested column: its index in the header, or -1 when an optional column is absent. */
  readonly columns: number[] = [];
  /** The bytes the current record's fields point into (the read buffer, or a scratch copy). */
  data: Buffer = Buffer.alloc(0);
  /** Per requested column: the current record's field as the byte range [start, end) of `data`. */
  start: Int32Array;
  end: Int32Array;
  /** 1-based line of the current record's first line. */
  line = 0;
  /** The file's size in bytes (callers size their arrays from it). */
  size = 0;

  private fd: FileHandle | undefined;
  private buf = Buffer.alloc(0);
  /** The file offset of `buf[0]`. */
  private base = 0;
  /** The read buffers: `whole` holds `buf`, `spare` is the next one to fill. */
  private whole = Buffer.alloc(0);
  private spare = Buffer.alloc(0);
  private pos = 0;
  private eof = false;
  private eol = LF;
  /**
   * The field separator: a comma, the semicolon of a spreadsheet saved in a Dutch (or German…)
   * locale, or a tab (a spreadsheet's "text, tab-delimited", or a table copied out of one).
   */
  private sep = COMMA;
  /** The separator, as read from the header line. */
  get separator(): string {
    return String.fromCharCode(this.sep);
  }
  /** Header field index → requested column slot, or -1 (not requested). */
  private slotOf = new Int32Array(0);
  private width = 0;
  /** Lines consumed before `pos` (the next record starts on line `linesBefore + 1`). */
  private linesBefore = 0;
  /** Field bounds of the record being parsed, by header field index (reused). */
  private fs = new Int32Array(0);
  private fe = new Int32Array(0);
  private escaped = new Uint8Array(0);
  /** While the header is read: every field is kept, as text, whatever the width. */
  private headerMode = false;
  private headerNames: string[] = [];

  private constructor(
    readonly file: string,
    private readonly wanted: readonly string[],
    private readonly optional: readonly string[],
    private readonly all: boolean,
    private readonly chunk: number,
  ) {
    this.start = new Int32Array(0);
    this.end = new Int32Array(0);
  }

  /**
   * Opens a CSV file and reads its header. `required` columns must be present (LLO_CSV_HEADER
   * otherwise), `optional` ones are read when present; with `all`, every header column is a
   * requested column, in header order. Duplicate column names are refused: llo would not know
   * which of the two to read.
   */
  static async open(
    file: string,
    required: readonly string[],
    options: { optional?: readonly string[]; all?: boolean; chunkSize?: number } = {},
  ): Promise<CsvReader> {
    const reader = new CsvReader(
      file,
      required,
      options.optional ?? [],
      options.all ?? false,
      options.chunkSize ?? CHUNK,
    );
    try {
      reader.fd = await open(file, 'r');
      reader.size = (await reader.fd.stat()).size;
    } catch (err) {
      await reader.close();
      throw fileError(err, file);
    }
    try {
      await reader.readHeader();
    } catch (err) {
      await reader.close();
      throw err;
    }
    return reader;
  }

  /** Reads more of the file; false when every record has been read (the file is then closed). */
  async fill(): Promise<boolean> {
    if (this.eof || !this.fd) {
      await this.close();
      return false;
    }
    const rest = this.buf.length - this.pos;
    if (rest > MAX_RECORD)
      throw this.error('LLO_CSV', 'malformed CSV: a record runs on for more than 64 MB (is a quote not closed?)');
    // Two buffers take turns (the fields of the last record must survive the copy of the rest):
    // a fresh megabyte per read would make the garbage collector run for the external memory.
    let next = this.spare;
    if (next.length < rest + this.chunk) next = Buffer.allocUnsafe(rest + this.chunk);
    this.spare = this.whole;
    this.buf.copy(next, 0, this.pos);
    this.whole = next;
    let read: number;
    try {
      ({ bytesRead: read } = await this.fd.read(next, rest, this.chunk, null));
    } catch (err) {
      await this.close();
      throw fileError(err, this.file);
    }
    this.buf = next.subarray(0, rest + read);
    this.base += this.pos;
    this.pos = 0;
    if (read === 0) this.eof = true;
    if (this.eof && this.buf.length === 0) {
      await this.close();
      return false;
    }
    return true;
  }

  /** Moves to the next complete record in the buffer; false when `fill` must read more first. */
  next(): boolean {
    const buf = this.buf;
    const eol = this.eol;
    let pos = this.pos;
    // Skip empty lines (csv-parse's skip_empty_lines).
    for (;;) {
      if (pos >= buf.length) {
        this.pos = pos;
        return false;
      }
      const b = buf[pos];
      if (b === eol) {
        pos++;
        this.linesBefore++;
      } else if (b === CR && eol === LF && (pos + 1 < buf.length ? buf[pos + 1] === LF : !this.eof)) {
        if (pos + 1 >= buf.length) {
          this.pos = pos;
          return false;
        }
        pos += 2;
        this.linesBefore++;
      } else break;
    }
    this.pos = pos;
    if (this.headerMode) this.headerNames.length = 0;
    // A plain line, split at the commas in one pass; a quote hands the record to quotedRecord.
    // Locals, not properties, in the byte loop: V8 then keeps them in registers.
    const { slotOf, sep, start, end } = this;
    const width = this.headerMode ? 0 : this.width;
    let field = 0;
    let from = pos;
    let i = pos;
    for (; i < buf.length; i++) {
      const b = buf[i];
      if (b === sep) {
        if (field < width) {
          const slot = slotOf[field]!;
          if (slot >= 0) {
            start[slot] = from;
            end[slot] = i;
          }
        } else if (this.headerMode) this.headerNames.push(buf.toString('utf8', from, i));
        field++;
        from = i + 1;
      } else if (b === eol) break;
      else if (b === QUOTE) return this.quotedRecord();
    }
    if (i === buf.length && !this.eof) return false;
    const contentEnd = eol === LF && i > from && buf[i - 1] === CR ? i - 1 : i;
    if (field < width) {
      const slot = slotOf[field]!;
      if (slot >= 0) {
        this.start[slot] = from;
        this.end[slot] = contentEnd;
      }
    } else if (this.headerMode) this.headerNames.push(buf.toString('utf8', from, contentEnd));
    field++;
    this.data = buf;
    this.line = this.linesBefore + 1;
    this.linesBefore++;
    this.pos = i + 1;
    if (field !== this.width && !this.headerMode) this.throwWidth(field);
    return true;
  }

  /** The file offset of the first byte not yet read as a record (after the header: where the records start). */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Lines read so far (the next record starts on line `linesRead + 1`). */
  get linesRead(): number {
    return this.linesBefore;
  }

  /** The byte that ends a line in this file: LF (also for CR LF), or CR for classic Mac files. */
  get lineEnd(): number {
    return this.eol;
  }

  /**
   * A reader over records already in memory (a batch cut from a file at record ends, see
   * src/io/record-batches.ts): the header, line end and line count of the file they come from are
   * given (and its separator, as read from its header), so fields, errors and line numbers are
   * those of the file.
   */
  static fromBytes(
    file: string,
    required: readonly string[],
    header: readonly string[],
    bytes: Uint8Array,
    at: { lineEnd: number; linesBefore: number; separator?: string },
  ): CsvReader {
    const reader = new CsvReader(file, required, [], false, CHUNK);
    reader.eol = at.lineEnd;
    reader.sep = (at.separator ?? ',').charCodeAt(0);
    reader.useHeader([...header]);
    reader.buf = Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
    reader.eof = true;
    reader.linesBefore = at.linesBefore;
    return reader;
  }

  /** The current record's value of requested column `i` ('' when an optional column is absent). */
  text(i: number): string {
    return this.data.toString('utf8', this.start[i], this.end[i]);
  }

  /** True when the field is empty or only white space (a blank spreadsheet cell). */
  blank(i: number): boolean {
    const data = this.data;
    for (let p = this.start[i]!, e = this.end[i]!; p < e; p++) {
      const b = data[p]!;
      if (b === 32 || b === 9) continue;
      if (b < 128 && b !== 13 && b !== 10 && b !== 11 && b !== 12) return false;
      return this.text(i).trim() === '';
    }
    return true;
  }

  /** An LloError at the current record's line. */
  error(code: string, message: string): LloError {
    return new LloError(code, message, { file: this.file, line: this.line || this.linesBefore + 1 });
  }

  async close(): Promise<void> {
    const fd = this.fd;
    this.fd = undefined;
    await fd?.close().catch(() => undefined);
  }

  private throwWidth(got: number): never {
    throw this.error('LLO_CSV', `malformed CSV: expected ${this.width} fields as in the header, got ${got}`);
  }

  /**
   * A record with a quote in it. First its fields are found without touching the buffer (so that
   * running out of data costs nothing but a retry after `fill`), then escaped quotes are undone in
   * place. A record that breaks the quoting rules goes to csv-parse.
   */
  private quotedRecord(): boolean {
    if (this.headerMode) this.headerNames.length = 0;
    const buf = this.buf;
    const eol = this.eol;
    const start = this.pos;
    let i = start;
    let field = 0;
    let lines = 0;
    for (;;) {
      if (field >= this.fs.length) this.growFields(field + 1);
      if (i < buf.length && buf[i] === QUOTE) {
        let j = i + 1;
        let escaped = 0;
        for (;;) {
          const q = buf.indexOf(QUOTE, j);
          if (q < 0) return this.eof ? this.fallback(start, buf.length) : false;
          if (q + 1 >= buf.length && !this.eof) return false;
          if (buf[q + 1] === QUOTE) {
            escaped = 1;
            j = q + 2;
            continue;
          }
          for (let n = buf.indexOf(eol, i + 1); n >= 0 && n < q; n = buf.indexOf(eol, n + 1)) lines++;
          this.fs[field] = i + 1;
          this.fe[field] = q;
          this.escaped[field] = escaped;
          i = q + 1;
          break;
        }
      } else {
        let j = i;
        while (j < buf.length && buf[j] !== this.sep && buf[j] !== eol && buf[j] !== QUOTE) j++;
        if (j < buf.length && buf[j] === QUOTE) return this.fallback(start, this.recordExtent(start));
        let end = j;
        if (eol === LF && end > i && buf[end - 1] === CR && (j >= buf.length || buf[j] === eol)) end--;
        this.fs[field] = i;
        this.fe[field] = end;
        this.escaped[field] = 0;
        i = j;
      }
      field++;
      // After a field: a comma, the end of the line, or the end of the file.
      if (i >= buf.length) {
        if (!this.eof) return false;
        break;
      }
      const c = buf[i];
      if (c === this.sep) {
        i++;
        continue;
      }
      if (c === eol) {
        i++;
        break;
      }
      if (eol === LF && c === CR && i + 1 < buf.length && buf[i + 1] === LF) {
        i += 2;
        break;
      }
      if (eol === LF && c === CR && i + 1 >= buf.length && !this.eof) return false;
      return this.fallback(start, this.recordExtent(start));
    }
    for (let f = 0; f < field && (f < this.width || this.headerMode); f++) {
      const slot = this.headerMode ? -1 : this.slotOf[f]!;
      if (slot < 0 && !this.headerMode) continue;
      const from = this.fs[f]!;
      const to = this.escaped[f] ? unescapeInPlace(buf, from, this.fe[f]!) : this.fe[f]!;
      if (this.headerMode) this.headerNames.push(buf.toString('utf8', from, to));
      else {
        this.start[slot] = from;
        this.end[slot] = to;
      }
    }
    this.data = buf;
    this.line = this.linesBefore + 1;
    this.linesBefore += 1 + lines;
    this.pos = i;
    if (field !== this.width && !this.headerMode) this.throwWidth(field);
    return true;
  }

  /** The end of a record by the rule that a line end inside quotes does not end it. */
  private recordExtent(start: number): number {
    const buf = this.buf;
    let quoted = false;
    for (let i = start; i < buf.length; i++) {
      const b = buf[i];
      if (b === QUOTE) quoted = !quoted;
      else if (b === this.eol && !quoted) return i + 1;
    }
    return buf.length;
  }

  /** csv-parse's reading of a record llo's fast path would not take. */
  private fallback(start: number, end: number): boolean {
    if (end >= this.buf.length && !this.eof) return false;
    const text = this.buf.subarray(start, end);
    this.line = this.linesBefore + 1;
    let records: string[][];
    try {
      records = parse(text, {
        bom: false,
        relax_column_count: true,
        skip_empty_lines: true,
        delimiter: String.fromCharCode(this.sep),
      });
    } catch (err) {
      const message = (err as Error).message.replace(/^[A-Z][A-Za-z ]*: /u, '').replace(/ (at|on) line \d+/gu, '');
      throw this.error('LLO_CSV', `malformed CSV: ${message}`);
    }
    if (records.length !== 1) throw this.error('LLO_CSV', 'malformed CSV: a quote is not closed where it should be');
    const fields = records[0]!;
    if (this.headerMode) this.headerNames.push(...fields);
    const pieces = fields.map((f) => Buffer.from(f, 'utf8'));
    let at = 0;
    for (let f = 0; f < fields.length && f < this.width && !this.headerMode; f++) {
      const slot = this.slotOf[f]!;
      if (slot >= 0) {
        this.start[slot] = at;
        this.end[slot] = at + pieces[f]!.length;
      }
      at += pieces[f]!.length;
    }
    this.data = Buffer.concat(pieces);
    let lines = 0;
    for (let n = text.indexOf(this.eol); n >= 0 && n < text.length - 1; n = text.indexOf(this.eol, n + 1)) lines++;
    this.linesBefore += 1 + lines;
    this.pos = end;
    if (fields.length !== this.width && !this.headerMode) this.throwWidth(fields.length);
    return true;
  }

  private growFields(n: number): void {
    const size = Math.max(n, this.fs.length * 2, 16);
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (k: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.fs = grow(this.fs, (k) => new Int32Array(k));
    this.fe = grow(this.fe, (k) => new Int32Array(k));
    this.escaped = grow(this.escaped, (k) => new Uint8Array(k));
  }

  private async readHeader(): Promise<void> {
    if (!(await this.fill())) throw this.emptyFile();
    // Read on until the BOM and the first line end (with the byte after a CR) can be seen.
    const lineEndSeen = () => {
      const lf = this.buf.indexOf(LF);
      const cr = this.buf.indexOf(CR);
      return this.buf.length >= 3 && (lf >= 0 || (cr >= 0 && cr + 1 < this.buf.length));
    };
    while (!this.eof && !lineEndSeen()) await this.fill();
    if (this.buf.length >= 3 && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) this.pos = 3;
    // Line ends as csv-parse discovers them: the first CR or LF decides (CR LF counts as LF).
    const lf = this.buf.indexOf(LF, this.pos);
    const cr = this.buf.indexOf(CR, this.pos);
    if (cr >= 0 && (lf < 0 || cr < lf) && this.buf[cr + 1] !== LF) this.eol = CR;
    // Excel in a locale with a decimal comma (Dutch among them) saves "CSV" with semicolons: a
    // header line with semicolons and no comma is read that way; one with tabs and neither comma
    // nor semicolon is tab-separated. Every CSV llo reads is read here, so all agree.
    const lineEnd = [lf, cr].filter((x) => x >= 0).reduce((a, b) => Math.min(a, b), this.buf.length);
    const headerLine = this.buf.subarray(this.pos, lineEnd);
    if (!headerLine.includes(COMMA) && headerLine.includes(SEMICOLON)) this.sep = SEMICOLON;
    else if (!headerLine.includes(COMMA) && headerLine.includes(TAB)) this.sep = TAB;
    this.headerMode = true;
    let found = false;
    while (!found) {
      if (this.next()) found = true;
      else if (!(await this.fill())) break;
    }
    this.headerMode = false;
    if (!found) throw this.emptyFile();
    this.useHeader(this.headerNames.map((h) => h.trim()));
  }

  /** Checks the header's names and maps the requested columns onto it. */
  private useHeader(header: string[]): void {
    this.header = header;
    const seen = new Map<string, number>();
    header.forEach((name, i) => {
      const first = seen.get(name);
      if (name !== '' && first !== undefined)
        throw this.error(
          'LLO_CSV_HEADER',
          `the column "${name}" appears twice in the header (columns ${first + 1} and ${i + 1}); llo would not know which to read`,
        );
      seen.set(name, i);
    });
    const missing = this.wanted.filter((c) => !seen.has(c));
    if (missing.length > 0)
      throw this.error(
        'LLO_CSV_HEADER',
        `missing column(s) ${missing.join(', ')}; the header must have ${this.wanted.join(',')}` +
          (this.sep === SEMICOLON
            ? ' (read with ";" as the separator, as a spreadsheet in a Dutch locale saves CSV)'
            : this.sep === TAB
              ? ' (read with a tab as the separator)'
              : ''),
      );
    const names = this.all ? header : [...this.wanted, ...this.optional];
    this.columns.push(...(this.all ? header.map((_, i) => i) : names.map((c) => seen.get(c) ?? -1)));
    this.width = header.length;
    this.slotOf = new Int32Array(this.width).fill(-1);
    this.columns.forEach((h, slot) => {
      if (h >= 0 && this.slotOf[h] === -1) this.slotOf[h] = slot;
    });
    this.start = new Int32Array(names.length);
    this.end = new Int32Array(names.length);
  }

  private emptyFile(): LloError {
    return new LloError('LLO_EMPTY_FILE', 'the CSV file is empty (no header row)', { file: this.file });
  }
}

/** In-place undoing of "" escapes in a quoted field's content [from, to); returns the new end. */
function unescapeInPlace(buf: Buffer, from: number, to: number): number {
  let w = from;
  for (let r = from; r < to; r++, w++) {
    buf[w] = buf[r]!;
    if (buf[r] === QUOTE) r++;
  }
  return w;
}

export interface CsvRecord {
  /** 1-based line of the record's first line in the file. */
  line: number;
  values: Record<string, string>;
}

/**
 * Streams the records of a CSV file with a header row as objects. Checks the header against the
 * columns the caller needs; every error names the file and line. A BOM (as Excel writes) is
 * accepted. For large files prefer `CsvReader`, which makes no object per record.
 */
export async function* readCsv(
  file: string,
  required: readonly string[],
  options: { chunkSize?: number } = {},
): AsyncGenerator<CsvRecord> {
  const csv = await CsvReader.open(file, required, { ...options, all: true });
  try {
    while (await csv.fill())
      while (csv.next()) {
        const values: Record<string, string> = {};
        csv.header.forEach((h, i) => (values[h] = csv.text(i)));
        yield { line: csv.line, values };
      }
  } finally {
    await csv.close();
  }
}
