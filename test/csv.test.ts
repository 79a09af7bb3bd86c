import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/agreement/bootstrap.js';
import type { LloError } from '../src/errors.js';
import { ByteKeys } from '../src/io/byte-keys.js';
import { CsvReader, readCsv } from '../src/io/csv.js';
import { tempDir } from './helpers/cli.js';

const dir = tempDir();
let n = 0;
const file = (text: string | Buffer) => {
  const f = join(dir, `f${n++}.csv`);
  writeFileSync(f, text);
  return f;
};
const all = async (f: string, required: string[] = [], chunkSize?: number) => {
  const out: { line: number; values: Record<string, string> }[] = [];
  for await (const r of readCsv(f, required, chunkSize ? { chunkSize } : {})) out.push(r);
  return out;
};
const failure = async (f: string, required: string[] = []) => {
  try {
    await all(f, required);
  } catch (err) {
    return (err as LloError).format();
  }
  throw new Error('expected an error');
};

describe('the CSV reader agrees with csv-parse', () => {
  it('on random files with quotes, commas, line breaks, CRLF, BOM and any chunk size (down to one byte)', async () => {
    const random = mulberry32(7);
    const alphabet = ['a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '€', '=', ''];
    const cell = () =>
      Array.from({ length: Math.floor(random() * 5) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let t = 0; t < 150; t++) {
      const width = 1 + Math.floor(random() * 4);
      const header = Array.from({ length: width }, (_, i) => `c${i}`);
      const rows = Array.from({ length: Math.floor(random() * 6) }, () => Array.from({ length: width }, cell));
      const windows = random() < 0.3;
      let text = stringify([header, ...rows], {
        record_delimiter: windows ? 'windows' : 'unix',
        quoted: windows || random() < 0.2,
      });
      if (random() < 0.2) text = `\ufeff${text}`;
      if (random() < 0.2) text = text.replace(/\r?\n$/u, '');
      const expected = parse(text, { bom: true, skip_empty_lines: true, info: true }) as unknown as {
        record: string[];
        info: { lines: number };
      }[];
      const got = await all(file(text), [], 1 + Math.floor(random() * 7));
      expect(
        got.map((r) => header.map((h) => r.values[h])),
        JSON.stringify(text),
      ).toEqual(expected.slice(1).map((e) => e.record));
      if (!text.includes('\r'))
        expect(got.map((r) => r.line)).toEqual(
          expected.slice(1).map((e) => e.info.lines - (e.record.join('').match(/\n/gu)?.length ?? 0)),
        );
    }
  });

  it('reads classic Mac line ends (CR alone) and skips empty lines, counting them', async () => {
    expect(await all(file('a,b\r1,2\r\r3,4\r'))).toEqual([
      { line: 2, values: { a: '1', b: '2' } },
      { line: 4, values: { a: '3', b: '4' } },
    ]);
    expect((await all(file('a,b\n\n1,2\n')))[0]!.line).toBe(3);
  });

  it('hands the bytes of requested columns only, with no object per record', async () => {
    const csv = await CsvReader.open(file('x,unit,value,y\n1,u1,"a ""b""",2\n3,u2,,4\n'), ['unit', 'value'], {
      optional: ['z'],
    });
    const seen: string[] = [];
    while (await csv.fill())
      while (csv.next()) seen.push(`${csv.text(0)}=${csv.text(1)}|${csv.text(2)}|${csv.blank(1)}`);
    expect(seen).toEqual(['u1=a "b"||false', 'u2=||true']);
    expect(csv.columns).toEqual([1, 2, -1]);
  });
});

describe('CSV errors: one line naming the file (and the line)', () => {
  it('a missing file, a folder, an empty file', async () => {
    const missing = join(dir, 'nope.csv');
    expect(await failure(missing)).toBe(`${missing}: no such file`);
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder);
    expect(await failure(folder)).toBe(`${folder}: is a folder, not a file`);
    const empty = file('');
    expect(await failure(empty)).toBe(`${empty}: the CSV file is empty (no header row)`);
  });

  it('an unreadable file (when not running as root, who reads anything)', async () => {
    const f = file('a\n1\n');
    chmodSync(f, 0);
    if (process.getuid?.() === 0) expect((await all(f)).length).toBe(1);
    else expect(await failure(f)).toBe(`${f}: permission denied (cannot read)`);
  });

  it('a missing or doubled column, a short record, a broken quote', async () => {
    const a = file('unit,coder\n1,x\n');
    expect(await failure(a, ['unit', 'coder', 'value'])).toBe(
      `${a}:1: missing column(s) value; the header must have unit,coder,value`,
    );
    const b = file('unit,coder,value,value\n1,x,2,3\n');
    expect(await failure(b, ['unit'])).toBe(
      `${b}:1: the column "value" appears twice in the header (columns 3 and 4); llo would not know which to read`,
    );
    const c = file('a,b\n1,2\n3\n');
    expect(await failure(c)).toBe(`${c}:3: malformed CSV: expected 2 fields as in the header, got 1`);
    const d = file('a,b\n1,2\n3,x"y\n');
    expect(await failure(d)).toBe(`${d}:3: malformed CSV: a quote is found on field 1, value is "x"`);
    const e = file('a,b\n1,"2\n3,4\n');
    expect(await failure(e)).toBe(`${e}:2: malformed CSV: the parsing is finished with an opening quote`);
  });
});

describe('ByteKeys', () => {
  it('interns byte strings in order of first appearance, numbers and text alike', () => {
    const keys = new ByteKeys(2);
    const bytes = Buffer.from('7,07,abc,7,0,abc,€');
    const ids = [
      [0, 1],
      [2, 4],
      [5, 8],
      [9, 10],
      [11, 12],
      [13, 16],
      [17, 20],
    ].map(([s, e]) => keys.id(bytes, s!, e!));
    expect(ids).toEqual([0, 1, 2, 0, 3, 2, 4]);
    expect(keys.texts()).toEqual(['7', '07', 'abc', '0', '€']);
    expect(keys.find(Buffer.from('x'), 0, 1)).toBe(-1);
    // Many keys: the table grows and every key is still found.
    for (let i = 0; i < 5000; i++) keys.id(Buffer.from(`k${i}`), 0, `k${i}`.length);
    for (let i = 0; i < 5000; i++) expect(keys.find(Buffer.from(`k${i}`), 0, `k${i}`.length)).toBe(5 + i);
  });
});

describe('a codings file saved by Dutch Excel', () => {
  it('is read: UTF-8 BOM, ";" as the separator, CRLF line ends, quoted cells with ; and ,', async () => {
    const { readAllCodings } = await import('../src/coding/codings.js');
    const { inProcess } = await import('./helpers/run.js');
    const dir = tempDir();
    const file = join(dir, 'anna.csv');
    const rows = [
      'coder;document;segment;start;end;code;origin;evidence;memo',
      'anna;kst-30012-142;kst-30012-142:5;221;1333;overheid.faciliteren-stimuleren;manual;;"twijfel; ook reguleren, misschien"',
      'anna;kst-30012-142;kst-30012-142:6;1335;1884;;manual;;',
    ];
    writeFileSync(file, '\ufeff' + rows.join('\r\n') + '\r\n');
    const read = await readAllCodings(file);
    expect(read.map((r) => [r.line, r.segment, r.code, r.memo])).toEqual([
      [2, 'kst-30012-142:5', 'overheid.faciliteren-stimuleren', 'twijfel; ook reguleren, misschien'],
      [3, 'kst-30012-142:6', '', ''],
    ]);
    const run = await inProcess(['codings', 'validate', file]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });

  it('reads a decimal comma in confidence alike in every reader: codings validate, agreement, tables; ";" or tab', async () => {
    const { readAllCodings } = await import('../src/coding/codings.js');
    const { inProcess } = await import('./helpers/run.js');
    const dir = tempDir();
    const header = 'coder;document;segment;start;end;code;origin;evidence;memo;confidence;rule';
    const rows = [
      'auto;kst-30012-142;kst-30012-142:5;221;1333;overheid.faciliteren-stimuleren;auto;stimuleren;;0,75;agent: clause, subject',
      'ben;kst-30012-142;kst-30012-142:5;221;1333;overheid.faciliteren-stimuleren;manual;;;;',
      'ben;kst-30012-142;kst-30012-142:6;1335;1884;overheid.reguleren;manual;;;;',
    ];
    for (const [name, sep] of [
      ['semicolon.csv', ';'],
      ['tab.csv', '\t'],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, '\ufeff' + [header, ...rows].map((r) => r.replaceAll(';', sep)).join('\r\n') + '\r\n');
      expect((await readAllCodings(file)).map((r) => [r.coder, r.confidence, r.rule])).toEqual([
        ['auto', 0.75, 'agent: clause, subject'],
        ['ben', undefined, undefined],
        ['ben', undefined, undefined],
      ]);
      expect(await inProcess(['codings', 'validate', file]), name).toMatchObject({ code: 0, stderr: '' });
      const agreement = await inProcess(['agreement', file, '--coders', 'auto,ben', '--json']);
      expect(agreement, name).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(agreement.stdout).coders).toEqual(['auto', 'ben']);
      const tables = await inProcess(['tables', file, '--out', join(dir, `tables-${name}`)]);
      expect(tables, name).toMatchObject({ code: 0, stderr: '' });
    }
    // With "," as the separator a comma is never a decimal comma: a quoted "0,75" is refused.
    const comma = join(dir, 'comma.csv');
    writeFileSync(
      comma,
      `${header.replaceAll(';', ',')}\nauto,kst-30012-142,kst-30012-142:5,221,1333,overheid.reguleren,auto,,,"0,75",\n`,
    );
    expect((await inProcess(['codings', 'validate', comma])).stderr).toBe(
      `llo: error: ${comma}:2: confidence must be a number from 0 to 1 or empty, got "0,75"\n`,
    );
  });

  it('a segments file saved with ";" is coded as the file it was saved from (llo code --segments)', async () => {
    const { inProcess } = await import('./helpers/run.js');
    const { ROOT } = await import('./helpers/cli.js');
    const dir = tempDir();
    const records: string[][] = parse(readFileSync(join(ROOT, 'out/segments.csv'), 'utf8'));
    const semicolon = join(dir, 'segments.csv');
    writeFileSync(semicolon, '\ufeff' + stringify(records, { delimiter: ';', record_delimiter: 'windows' }));
    const ours = join(dir, 'ours.csv');
    const theirs = join(dir, 'theirs.csv');
    for (const [segments, out] of [
      [join(ROOT, 'out/segments.csv'), ours],
      [semicolon, theirs],
    ] as const)
      expect(
        await inProcess(['code', '--segments', segments, '--coder', 'auto', '--out', out, '--json']),
      ).toMatchObject({
        code: 0,
        stderr: '',
      });
    expect(readFileSync(theirs, 'utf8')).toBe(readFileSync(ours, 'utf8'));
    expect(readFileSync(ours, 'utf8').split('\n').length).toBeGreaterThan(20);
  });

  it('names the separator when its columns are wrong', async () => {
    const dir = tempDir();
    const file = join(dir, 'x.csv');
    writeFileSync(file, '\ufeffcodeur;document;segment\r\n');
    await expect(CsvReader.open(file, ['coder', 'document', 'segment'])).rejects.toThrow(
      'missing column(s) coder; the header must have coder,document,segment (read with ";" as the separator, as a spreadsheet in a Dutch locale saves CSV)',
    );
    const tab = join(dir, 'tab.csv');
    writeFileSync(tab, 'codeur\tdocument\tsegment\n');
    await expect(CsvReader.open(tab, ['coder', 'document', 'segment'])).rejects.toThrow(
      'missing column(s) coder; the header must have coder,document,segment (read with a tab as the separator)',
    );
  });
});
