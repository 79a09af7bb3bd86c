import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCorpus } from '../../src/corpus/manifest.js';
import { decodeText } from '../../src/io/decode.js';
import { tempDir } from '../helpers/cli.js';
import { errorLine, manifest } from './helpers.js';

// Issue 10, item 11: invalid UTF-16 became U+FFFD without a word; a date 2021-13-45 was accepted.
const utf16le = (...units: number[]) => Buffer.from([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);

describe('invalid UTF-16 is refused with the byte offset', () => {
  it.each([
    [
      'a high surrogate without a low one',
      utf16le(0x61, 0xd83d, 0x62),
      'a.txt (byte 4): cannot decode the text: the file is not valid UTF-16LE: a high surrogate without a low one',
    ],
    [
      'a low surrogate without a high one',
      utf16le(0x61, 0x62, 0xdc00),
      'a.txt (byte 6): cannot decode the text: the file is not valid UTF-16LE: a low surrogate without a high one',
    ],
    [
      'an odd number of bytes',
      Buffer.concat([utf16le(0x61, 0x62), Buffer.from([0x63])]),
      'a.txt (byte 6): cannot decode the text: the file is not valid UTF-16LE: an odd number of bytes (a byte is missing at the end)',
    ],
    [
      'big-endian too',
      Buffer.from([0xfe, 0xff, 0x00, 0x61, 0xd8, 0x3d]),
      'a.txt (byte 4): cannot decode the text: the file is not valid UTF-16BE: a high surrogate without a low one',
    ],
  ])('%s', async (_what, bytes, expected) => {
    expect(await errorLine(() => decodeText(bytes, 'a.txt'))).toBe(expected);
  });

  it('valid UTF-16 with a surrogate pair still reads', () => {
    expect(decodeText(utf16le(0x61, 0xd83c, 0xdf93), 'a.txt').text).toBe('a🎓');
  });
});

describe('dates in corpus.yaml are real calendar dates', () => {
  const withDate = async (date: string) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Tekst.\n');
    const file = manifest(dir, `  - id: a\n    file: a.txt\n    date: ${date}\n`);
    return { file, line: await errorLine(() => openCorpus(dir)) };
  };
  it.each(['2021-13-45', '2021-02-29', '2021-00-10', '15-12-2021', 'december 2021'])('%s is refused', async (date) => {
    const { file, line } = await withDate(date);
    expect(line).toBe(
      `${file}:4:5: invalid corpus manifest: documents.0.date — use a real calendar date, YYYY-MM-DD (or YYYY-MM, YYYY); got "${date}"`,
    );
  });
  it.each(['2021-12-15', '2020-02-29', '2021-12', '2021'])('%s is accepted', async (date) => {
    expect((await withDate(date)).line).toBe('no error');
  });
});
