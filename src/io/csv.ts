import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { LloError } from '../errors.js';

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

export interface CsvRecord {
  /** 1-based line of the record's first line in the file. */
  line: number;
  values: Record<string, string>;
}

/**
 * Streams the records of a CSV file with a header row. Checks the header against the columns the
 * caller needs; every error names the file and line. A BOM (as Excel writes) is accepted.
 */
export async function* readCsv(file: string, required: readonly string[]): AsyncGenerator<CsvRecord> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false }),
  );
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((h) => h.trim());
        const missing = required.filter((c) => !header!.includes(c));
        if (missing.length > 0) {
          throw new LloError(
            'LLO_CSV_HEADER',
            `missing column(s) ${missing.join(', ')}; the header must have ${required.join(',')}`,
            { file, line: info.lines },
          );
        }
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((h, i) => (values[h] = record[i] ?? ''));
      yield { line: info.lines - (record.join('').match(/\n/gu)?.length ?? 0), values };
    }
  } catch (err) {
    if (err instanceof LloError) throw err;
    const e = err as { code?: string; lines?: number; message: string };
    if (e.code === 'ENOENT') throw new LloError('LLO_NOT_FOUND', 'no such file', { file });
    if (e.code === 'EISDIR') throw new LloError('LLO_NOT_FOUND', 'is a folder, not a CSV file', { file });
    throw new LloError('LLO_CSV', `malformed CSV: ${e.message.replace(/^Invalid [^:]*: /u, '')}`, {
      file,
      ...(e.lines ? { line: e.lines } : {}),
    });
  }
  if (!header) throw new LloError('LLO_EMPTY_FILE', 'the CSV file is empty (no header row)', { file });
}
