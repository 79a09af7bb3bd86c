import type { Codebook } from '../codebook/schema.js';
import { REQUIRED_CODING_COLUMNS, type Coding, type CodingRow } from './codings.js';
import { invalidCodings, validateCodings } from './validate.js';
import { SEGMENT_COLUMNS } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { ByteKeys, grown } from '../io/byte-keys.js';
import { CsvReader } from '../io/csv.js';

/**
 * The segments file and the coders' codings files, streamed into integers: segment ids and
 * documents interned, each coder's codes on a segment one bitset, no row kept. What agreement and
 * the tables need of a million segments and two million codings then fits in tens of megabytes.
 * Every row is checked against the codebook and the segments as it passes (the rare row with a
 * problem is worded by `validateCodings`), and problems are refused in the one format of
 * `invalidCodings`.
 */
export interface CodingsInput {
  /** The compared coders, in order (as given, or as they first appear in the files); with `pool`, one: "*". */
  coders: string[];
  /** Every coder named in the files, in order of first appearance. */
  present: string[];
  /** Rows read, over all files. */
  rows: number;
  /** Per code (codebook order): rows that apply it, over all files and coders. */
  codeRows: Uint32Array;
  /** Code ids in codebook order; bit i of a bitset is codes[i]. */
  codes: string[];
  /** 32-bit words per bitset. */
  words: number;
  /** Records of the segments file, in file order: their segment id (interned) and document. */
  records: number;
  recordSegment: Int32Array;
  recordDocument: Int32Array;
  recordStart: Float64Array;
  recordEnd: Float64Array;
  /** Document ids in order of first appearance in the segments file. */
  documents: string[];
  segmentName(id: number): string;
  /** Word w of the bitset of the codes coder c gave segment id s (0 when none): no view is made. */
  codeWord(c: number, s: number, w: number): number;
  /** Per coder, the documents that appear in the coder's codings (coded by the coder). */
  codedBy: Uint8Array[];
  /** With character units: each coder's spans (only then, and only codings with a code). */
  spans?: Coding[][];
  /** With disagreements: the first coding's evidence and memo per coder, segment and code. */
  notes?: Map<string, { evidence: string; memo: string }>;
}

export interface CodingsInputOptions {
  files: readonly string[];
  segments: string;
  coders?: readonly string[];
  spans?: boolean;
  notes?: boolean;
  /** All coders' codes in one bitset per segment (the tables count a segment coded by anyone). */
  pool?: boolean;
}

/** A key for `CodingsInput.notes`. */
export const noteKey = (coder: number, segment: number, code: number): string => `${coder}:${segment}:${code}`;

