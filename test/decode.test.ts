import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from '../src/io/decode.js';
import type { LloError } from '../src/errors.js';

const cp1252 = (s: string) =>
  Buffer.from([...s].map((c) => ({ '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '€': 0x80 })[c] ?? c.charCodeAt(0)));

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(Buffer.from('coördinatie ë ï', 'utf8'), 'a.txt')).toEqual({
      text: 'coördinatie ë ï',
      encoding: 'utf-8',
    });
    expect(decodeText(Buffer.from('\ufeffcoördinatie', 'utf8'), 'a.txt')).toEqual({
      text: 'coördinatie',
      encoding: 'utf-8-bom',
    });
  });

  it('detects Windows-1252 and keeps é, ë, ï and curly quotes', () => {
    const r = decodeText(cp1252('‘Financiële’ coördinatie, “één” café € 5'), 'a.txt');
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe('‘Financiële’ coördinatie, “één” café € 5');
  });

  it('reads UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('één', 'utf16le')]);
    expect(decodeText(le, 'a.txt').text).toBe('één');
  });

  const fails = (bytes: Buffer) => {
    try {
      decodeText(bytes, 'bad.txt');
    } catch (err) {
      return err as LloError;
    }
    throw new Error('expected an error');
  };

  it('refuses mixed encodings with the offset of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('één ', 'utf8'), Buffer.from([0xe9]), Buffer.from(' klaar')]);
    const err = fails(bytes);
    expect(err.code).toBe('LLO_ENCODING');
    expect(err.place).toEqual({ file: 'bad.txt', offset: 6 });
    expect(err.format()).toBe(
      'bad.txt (byte 6): cannot decode the text: the file mixes UTF-8 with another encoding; save it as UTF-8',
    );
  });

  it('refuses bytes that Windows-1252 leaves undefined', () => {
    expect(fails(Buffer.from([0x61, 0x81, 0x62])).place.offset).toBe(1);
  });

  it('refuses binary files and empty files', () => {
    expect(fails(Buffer.from([0x61, 0x00, 0x62])).code).toBe('LLO_ENCODING');
    expect(fails(Buffer.alloc(0)).code).toBe('LLO_EMPTY_FILE');
  });

  it('finds overlong and surrogate UTF-8 forms', () => {
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]), 0)).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]), 0)).toBe(0);
    expect(firstInvalidUtf8(Buffer.from('€ ok', 'utf8'), 0)).toBe(-1);
  });
});
