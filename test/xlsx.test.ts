import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, sheetName } from '../src/xlsx/workbook.js';
import { ROOT, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';

/** ExcelJS's typings take an ArrayBuffer-like Buffer; hand it exactly the file's bytes. */
const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as Buffer & ArrayBuffer;

describe('llo export xlsx', () => {
  it('one sheet per table whose numbers are numbers equal to the CSVs of llo tables; n/a is an empty cell', async () => {
    const out = join(tempDir(), 'llo.xlsx');
    const run = await inProcess(['export', 'xlsx', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(arrayBuffer(readFileSync(out)));
    // The committed tables are what `llo tables` writes from the same codings (CI checks them).
    const tablesDir = join(ROOT, 'out/tables');
    const csvs = readdirSync(tablesDir)
      .filter((f) => f.endsWith('.csv'))
      .sort();
    expect(csvs.length).toBeGreaterThan(5);
    const taken = new Set(['about', 'codings', 'segments']);
    let numbers = 0;
    // Sheet names follow the table order of llo tables, which is not file order: map by name.
    const order = [
      'actors',
      'paradigms',
      ...csvs.filter((f) => f.startsWith('dominance-')).map((f) => f.slice(0, -4)),
      'codes-by-document',
      'cooccurrence',
    ];
    const names = new Map(order.map((t) => [t, sheetName(t, taken)]));
    for (const file of csvs) {
      const rows: string[][] = parse(readFileSync(join(tablesDir, file), 'utf8'));
      const sheet = book.getWorksheet(names.get(file.slice(0, -4)))!;
      expect(sheet, file).toBeDefined();
      expect(sheet.rowCount, file).toBe(rows.length);
      rows.forEach((row, r) =>
        row.forEach((text, c) => {
          const value = sheet.getRow(r + 1).getCell(c + 1).value;
          // (The bundled tables have no n/a; the next test has one.)
          if (text === 'n/a') expect(value, `${file} ${r + 1}:${c + 1}`).toBeNull();
          else if (typeof value === 'number') {
            expect(value, `${file} ${r + 1}:${c + 1}`).toBe(Number(text));
            const decimals = text.split('.')[1]?.length ?? 0; // shown with the CSV's decimals
            expect(sheet.getRow(r + 1).getCell(c + 1).numFmt).toBe(decimals ? `0.${'0'.repeat(decimals)}` : '0');
            numbers++;
          } else {
            expect(value, `${file} ${r + 1}:${c + 1}`).toBe(text);
            expect(r === 0 || !/^-?\d+\.\d+$/u.test(text), `${file} ${r + 1}:${c + 1} is a number stored as text`).toBe(
              true,
            );
          }
        }),
      );
    }
    expect(numbers).toBeGreaterThan(100);
    const codings = readFileSync(join(ROOT, 'out/codings/auto.csv'), 'utf8').trimEnd().split('\n').length;
    expect(book.getWorksheet('codings')!.rowCount).toBe(codings);
    const segments: string[][] = parse(readFileSync(join(ROOT, 'out/segments.csv'), 'utf8'));
    expect(book.getWorksheet('segments')!.rowCount).toBe(segments.length);
    expect(book.getWorksheet('segments')!.getRow(2).getCell(8).value).toBe(segments[1]![7]);
    // In the file itself: segments and share are numeric cells (no t="s" or t="str"), each with a number format.
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file('xl/worksheets/sheet2.xml')!.async('string');
    expect(xml).toMatch(/<c r="C2" s="\d+"><v>\d+<\/v><\/c><c r="D2" s="\d+"><v>0\.\d+<\/v><\/c>/u);
  });

  it('byte-identical for the same input; text that looks like a formula stays text; names fit Excel', async () => {
    const input = {
      tables: [
        {
          name: 'dominance-maatschappelijke-organisaties',
          title: 't',
          columns: ['code', 'share'],
          align: ['left', 'right'] as ('left' | 'right')[],
          rows: [
            ['=1+1', '0.500'],
            ['x', 'n/a'],
          ],
          notes: [],
        },
      ],
      codings: [],
      segments: [],
      about: [],
    };
    const a = await buildWorkbook(input);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await buildWorkbook(input)).equals(a)).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(arrayBuffer(a));
    const sheet = book.worksheets[1]!;
    expect(sheet.name).toBe('roles-maatschappelijke-organisa');
    expect(sheet.getCell('A2').value).toBe('=1+1');
    expect(sheet.getCell('B2').value).toBe(0.5);
    expect(sheet.getCell('B3').value).toBeNull();
    expect(sheetName('roles-maatschappelijke-organisaties', new Set(['roles-maatschappelijke-organisa']))).toBe(
      'roles-maatschappelijke-organi~2',
    );
  });
});
