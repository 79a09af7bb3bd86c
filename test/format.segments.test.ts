import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../src/corpus/render.js';
import { scanSegmentIds } from '../src/corpus/scan-segments.js';
import { SEGMENT_COLUMNS, segmentRow, type Segment } from '../src/corpus/segments.js';
import { csvRows, readCsv } from '../src/io/csv.js';
import { countWords } from '../src/text/words.js';
import { tempDir } from './helpers/cli.js';

// The fast paths of ingest must write and read exactly what the general CSV code does.
const tricky: Segment[] = [
  { document: 'a', segment: 'a:1', page: '', section: '', start: 0, end: 5, hash: '0123456789ab', text: 'Tekst' },
  {
    document: 'a',
    segment: 'a:2',
    page: '23-24',
    section: 'H1, deel 2 > "Kop"',
    start: 7,
    end: 30,
    hash: 'abcdefabcdef',
    text: 'Met "aanhalingstekens", komma\'s',
  },
  {
    document: 'a',
    segment: 'a:3',
    page: '[2]',
    section: 'H',
    start: 32,
    end: 40,
    hash: 'ffffffffffff',
    text: 'regel\neen\r\ntwee',
  },
  {
    document: 'b.c_d-1',
    segment: 'b.c_d-1:1',
    page: '1, 2',
    section: '',
    start: 0,
    end: 1,
    hash: '000000000000',
    text: '"',
  },
  {
    document: 'b',
    segment: 'b:1',
    page: '',
    section: 'ë ’ €',
    start: 0,
    end: 3,
    hash: '111111111111',
    text: '=1+1 ë ’ € 🎓',
  },
];

describe('segments file rows', () => {
  it('segmentRow, and the rows a worker renders, are what csv-stringify writes', () => {
    expect(tricky.map(segmentRow).join('')).toBe(csvRows(tricky, SEGMENT_COLUMNS));
    const entry = { id: 'a', file: 'a.txt', format: 'text' as const, path: 'a.txt' };
    const text = { text: '', paragraphs: [], length: 0, controls: 0 };
    const rendered = renderDocument({ entry, bytes: 1, warnings: [], text, paragraphs: 5, segments: tricky, words: 0 });
    expect(Buffer.from(rendered.rows).toString('utf8')).toBe(csvRows(tricky, SEGMENT_COLUMNS));
    expect(rendered.segments).toBe(5);
  });

  it('scanSegmentIds reads what the CSV parser reads, across chunk borders, with CRLF and a BOM', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 600 }, (_, i) => ({
      ...tricky[i % tricky.length]!,
      segment: `s:${i}`,
      text: `${tricky[i % tricky.length]!.text} ${'x'.repeat(i % 300)}`,
    }));
    const variants = {
      plain: csvRows(rows, SEGMENT_COLUMNS, true),
      crlf: csvRows(rows, SEGMENT_COLUMNS, true).replace(/(?<!\r)\n(?=[^\n]*$|[a-z"])/gu, '\r\n'),
      bom: '\ufeff' + csvRows(rows, SEGMENT_COLUMNS, true),
      noFinalNewline: csvRows(rows, SEGMENT_COLUMNS, true).slice(0, -1),
    };
    for (const [name, text] of Object.entries(variants)) {
      const file = join(dir, `${name}.csv`);
      writeFileSync(file, text);
      const fast: string[] = [];
      // Small chunks: rows, quoted fields and CRLF pairs fall across chunk borders.
      expect(await scanSegmentIds(file, (d, s, h) => fast.push(`${d}|${s}|${h}`), 1000), name).toBe(true);
      const slow: string[] = [];
      for await (const { values } of readCsv(file, SEGMENT_COLUMNS))
        slow.push(`${values['document']}|${values['segment']}|${values['hash']}`);
      expect(fast, name).toEqual(slow);
    }
  });

  it('scanSegmentIds declines a file of another shape (the caller then uses the CSV parser)', async () => {
    const dir = tempDir();
    const cases = {
      columns: 'segment,document,page,section,start,end,hash,text\na:1,a,,,0,1,h,t\n',
      short: `${SEGMENT_COLUMNS.join(',')}\na,a:1,,,0,1,h\n`,
      strayQuote: `${SEGMENT_COLUMNS.join(',')}\na,a:1,,,0,1,h,te"xt\n`,
      unclosed: `${SEGMENT_COLUMNS.join(',')}\na,a:1,,,0,1,h,"text\n`,
      empty: '',
    };
    for (const [name, text] of Object.entries(cases)) {
      writeFileSync(join(dir, `${name}.csv`), text);
      expect(await scanSegmentIds(join(dir, `${name}.csv`), () => undefined), name).toBe(false);
    }
  });
});

describe('countWords', () => {
  const byRegex = (t: string) => [...t.matchAll(/[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu)].length;
  it('counts what the word expression matches, joiners, other scripts and surrogates included', () => {
    const samples = [
      'a-b',
      'a--b',
      'a.-b',
      'zzp’ers',
      'o.a.',
      '-a',
      'a- b',
      '𝔘nicode 𝟙𝟚 x',
      'STAP-budget 2022.',
      "'a'",
      '1.000.000',
      'Ĳsselmeer',
      '中文字',
      'a\ud800b',
      'a\udc00-b',
      '',
    ];
    for (const s of samples) expect([s, countWords(s)]).toEqual([s, byRegex(s)]);
    let seed = 7;
    const alphabet = ['a', 'é', '-', '.', "'", '’', ' ', '1', '𝔘', '\ud800', ',', 'x'];
    for (let k = 0; k < 3000; k++) {
      let s = '';
      for (let j = 0; j < 10; j++) s += alphabet[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % alphabet.length];
      expect([s, countWords(s)]).toEqual([s, byRegex(s)]);
    }
  });
});
