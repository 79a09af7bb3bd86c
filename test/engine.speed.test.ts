import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/agreement/bootstrap.js';
import { readSegments } from '../src/corpus/read-segments.js';
import { SEGMENT_COLUMNS, type Segment } from '../src/corpus/segments.js';
import type { LloError } from '../src/errors.js';
import { codingRow, segmentsOfBatch } from '../src/coding/batch.js';
import { CODING_COLUMNS, type Coding } from '../src/coding/codings.js';
import { hashOf, TokenTable } from '../src/coding/token-table.js';
import { csvRows } from '../src/io/csv.js';
import { recordBatches } from '../src/io/record-batches.js';
import { alignedKey, FOLDABLE, matchKey } from '../src/text/normalise.js';
import { sentenceBreaks } from '../src/text/sentences.js';
import { tokenize } from '../src/text/tokens.js';
import { tempDir } from './helpers/cli.js';

// The fast paths of `llo code` (llo issue 15) each replace a definition; each is held against it.

/** The matching key by its definition (README, "Normalised text"). */
const definedKey = (t: string) => t.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC').toLowerCase();

/** Random strings over an alphabet of UTF-16 units (so lone surrogates occur too). */
function strings(alphabet: string, count: number, longest: number, seed: number): string[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    let s = '';
    const n = 1 + Math.floor(random() * longest);
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    return s;
  });
}

describe('matching keys by the per-character table', () => {
  it('equal the definition for every pair of Latin-1 and punctuation characters', () => {
    const chars: string[] = [];
    for (let c = 0x20; c < 0x180; c++) chars.push(String.fromCharCode(c));
    for (let c = 0x2000; c < 0x2030; c++) chars.push(String.fromCharCode(c));
    for (const a of chars) for (const b of chars) if (matchKey(a + b) !== definedKey(a + b)) expect(a + b).toBe('');
  });

  it('equal the definition on text mixing foldable characters with any others', () => {
    let alphabet = 'aZ é\u0301ĳﬁΣσ İ\u05d0\ud835\udc00가\u1161';
    for (const [from, to] of FOLDABLE)
      for (let k = 0; k < 8; k++) alphabet += String.fromCharCode(from + ((k * 37) % (to - from + 1)));
    for (const t of strings(alphabet, 10_000, 12, 1)) expect(matchKey(t)).toBe(definedKey(t));
  });

  it('are aligned with the text only where every character keeps its length', () => {
    expect(alignedKey('Coördinatie’s')).toBe('coordinatie’s');
    expect(alignedKey('ﬁnanciering')).toBeUndefined(); // ﬁ → fi
    expect(alignedKey('e\u0301')).toBeUndefined(); // a combining mark
  });
});

describe('sentences by the rules of UAX #29', () => {
  it('are those of Intl.Segmenter on text of the characters they handle', () => {
    const icu = new Intl.Segmenter('nl', { granularity: 'sentence' });
    const alphabet = 'aAzZé É ëß09 .. !?"\'()[]«»‘’“”„,-:;–—#/%§\u00a0\t\n\r\u2028\u2003• Ab. ab. A.B. 1.2 ';
    for (const t of strings(alphabet, 10_000, 24, 2))
      expect(sentenceBreaks(t)).toEqual(Array.from(icu.segment(t), (s) => ({ text: s.segment, index: s.index })));
  });
});

describe('tokens by the scanner', () => {
  it('are those of the token expression', () => {
    const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
    const alphabet = "aZé9 -'’.,\u00a0\t\ud835\udc00\ud800x\u0301\u2003\u3000ĳﬁß!İ\u05d0";
    for (const t of strings(alphabet, 10_000, 12, 3))
      expect(tokenize(t)).toEqual(
        [...t.matchAll(TOKEN)].map((m) => ({
          text: m[0],
          key: matchKey(m[0]),
          start: m.index,
          end: m.index + m[0].length,
          punct: !/[\p{L}\p{N}]/u.test(m[0]),
        })),
      );
  });
});

describe('the token cache', () => {
  it('finds a token by its place in a text, and starts afresh when full', () => {
    const table = new TokenTable<number>(3);
    const text = 'de werkgevers en de werknemers';
    table.set('de', hashOf('de', 0, 2), 1);
    table.set('werkgevers', hashOf('werkgevers', 0, 10), 2);
    expect(table.get(text, 0, 2, hashOf(text, 0, 2))).toBe(1);
    expect(table.get(text, 17, 19, hashOf(text, 17, 19))).toBe(1);
    expect(table.get(text, 3, 13, hashOf(text, 3, 13))).toBe(2);
    expect(table.get(text, 20, 30, hashOf(text, 20, 30))).toBeUndefined();
    table.set('en', hashOf('en', 0, 2), 3);
    table.set('werknemers', hashOf('werknemers', 0, 10), 4);
    expect(table.get(text, 0, 2, hashOf(text, 0, 2))).toBeUndefined();
    expect(table.get(text, 20, 30, hashOf(text, 20, 30))).toBe(4);
  });
});