export async function readCodingsInput(codebook: Codebook, options: CodingsInputOptions): Promise<CodingsInput> {
  const segments = await readSegmentIndex(options.segments);
  const codes = codebook.codes.map((c) => c.id);
  const codeIndex = new Map(codes.map((c, i) => [c, i]));
  const words = Math.max(1, Math.ceil(codes.length / 32));
  const given = options.pool ? ['*'] : options.coders;
  const coderNames: string[] = given ? [...given] : [];
  const present: string[] = [];
  // Per coder: slot of each segment id in its bitset store (-1: no codes), and the store.
  const slotOf: Int32Array[] = [];
  const bits: Uint32Array[] = [];
  const slots: number[] = [];
  const codedBy: Uint8Array[] = [];
  const addCoder = (): void => {
    slotOf.push(new Int32Array(segments.keys.size).fill(-1));
    bits.push(new Uint32Array(words * 1024));
    slots.push(0);
    codedBy.push(new Uint8Array(segments.documents.length));
  };
  coderNames.forEach(addCoder);
  const spans: Coding[][] | undefined = options.spans ? coderNames.map(() => []) : undefined;
  const notes = options.notes ? new Map<string, { evidence: string; memo: string }>() : undefined;
  const problems: { file: string; line: number; message: string }[] = [];
  let rows = 0;
  const codeRows = new Uint32Array(codes.length);

  for (const file of options.files) {
    // The requested columns are the nine required ones of CODING_COLUMNS, in that order.
    const csv = await CsvReader.open(file, REQUIRED_CODING_COLUMNS);
    const [CODER, DOCUMENT, SEGMENT, START, END, CODE, ORIGIN, EVIDENCE, MEMO] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
    // Texts that repeat (coders, codes, origins) are interned per file and classified once.
    const coderKeys = new ByteKeys();
    const coderSlot: number[] = []; // per coder name: the compared coder's index, or -1
    const coderBlank: boolean[] = [];
    const rawCodes = new ByteKeys();
    const codeOf: number[] = []; // per code text: codebook index, -1 for '', -2 unknown
    const origins = new ByteKeys();
    const originOf: string[] = [];
    const at = (message: string) => new LloError('LLO_CODINGS_ROW', message, { file, line: csv.line });
    // The previous row's ids: rows of a codings file come sorted, so most fields repeat or come next.
    let [coderId, originId, segment, document] = [-1, -1, -1, -1];
    while (await csv.fill())
      while (csv.next()) {
        rows++;
        const { data, start, end } = csv;
        if (start[SEGMENT] === end[SEGMENT]) throw at('the segment column is empty');
        const from = wholeNumber(data, start[START]!, end[START]!);
        const to = wholeNumber(data, start[END]!, end[END]!);
        if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from)
          throw at(
            `start and end must be whole numbers with start ≤ end, got ${JSON.stringify(csv.text(START))} and ${JSON.stringify(csv.text(END))}`,
          );
        originId = origins.near(originId, data, start[ORIGIN]!, end[ORIGIN]!);
        if (originId === originOf.length) originOf.push(origins.text(originId));
        const origin = originOf[originId]!;
        if (origin !== '' && origin !== 'auto' && origin !== 'manual')
          throw at(`origin must be auto or manual, got "${origin}"`);

        coderId = coderKeys.near(coderId, data, start[CODER]!, end[CODER]!);
        if (coderId === coderSlot.length) {
          const name = coderKeys.text(coderId);
          coderBlank.push(name.trim() === '');
          if (!present.includes(name)) present.push(name);
          let slot = options.pool ? 0 : coderNames.indexOf(name);
          if (slot < 0 && !given) {
            slot = coderNames.push(name) - 1;
            addCoder();
            spans?.push([]);
          }
          coderSlot.push(slot);
        }
        const codeId = rawCodes.id(data, start[CODE]!, end[CODE]!);
        if (codeId === codeOf.length) {
          const text = rawCodes.text(codeId).trim();
          codeOf.push(text === '' ? -1 : (codeIndex.get(text) ?? -2));
        }
        const code = codeOf[codeId]!;
        segment = segments.keys.near(segment, data, start[SEGMENT]!, end[SEGMENT]!, false, 8);
        document = segments.documentKeys.near(document, data, start[DOCUMENT]!, end[DOCUMENT]!, false);
        if (
          coderBlank[coderId] ||
          code === -2 ||
          segment < 0 ||
          document !== segments.document[segment] ||
          from < segments.start[segment]! ||
          to > segments.end[segment]!
        ) {
          // Rare: let the one validator of codings word the problems.
          const row: CodingRow = {
            line: csv.line,
            coder: coderKeys.text(coderId),
            document: csv.text(DOCUMENT),
            segment: csv.text(SEGMENT),
            start: from,
            end: to,
            code: rawCodes.text(codeId).trim(),
            origin: origin === 'auto' ? 'auto' : 'manual',
            evidence: '',
            memo: '',
          };
          const index = new Map(
            segment < 0
              ? []
              : [
                  [
                    row.segment,
                    {
                      document: segments.documents[segments.document[segment]!]!,
                      start: segments.start[segment]!,
                      end: segments.end[segment]!,
                      hash: '',
                    },
                  ],
                ],
          );
          for (const p of validateCodings([row], codebook, index)) problems.push({ file, ...p });
          continue;
        }
        const c = coderSlot[coderId]!;
        if (c < 0 || c >= 31) continue;
        codedBy[c]![segments.document[segment]!] = 1;
        if (code < 0) continue;
        codeRows[code]!++;
        let slot = slotOf[c]![segment]!;
        if (slot < 0) {
          slot = slotOf[c]![segment] = slots[c]!++;
          if ((slot + 1) * words > bits[c]!.length) bits[c] = grown(bits[c]!, bits[c]!.length * 2);
        }
        bits[c]![slot * words + (code >> 5)]! |= 1 << (code & 31);
        if (spans && to > from)
          spans[c]!.push({
            coder: coderKeys.text(coderId),
            document: segments.documents[segments.document[segment]!]!,
            segment: csv.text(SEGMENT),
            start: from,
            end: to,
            code: codes[code]!,
            origin: origin === 'auto' ? 'auto' : 'manual',
            evidence: '',
            memo: '',
          });
        if (notes) {
          const key = noteKey(c, segment, code);
          if (!notes.has(key)) notes.set(key, { evidence: csv.text(EVIDENCE), memo: csv.text(MEMO) });
        }
      }
  }

  if (problems.length > 0) throw invalidCodings(problems);
  return {
    coders: coderNames,
    present,
    rows,
    codeRows,
    codes,
    words,
    records: segments.records,
    recordSegment: segments.recordSegment,
    recordDocument: segments.recordDocument,
    recordStart: segments.recordStart,
    recordEnd: segments.recordEnd,
    documents: segments.documents,
    segmentName: (id) => segments.keys.text(id),
    codeWord: (c, s, w) => {
      const slot = slotOf[c]![s]!;
      return slot < 0 ? 0 : bits[c]![slot * words + w]!;
    },
    codedBy,
    ...(spans ? { spans } : {}),
    ...(notes ? { notes } : {}),
  };
}

