import { describe, expect, it } from 'vitest';
import { hasControlCharacters, spreadsheetSafe, terminalSafe } from '../src/text/safe.js';
import { fileError } from '../src/io/file-errors.js';

describe('terminalSafe', () => {
  it('shows escape, OSC and C1 sequences instead of sending them to the terminal', () => {
    expect(terminalSafe('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(terminalSafe('\u001b]52;c;aGk=\u0007')).toBe('\\x1b]52;c;aGk=\\x07');
    expect(terminalSafe('x\u009by')).toBe('x\\x9by');
    expect(terminalSafe('abc\u202edef')).toBe('abc\\x202edef');
  });
  it('keeps tabs, newlines and Dutch text; escapes newlines on request', () => {
    expect(terminalSafe('één\tcoördinatie\n')).toBe('één\tcoördinatie\n');
    expect(terminalSafe('a\nb', { newlines: false })).toBe('a\\nb');
    expect(hasControlCharacters('gewoon')).toBe(false);
    expect(hasControlCharacters('a\u0000')).toBe(true);
  });
});

describe('spreadsheetSafe', () => {
  it('neutralises cells a spreadsheet would evaluate', () => {
    for (const cell of ['=1+1', '+31 6', '-2', '@SUM(A1)', '\t=x', '\r=x'])
      expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
    expect(spreadsheetSafe('Het kabinet = de regering')).toBe('Het kabinet = de regering');
  });
});

describe('fileError', () => {
  it('turns system errors into one line naming the file', () => {
    const e = fileError(Object.assign(new Error('x'), { code: 'ENOENT' }), 'a.csv', 'reading', 'codings file');
    expect(e.format()).toBe('a.csv: codings file: no such file');
    expect(fileError(Object.assign(new Error('x'), { code: 'ENOSPC' }), 'b.csv', 'writing').code).toBe('LLO_DISK_FULL');
  });
});
