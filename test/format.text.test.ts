import { describe, expect, it } from 'vitest';
import { assemble } from '../src/corpus/document.js';
import { readText } from '../src/corpus/formats/text.js';
import { codePointLength } from '../src/text/normalise.js';

describe('plain text and Markdown', () => {
  it('splits paragraphs at blank lines and joins soft line breaks (CRLF too)', () => {
    const doc = assemble(readText('Eerste alinea\r\nloopt door.\r\n\r\nTweede alinea.\r\n').blocks);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['Eerste alinea loopt door.', 'Tweede alinea.']);
    expect(doc.text).toBe('Eerste alinea loopt door.\n\nTweede alinea.');
  });

  it('reads Markdown headings as the section path and bullets as items', () => {
    const md =
      '# Brief\n\n## Rol van werkgevers\n\nWerkgevers investeren.\n\n- eerste punt\n- tweede punt\n  loopt door\n\n## Rol van de overheid\n\nDe overheid faciliteert.';
    const doc = assemble(readText(md, { markdown: true }).blocks);
    expect(doc.paragraphs.map((p) => [p.kind, p.section, p.text])).toEqual([
      ['paragraph', 'Brief > Rol van werkgevers', 'Werkgevers investeren.'],
      ['item', 'Brief > Rol van werkgevers', 'eerste punt'],
      ['item', 'Brief > Rol van werkgevers', 'tweede punt loopt door'],
      ['paragraph', 'Brief > Rol van de overheid', 'De overheid faciliteert.'],
    ]);
  });

  it('treats a form feed as a page break and numbers the pages', () => {
    const doc = assemble(readText('Pagina een.\fPagina twee.\n\nNog op twee.').blocks);
    expect(doc.paragraphs.map((p) => p.page)).toEqual(['1', '2', '2']);
  });

  it('rebuilds paragraphs of hard-wrapped text (paragraphs: wrapped)', () => {
    const text = [
      'Het kabinet wil dat iedereen zich blijft ontwikkelen en investeert daarom in',
      'een individueel leer- en ontwikkelbudget voor alle werkenden in Nederland.',
      'Daarmee stopt de alinea.',
      'Werkgevers hebben een eigen verantwoordelijkheid voor scholing van hun',
      'werknemers en de sociale partners maken daarover afspraken in de cao.',
    ].join('\n');
    const doc = assemble(readText(text, { paragraphs: 'wrapped' }).blocks);
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      'Het kabinet wil dat iedereen zich blijft ontwikkelen en investeert daarom in een individueel leer- en ontwikkelbudget voor alle werkenden in Nederland. Daarmee stopt de alinea.',
      'Werkgevers hebben een eigen verantwoordelijkheid voor scholing van hun werknemers en de sociale partners maken daarover afspraken in de cao.',
    ]);
  });

  it('one paragraph per line (paragraphs: lines)', () => {
    expect(readText('a b\nc d\n', { paragraphs: 'lines' }).blocks.map((b) => b.text)).toEqual(['a b', 'c d']);
  });

  it('counts offsets in code points, NFC, end exclusive', () => {
    // "e" + combining diaeresis becomes one code point "ë"; the emoji is one code point, two UTF-16 units.
    const doc = assemble(readText('Financie\u0308le 🎓 steun.\n\nTweede.').blocks);
    const [a, b] = doc.paragraphs;
    expect(a!.text).toBe('Financiële 🎓 steun.');
    expect([a!.start, a!.end]).toEqual([0, 19]);
    expect([b!.start, b!.end]).toEqual([21, 28]);
    expect(codePointLength(doc.text)).toBe(28);
    expect([...doc.text].slice(b!.start, b!.end).join('')).toBe('Tweede.');
  });
});
