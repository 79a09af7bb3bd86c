import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Coding } from '../coding/codings.js';
import { CODING_COLUMNS } from '../coding/codings.js';
import { SEGMENT_COLUMNS, type Segment } from '../corpus/segments.js';
import type { Table } from '../tables/table.js';

/**
 * The tables of `llo tables` as one Excel workbook: a sheet per table, with numbers as numbers
 * (formatted with the same fixed decimals as the CSV) and "n/a" as an empty cell, so that a
 * spreadsheet can sort and compute on them; plus the codings and the segments they were counted
 * from, and a first sheet saying what was counted. A cell holds text as text: unlike CSV, an xlsx
 * string cell is never evaluated as a formula, so document text is written as it is.
 */
export interface WorkbookInput {
  tables: readonly Table[];
  codings: readonly (Coding & { file?: string })[];
  segments: readonly Segment[];
  /** Lines for the first sheet: codings files, codebook and version, segments file. */
  about: readonly string[];
}

/** Excel's limit for one cell's text. */
const CELL_LIMIT = 32_767;
/** A fixed time for the zip entries and the document properties, so the same input gives the same bytes. */
const EPOCH = new Date(Date.UTC(2000, 0, 1));

/** A sheet name as Excel allows it: at most 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/gu, '-').replace(/^dominance-/u, 'roles-');
  let candidate = base.slice(0, 31);
  for (let k = 2; taken.has(candidate.toLowerCase()); k++)
    candidate = `${base.slice(0, 31 - String(k).length - 1)}~${k}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** A table cell: a number where the column holds numbers, empty for "n/a", else the text. */
function cellValue(text: string, numeric: boolean): string | number | null {
  if (text === 'n/a') return null;
  if (numeric && /^-?\d+(\.\d+)?$/u.test(text)) return Number(text);
  return text;
}

function numberFormat(text: string): string {
  const decimals = /\.(\d+)$/u.exec(text)?.[1]?.length ?? 0;
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

function clip(text: string): string {
  return text.length <= CELL_LIMIT ? text : `${text.slice(0, CELL_LIMIT - 1)}…`;
}

export async function buildWorkbook(input: WorkbookInput): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'llo';
  book.created = EPOCH;
  book.modified = EPOCH;
  const taken = new Set<string>(['about', 'codings', 'segments']);
  const names = input.tables.map((t) => sheetName(t.name, taken));

  const about = book.addWorksheet('about');
  about.addRow(['llo tables as a workbook']).font = { bold: true };
  for (const line of input.about) about.addRow([line]);
  about.addRow([]);
  about.addRow(['sheet', 'table', 'notes']).font = { bold: true };
  input.tables.forEach((t, i) => about.addRow([names[i], t.title, t.notes.join(' ')]));
  about.addRow([]);
  about.addRow(['codings', 'the coding rows counted', '']);
  about.addRow(['segments', 'the segments of the corpus', '']);
  about.getColumn(1).width = 34;
  about.getColumn(2).width = 48;

  input.tables.forEach((t, i) => {
    const sheet = book.addWorksheet(names[i]);
    sheet.addRow(t.columns).font = { bold: true };
    for (const row of t.rows) {
      const added = sheet.addRow(t.columns.map((_, c) => cellValue(row[c] ?? '', t.align[c] === 'right')));
      t.columns.forEach((_, c) => {
        const cell = added.getCell(c + 1);
        if (typeof cell.value === 'number') cell.numFmt = numberFormat(row[c]!);
      });
    }
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    t.columns.forEach((col, c) => {
      sheet.getColumn(c + 1).width = Math.min(
        60,
        Math.max(8, col.length + 2, ...t.rows.map((r) => (r[c] ?? '').length + 2)),
      );
    });
  });

  const codings = book.addWorksheet('codings');
  codings.addRow([...CODING_COLUMNS]).font = { bold: true };
  for (const c of input.codings)
    codings.addRow(CODING_COLUMNS.map((k) => (typeof c[k] === 'number' ? c[k] : clip(String(c[k])))));
  codings.views = [{ state: 'frozen', ySplit: 1 }];

  const segments = book.addWorksheet('segments');
  segments.addRow([...SEGMENT_COLUMNS]).font = { bold: true };
  for (const s of input.segments)
    segments.addRow(SEGMENT_COLUMNS.map((k) => (typeof s[k] === 'number' ? s[k] : clip(String(s[k])))));
  segments.views = [{ state: 'frozen', ySplit: 1 }];
  segments.getColumn(SEGMENT_COLUMNS.length).width = 100;

  return deterministic(await book.xlsx.writeBuffer());
}

/**
 * ExcelJS stamps every zip entry with the time of writing. Re-packing the entries in the same
 * order with one fixed time makes the file depend on its content only.
 */
async function deterministic(buffer: ArrayBuffer | Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const out = new JSZip();
  for (const [path, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    out.file(path, await file.async('nodebuffer'), { date: EPOCH, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
