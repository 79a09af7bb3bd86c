import { LloError } from '../errors.js';
import { CsvReader } from '../io/csv.js';

/**
 * The codings file: one row per code applied to a segment (or a span of it) by a coder. Written by
 * `llo code`, by a human coder in a session, or by hand in a spreadsheet. A row with an empty code
 * records that the coder read the segment and found no role in it.
 */
export const CODING_COLUMNS = [
  'coder',
  'document',
  'segment',
  'start',
  'end',
  'code',
  'origin',
  'evidence',
  'memo',
  'confidence',
  'rule',
] as const;

/** The columns every codings file must have; `confidence` and `rule` are optional (hand-made and older files lack them). */
export const REQUIRED_CODING_COLUMNS = CODING_COLUMNS.slice(0, 9);

export type Origin = 'auto' | 'manual';

export interface Coding {
  coder: string;
  document: string;
  segment: string;
  start: number;
  end: number;
  /** Empty: the segment was coded and no code applies. */
  code: string;
  origin: Origin;
  evidence: string;
  memo: string;
  /** For `auto`: how strong the evidence is, 0–1 (see src/coding/decide.ts); absent for hand codings. */
  confidence?: number;
  /** For `auto`: the rule that decided, e.g. "agent: clause, subject". */
  rule?: string;
}

export interface CodingRow extends Coding {
  /** Line in the file the row came from. */
  line: number;
}

/**
 * Reads a codings file, checking each row's form (not yet its codes or segments: see validate).
 * With `only`, every row is checked but only the rows of that origin are made and yielded (the
 * manual rows a re-run of `llo code` keeps, from a file of millions of automatic rows).
 */
export async function* readCodings(file: string, only?: Origin): AsyncGenerator<CodingRow> {
  // Slots: the required columns in their order, then confidence (9) and rule (10) when present.
  const csv = await CsvReader.open(file, REQUIRED_CODING_COLUMNS, { optional: ['confidence', 'rule'] });
  try {
    while (await csv.fill())
      while (csv.next()) {
        const line = csv.line;
        const at = (message: string) => new LloError('LLO_CODINGS_ROW', message, { file, line });
        const segment = csv.text(2);
        const startText = csv.text(3);
        const endText = csv.text(4);
        const start = Number(startText);
        const end = Number(endText);
        if (segment === '') throw at('the segment column is empty');
        if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
          throw at(
            `start and end must be whole numbers with start ≤ end, got ${JSON.stringify(startText)} and ${JSON.stringify(endText)}`,
          );
        }
        const originText = csv.text(6);
        const origin = originText === '' ? 'manual' : originText;
        if (origin !== 'auto' && origin !== 'manual') throw at(`origin must be auto or manual, got "${origin}"`);
        const confidenceText = csv.text(9).trim();
        const confidence = confidenceText === '' ? undefined : Number(decimalPoint(confidenceText, csv.separator));
        if (confidence !== undefined && !(confidence >= 0 && confidence <= 1))
          throw at(`confidence must be a number from 0 to 1 or empty, got ${JSON.stringify(confidenceText)}`);
        if (only !== undefined && origin !== only) continue;
        const rule = csv.text(10);
        yield {
          line,
          coder: csv.text(0),
          document: csv.text(1),
          segment,
          start,
          end,
          code: csv.text(5).trim(),
          origin,
          evidence: csv.text(7),
          memo: csv.text(8),
          ...(confidence !== undefined ? { confidence } : {}),
          ...(rule !== '' ? { rule } : {}),
        };
      }
  } finally {
    await csv.close();
  }
}

/**
 * A number as a spreadsheet in a comma-decimal locale (Dutch, German…) writes it: "0,75" in a file
 * separated by ";" or a tab (the separators such a spreadsheet uses, so the comma cannot be one).
 * In a ","-separated file a comma is never a decimal comma.
 */
function decimalPoint(text: string, separator: string): string {
  return separator !== ',' && /^\d*,\d+$/u.test(text) ? text.replace(',', '.') : text;
}

export async function readAllCodings(file: string): Promise<CodingRow[]> {
  const rows: CodingRow[] = [];
  for await (const row of readCodings(file)) rows.push(row);
  return rows;
}

/**
 * The order of rows in a codings file: document (in corpus order), position, then code, so that
 * the file reads like the corpus and diffs stay small.
 */
export function compareCodings(documentOrder: ReadonlyMap<string, number>) {
  return (a: Coding, b: Coding): number =>
    (documentOrder.get(a.document) ?? Infinity) - (documentOrder.get(b.document) ?? Infinity) ||
    (a.document < b.document ? -1 : a.document > b.document ? 1 : 0) ||
    a.start - b.start ||
    a.end - b.end ||
    cmp(a.segment, b.segment) ||
    cmp(a.code, b.code) ||
    cmp(a.origin, b.origin) ||
    cmp(a.coder, b.coder) ||
    cmp(a.memo, b.memo);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