/** A whole number from its digits without making a string; anything else as Number() reads it. */
function wholeNumber(data: Buffer, start: number, end: number): number {
  if (end > start && end - start <= 15) {
    let v = 0;
    let i = start;
    for (; i < end; i++) {
      const d = data[i]! - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === end) return v;
  }
  return Number(data.toString('utf8', start, end));
}

/** The segments file as an index: segment ids interned, per id its document and span (the last record wins). */
async function readSegmentIndex(file: string) {
  const csv = await CsvReader.open(file, SEGMENT_COLUMNS);
  // The requested columns are SEGMENT_COLUMNS, in that order.
  const [DOCUMENT, SEGMENT, START, END] = (['document', 'segment', 'start', 'end'] as const).map((c) =>
    SEGMENT_COLUMNS.indexOf(c),
  ) as [number, number, number, number];
  // Records take some 40 bytes or more: size the arrays from the file so they rarely grow.
  let size = Math.max(1024, Math.min(Math.ceil(csv.size / 40), 1 << 24));
  const keys = new ByteKeys(size);
  const documentKeys = new ByteKeys();
  let recordSegment = new Int32Array(size);
  let recordDocument = new Int32Array(size);
  let recordStart = new Float64Array(size);
  let recordEnd = new Float64Array(size);
  let document = new Int32Array(size);
  let start = new Float64Array(size);
  let end = new Float64Array(size);
  let records = 0;
  let doc = -1;
  while (await csv.fill())
    while (csv.next()) {
      const from = wholeNumber(csv.data, csv.start[START]!, csv.end[START]!);
      const to = wholeNumber(csv.data, csv.start[END]!, csv.end[END]!);
      if (!Number.isInteger(from) || !Number.isInteger(to))
        throw new LloError('LLO_SEGMENTS_ROW', 'start and end must be whole numbers', { file, line: csv.line });
      if (records === size) {
        size *= 2;
        recordSegment = grown(recordSegment, size);
        recordDocument = grown(recordDocument, size);
        recordStart = grown(recordStart, size);
        recordEnd = grown(recordEnd, size);
      }
      const id = keys.id(csv.data, csv.start[SEGMENT]!, csv.end[SEGMENT]!);
      doc = documentKeys.near(doc, csv.data, csv.start[DOCUMENT]!, csv.end[DOCUMENT]!);
      if (id >= document.length) {
        document = grown(document, document.length * 2);
        start = grown(start, start.length * 2);
        end = grown(end, end.length * 2);
      }
      document[id] = doc;
      start[id] = from;
      end[id] = to;
      recordSegment[records] = id;
      recordDocument[records] = doc;
      recordStart[records] = from;
      recordEnd[records] = to;
      records++;
    }
  return {
    keys,
    documentKeys,
    documents: documentKeys.texts(),
    document,
    start,
    end,
    records,
    recordSegment,
    recordDocument,
    recordStart,
    recordEnd,
  };
}
