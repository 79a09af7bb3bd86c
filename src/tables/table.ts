import { csvRows } from '../io/csv.js';
import { peopleCsv } from '../io/people-csv.js';
import { spreadsheetSafe } from '../text/safe.js';
import { markdownTable, type Align } from './render.js';

/**
 * A result table as llo writes it: cells are already formatted strings (fixed decimals), so the
 * CSV and the Markdown of one table always show the same numbers.
 */
export interface Table {
  /** File name without extension, e.g. `dominance-markt`. */
  name: string;
  title: string;
  columns: string[];
  align: Align[];
  rows: string[][];
  /** Footnotes: how the numbers were counted. */
  notes: string[];
}

/**
 * The table as CSV for people and spreadsheets: a text cell (a label from the codebook) that starts
 * with = + - @ is neutralised so a spreadsheet shows it rather than evaluating it; numbers stay numbers.
 * The default form is the one committed and checked by `llo tables --check`.
 */
export function tableCsv(t: Table, options: { excel?: boolean } = {}): string {
  // For Excel (`llo tables --excel`): every column may hold numbers, which get a decimal comma.
  if (options.excel) return peopleCsv(t.columns, t.rows, { excel: true, numeric: t.columns });
  const cell = (v: string) => (NUMBER.test(v) ? v : spreadsheetSafe(v));
  return csvRows(
    t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [cell(c), cell(r[i] ?? '')]))),
    t.columns.map(cell),
    true,
  );
}

const NUMBER = /^-?\d+(?:\.\d+)?$/u;

export function tableMarkdown(t: Table, headingLevel = 1): string {
  const notes = t.notes.length > 0 ? '\n' + t.notes.map((n) => `- ${n}`).join('\n') + '\n' : '';
  return `${'#'.repeat(headingLevel)} ${t.title}\n\n${markdownTable(t.columns, t.rows, t.align)}${notes}`;
}