describe('codings rows as strings', () => {
  it('are what csv-stringify writes', () => {
    const rows: Coding[] = [
      {
        coder: 'a',
        document: 'd',
        segment: 'd:1',
        start: 0,
        end: 9,
        code: 'x.y',
        origin: 'auto',
        evidence: 'plain',
        memo: '',
        confidence: 0.9,
        rule: 'agent: clause, subject',
      },
      {
        coder: 'a,b',
        document: 'd',
        segment: 'd:2',
        start: 3,
        end: 4,
        code: '',
        origin: 'manual',
        evidence: 'say "so"\nthen',
        memo: 'm\r',
        confidence: 0,
        rule: '',
      },
      {
        coder: 'a',
        document: 'd',
        segment: 'd:3',
        start: 5,
        end: 6,
        code: 'c',
        origin: 'manual',
        evidence: '"',
        memo: '=1+2',
      },
      {
        coder: 'a',
        document: 'd',
        segment: 'd:4',
        start: 5,
        end: 6,
        code: 'c',
        origin: 'manual',
        evidence: 'a\r\nb',
        memo: 'c\rd',
      },
    ];
    expect(rows.map(codingRow).join('')).toBe(csvRows(rows, CODING_COLUMNS));
    expect(stringify([['x']])).toBe('x\n');
  });
});

describe('a segments file in batches of records', () => {
  const dir = tempDir();
  const segments: Segment[] = Array.from({ length: 40 }, (_, i) => ({
    document: `doc${Math.floor(i / 10)}`,
    segment: `doc${Math.floor(i / 10)}:${i % 10}`,
    page: i % 3 === 0 ? '2' : '',
    section: i % 4 === 0 ? 'Kop, "met" komma' : 'Kop',
    start: i * 100,
    end: i * 100 + 50,
    hash: 'abcdef012345',
    text: i % 5 === 0 ? `regel een\nregel "twee", ${i}` : `Tekst ${i}, met komma.`,
  }));
  const csv = stringify(
    segments.map((s) => SEGMENT_COLUMNS.map((c) => s[c])),
    { header: true, columns: [...SEGMENT_COLUMNS] },
  );

  async function viaBatches(file: string, size: number): Promise<Segment[]> {
    const { header, lineEnd, batches } = await recordBatches(file, SEGMENT_COLUMNS, size);
    const out: Segment[] = [];
    for await (const b of batches) {
      // The batch's last record is the one its `last` points to (the context of the next batch);
      // parsed from a copy, as run.ts keeps one (parsing undoes "" escapes in place).
      const last =
        b.last &&
        segmentsOfBatch(
          file,
          header,
          lineEnd,
          Uint8Array.prototype.slice.call(b.bytes, b.last.start),
          b.last.linesBefore,
        );
      const got = segmentsOfBatch(file, header, lineEnd, b.bytes, b.linesBefore);
      if (last) expect(last).toEqual(got.slice(-1));
      out.push(...got);
    }
    return out;
  }

  it('gives the segments the whole file gives, with LF, CR LF or CR, blank lines, and any batch size', async () => {
    for (const [name, text] of [
      ['lf.csv', csv],
      // Record ends CR LF or CR alone; the line breaks inside quoted texts (before "regel") stay LF.
      ['crlf.csv', csv.replace(/\n(?!regel)/gu, '\r\n')],
      ['cr.csv', csv.replace(/\n(?!regel)/gu, '\r')],
      ['blank.csv', csv.replace(/\ndoc1:/u, '\n\n\ndoc1:').replace(/\n$/u, '')],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const whole: Segment[] = [];
      for await (const s of readSegments(file)) whole.push(s);
      expect(whole.length).toBe(40);
      for (const size of [7, 64, 300, 1 << 16]) expect(await viaBatches(file, size)).toEqual(whole);
    }
  });

  it('reports a bad record at the line the whole file names', async () => {
    const file = join(dir, 'bad.csv');
    // A record after several that span two lines gets a start that is no number.
    const rows = segments.map((s) => SEGMENT_COLUMNS.map((c) => String(s[c])));
    rows[17]![4] = 'x';
    writeFileSync(file, stringify(rows, { header: true, columns: [...SEGMENT_COLUMNS] }));
    const whole = await (async () => {
      try {
        for await (const _ of readSegments(file)) void _;
      } catch (err) {
        return err as LloError;
      }
    })();
    expect(whole?.code).toBe('LLO_SEGMENTS_ROW');
    for (const size of [7, 300]) {
      let error: LloError | undefined;
      try {
        await viaBatches(file, size);
      } catch (err) {
        error = err as LloError;
      }
      expect(error?.message).toBe(whole?.message);
      expect(error?.place).toEqual(whole?.place);
    }
  });
});
