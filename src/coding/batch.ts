import { segmentOf } from '../corpus/read-segments.js';
import { SEGMENT_COLUMNS, type Segment } from '../corpus/segments.js';
import { CsvReader } from '../io/csv.js';
import { csvField } from '../io/csv-field.js';
import type { CodebookOrigin } from '../codebook/load.js';
import type { Codebook } from '../codebook/schema.js';
import type { AutoCoder } from './auto.js';
import type { SerializedModel } from './learn/model.js';
import { compareCodings, type Coding } from './codings.js';

/**
 * What coding one batch of segments gives: the rows of the codings file and of its hashes file as
 * UTF-8 bytes, ready to be written (a worker hands them over without a copy), and the counts of
 * the run's summary. Rows are built as strings, not as arrays for csv-stringify (llo issue 15).
 */
export interface BatchResult {
  codings: Uint8Array;
  hashes: Uint8Array;
  segments: number;
  codedSegments: number;
  autoCodings: number;
  perCode: Record<string, number>;
  /** The batch's documents, in order of first appearance (the order of the manual rows left over). */
  documents: string[];
  /** Segments whose manual rows were written with the batch. */
  manualWritten: string[];
  /** Segments the coder decided by hand: coded (for context) but given no automatic rows. */
  manualSegments: number;
}

/** The manual rows of a codings file by segment, and the segments its coder decided by hand. */
export interface ManualRows {
  rows: Map<string, Coding[]>;
  decided: Set<string>;
  count: number;
}

/** The segments of a batch of records of a segments file, checked as `readSegments` checks them. */
export function segmentsOfBatch(
  file: string,
  header: readonly string[],
  lineEnd: number,
  bytes: Uint8Array,
  linesBefore: number,
  separator = ',',
): Segment[] {
  const csv = CsvReader.fromBytes(file, SEGMENT_COLUMNS, header, bytes, { lineEnd, linesBefore, separator });
  const out: Segment[] = [];
  while (csv.next()) out.push(segmentOf((i) => csv.text(i), file, csv.line));
  return out;
}

/**
 * A batch of work: records of a segments file (the worker parses them) or segments from ingest,
 * each with the segment before it, the context of its first segment (issue 11).
 */
export type CodeInput =
  { records: RecordSlice; previous: RecordSlice | undefined } | { segments: Segment[]; previous: Segment | undefined };

/** Records of a segments file, and the lines of the file before them. */
export interface RecordSlice {
  bytes: Uint8Array;
  linesBefore: number;
}

/** Where the records of `CodeInput` come from: the file and its header, to parse them as the file. */
export interface RecordSource {
  file: string;
  header: string[];
  lineEnd: number;
  separator: string;
}

/** The segments of one input, and the segment before them. */
export function inputSegments(
  input: CodeInput,
  source: RecordSource | undefined,
): { segments: Segment[]; previous: Segment | undefined } {
  if ('segments' in input) return input;
  const parse = (r: RecordSlice) =>
    segmentsOfBatch(source!.file, source!.header, source!.lineEnd, r.bytes, r.linesBefore, source!.separator);
  return { segments: parse(input.records), previous: input.previous ? parse(input.previous)[0] : undefined };
}

/** What a worker of `llo code --jobs N` is set up with (once). */
export interface CodeWorkerSetup {
  codebook: Codebook;
  /** The codebook's file and text (a clone of the codebook loses the link to them). */
  origin: CodebookOrigin | undefined;
  coder: string;
  minConfidence: number;
  model?: SerializedModel | undefined;
  manual: [string, Coding[]][];
  decided: string[];
  source: RecordSource | undefined;
}

/**
 * Codes batches of segments in document order with one `AutoCoder` (which carries the context of
 * a segment over to the next) and turns the codings into the rows of the codings file. Manual rows
 * already in that file (`manual`, by segment) are written with their segment, in the file's order.
 */
export class BatchCoder {
  constructor(
    private readonly auto: Pick<AutoCoder, 'code' | 'prime'>,
    private readonly coder: string,
    /** Taken over: a segment's rows are written once, with its first occurrence. */
    private readonly manual: Map<string, readonly Coding[]> = new Map(),
    /** Segments the coder decided by hand (hand decisions are final). */
    private readonly decided: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * Codes one batch. `previous`: the segment before the batch, for a coder that did not code it
   * (a worker); leave it out where the same coder coded the batch before.
   */
  code(segments: readonly Segment[], previous?: { segment: Segment | undefined }): BatchResult {
    if (previous) this.auto.prime(previous.segment);
    let codings = '';
    let hashes = '';
    const result: Omit<BatchResult, 'codings' | 'hashes'> = {
      segments: segments.length,
      codedSegments: 0,
      autoCodings: 0,
      perCode: {},
      documents: [],
      manualWritten: [],
      manualSegments: 0,
    };
    let document: string | undefined;
    for (const segment of segments) {
      if (segment.document !== document) {
        document = segment.document;
        if (!result.documents.includes(document)) result.documents.push(document);
      }
      const coded = this.auto.code(segment, this.coder);
      const byHand = this.decided.size > 0 && this.decided.has(segment.segment);
      const rows = byHand ? [] : coded;
      if (byHand) result.manualSegments++;
      const kept = this.manual.size > 0 ? this.manual.get(segment.segment) : undefined;
      if (kept) {
        result.manualWritten.push(segment.segment);
        this.manual.delete(segment.segment);
      }
      // Rows of one segment share its document, so the order needs no document order.
      const all = kept ? [...rows, ...kept].sort(compareCodings(new Map())) : rows;
      if (all.length > 0) {
        for (const r of all) codings += codingRow(r);
        hashes += `${field(segment.segment)},${field(segment.hash)}\n`;
      }
      if (rows.length > 0) result.codedSegments++;
      result.autoCodings += rows.length;
      for (const r of rows) result.perCode[r.code] = (result.perCode[r.code] ?? 0) + 1;
    }
    // Each in a buffer of its own (never Node's shared pool), so that a worker can hand it over.
    return { ...result, codings: encoder.encode(codings), hashes: encoder.encode(hashes) };
  }
}

const encoder = new TextEncoder();

/** A row of the codings file (CODING_COLUMNS), byte for byte as `csvRows` (csv-stringify) writes it. */
export function codingRow(c: Coding): string {
  return `${field(c.coder)},${field(c.document)},${field(c.segment)},${c.start},${c.end},${field(c.code)},${field(c.origin)},${field(c.evidence)},${field(c.memo)},${c.confidence === undefined ? '' : String(c.confidence)},${c.rule === undefined ? '' : field(c.rule)}\n`;
}

/**
 * A field as the codings file's csv-stringify writes it (record delimiter "unix"): a carriage
 * return alone, which a memo typed in a spreadsheet may hold, is not quoted.
 */
const field = (value: string): string => csvField(value, false);
