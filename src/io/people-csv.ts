import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../text/safe.js';

/**
 * CSV meant for people (quotes, tables to open in a spreadsheet), as opposed to the data files
 * llo reads back (segments, codings: exact, LF, `,`, see csv.ts). Every cell is spreadsheet-safe
 * (a leading = + - @ cannot start a formula).
 *
 * `excel` writes what Excel in a comma-decimal locale (Dutch, German, French) opens by a double
 * click without an import wizard: a UTF-8 byte-order mark (else Excel reads the bytes as
 * Windows-1252 and "coördinatie" becomes "coÃ¶rdinatie"), `;` as separator (the list separator of
 * those locales; a `,` file lands in one column), CRLF line ends (what Excel itself writes), and a
 * decimal comma in the columns named `numeric` (a `;` file with "0.250" is read as 250 there).
 */
export interface PeopleCsvOptions {
  excel?: boolean;
  /** Line ends: CRLF or LF. Default: CRLF with `excel`, LF without. */
  crlf?: boolean;
  /**
   * Columns holding numbers: with `excel`, their decimal point becomes a comma. A number there
   * (`-0.25` too) stays a number: only text cells are neutralised.
   */
  numeric?: readonly string[];
}

/** The shared help text of the `--excel` option, so every command describes it the same way. */
export const EXCEL_OPTION_HELP = 'CSV for Excel: UTF-8 byte-order mark, ";" separator, CRLF, decimal comma';

const BOM = '\uFEFF';

export function peopleCsv(
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  options: PeopleCsvOptions = {},
): string {
  const excel = options.excel === true;
  const numeric = new Set(options.numeric ?? []);
  const cell = (value: string | number, column: number): string => {
    const text = String(value);
    if (numeric.has(columns[column]!) && /^-?\d+(?:\.\d+)?$/u.test(text)) return excel ? text.replace('.', ',') : text;
    return spreadsheetSafe(text);
  };
  const body = stringify(
    [columns.map((c, i) => cell(c, i)), ...rows.map((r) => columns.map((_, i) => cell(r[i] ?? '', i)))],
    {
      delimiter: excel ? ';' : ',',
      record_delimiter: (options.crlf ?? excel) ? 'windows' : 'unix',
    },
  );
  return excel ? BOM + body : body;
}
