import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../src/corpus/document.js';
import { readOfficialHtml } from '../src/corpus/formats/html.js';
import { readOfficialXml } from '../src/corpus/formats/xml.js';
import type { LloError } from '../src/errors.js';
import { decodeText } from '../src/io/decode.js';
import { FIXTURES } from './helpers/cli.js';

const load = (name: string) => decodeText(readFileSync(join(FIXTURES, name)), name).text;
const rows = (paragraphs: ReturnType<typeof assemble>['paragraphs']) =>
  paragraphs.map((p) => [p.kind, p.section, p.text]);

describe('official publication XML (kamerstuk)', () => {
  const doc = assemble(readOfficialXml(load('kst-fixture.xml'), 'kst-fixture.xml').blocks);
  const brief = 'BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID';

  it('reads paragraphs with inline markup, footnotes, processing instructions and entities (BOM, CRLF)', () => {
    expect(rows(doc.paragraphs).slice(3, 6)).toEqual([
      [
        'paragraph',
        `${brief} > 1. Inleiding`,
        'De gemeente en de sociale partners werken samen aan een sterke leercultuur. De provinciecoördinator helpt.',
      ],
      ['note', `${brief} > 1. Inleiding`, '1 Kamerstuk 99 999, nr. 0.'],
      [
        'paragraph',
        `${brief} > 1. Inleiding`,
        'Werkgevers investeren ’jaarlijks’ in scholing & ontwikkeling van werkenden; de minister faciliteert dat met het STAP-budget.',
      ],
    ]);
  });

  it('reads tussenkop as a sub-heading, lists as items (nested too) and tables row by row', () => {
    expect(rows(doc.paragraphs).slice(6, 12)).toEqual([
      ['paragraph', `${brief} > 1. Inleiding > Rol van de overheid`, 'Het kabinet stelt de volgende maatregelen voor:'],
      ['item', `${brief} > 1. Inleiding > Rol van de overheid`, 'a. een individueel ontwikkelbudget voor iedereen;'],
      ['item', `${brief} > 1. Inleiding > Rol van de overheid`, 'b. informatie over het aanbod via een portaal.'],
      ['item', `${brief} > 1. Inleiding > Rol van de overheid`, 'ook voor zzp’ers'],
      ['paragraph', `${brief} > 2. Financiën`, 'Jaar | Budget (mln)'],
      ['paragraph', `${brief} > 2. Financiën`, '2022 | 160'],
    ]);
  });

  it('keeps the kamerstuk header as paragraphs and leaves metadata out', () => {
    expect(doc.paragraphs.slice(0, 2).map((p) => p.text)).toEqual(['99 999 Testdossier leren en ontwikkelen', 'Nr. 1']);
    expect(doc.text).not.toContain('DC.identifier');
  });
});

describe('official publication XML (staatscourant regeling)', () => {
  it('reads articles with their headings and leden', () => {
    const doc = assemble(readOfficialXml(load('stcrt-fixture.xml'), 'stcrt-fixture.xml').blocks);
    expect(rows(doc.paragraphs)).toEqual([
      ['paragraph', 'Artikel 1 Begripsbepalingen', 'In deze regeling wordt verstaan onder:'],
      ['item', 'Artikel 1 Begripsbepalingen', 'opleider: een aanbieder van scholing die in het register is opgenomen;'],
      [
        'paragraph',
        'Artikel 2 Subsidieverstrekking',
        '1. De minister verstrekt op aanvraag subsidie aan een burger voor scholing.',
      ],
      [
        'paragraph',
        'TOELICHTING > Algemeen',
        'Met deze regeling stimuleert de overheid dat mensen zelf regie nemen over hun ontwikkeling.',
      ],
    ]);
  });

  it('keeps the text of elements it has no rule for, and says so', () => {
    const r = readOfficialXml(
      '<officiele-publicatie><kamerstuk><onbekend>Tekst die blijft.</onbekend></kamerstuk></officiele-publicatie>',
      'x.xml',
    );
    expect(r.blocks.map((b) => b.text)).toEqual(['Tekst die blijft.']);
    expect(r.warnings).toEqual(['no rule for element <onbekend> (1×): its text was kept as a paragraph']);
  });
});

describe('XML errors', () => {
  const error = (xml: string) => {
    try {
      readOfficialXml(xml, 'bad.xml');
    } catch (err) {
      return (err as LloError).format();
    }
    return 'no error';
  };
  it('refuses mismatched, stray and unclosed tags with line:column', () => {
    expect(error('<officiele-publicatie>\n  <al>tekst</a>\n</officiele-publicatie>')).toBe(
      'bad.xml:2:12: end tag </a> does not match <al> opened at 2:3',
    );
    expect(error('<officiele-publicatie>\n<al>tekst</al></b>\n</officiele-publicatie>')).toBe(
      'bad.xml:2:15: end tag </b> does not match <officiele-publicatie> opened at 1:1',
    );
    expect(error('<officiele-publicatie>\n<al>tekst')).toBe('bad.xml:2:1: <al> is not closed');
  });
  it('refuses entity declarations ("billion laughs") and external entities', () => {
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n<lolz>&lol2;</lolz>';
    expect(error(laughs)).toMatch(
      /^bad\.xml:2:1: the document declares entities in a DTD; llo refuses entity declarations/u,
    );
    expect(error('<!DOCTYPE x SYSTEM "file:///etc/passwd"><officiele-publicatie/>')).toMatch(
      /^bad\.xml:1:1: the document refers to an external DTD/u,
    );
  });
  it('refuses XML that is not an official publication', () => {
    expect(error('<rss><channel/></rss>')).toBe(
      'bad.xml:1: root element <rss> is not an official publication (expected <officiele-publicatie>)',
    );
  });
});

describe('official publication HTML', () => {
  it('reads div#broodtekst only: headings, paragraphs with <br>, lists, notes; not scripts or navigation', () => {
    const r = readOfficialHtml(load('kst-fixture.html'), 'kst-fixture.html');
    expect(r.warnings).toEqual([]);
    expect(rows(assemble(r.blocks).paragraphs)).toEqual([
      ['paragraph', 'Brief van de minister', 'Aan de Voorzitter van de Tweede Kamer der Staten-Generaal'],
      [
        'paragraph',
        'Brief van de minister > 1. Inleiding',
        'De coördinatie ligt bij het ministerie; werkgevers nemen verantwoordelijkheid.',
      ],
      ['item', 'Brief van de minister > 1. Inleiding', 'Een leerrekening voor iedereen.'],
      ['item', 'Brief van de minister > 1. Inleiding', 'Sectorale afspraken met sociale partners.'],
      [
        'paragraph',
        'Brief van de minister > 1. Inleiding > 1.1 Uitvoering',
        'UWV voert de regeling uit – per 1 maart 2022.',
      ],
      ['note', 'Brief van de minister > 1. Inleiding > 1.1 Uitvoering', '1 Zie de bijlage.'],
    ]);
  });
  it('falls back to <body> with a warning', () => {
    const r = readOfficialHtml('<html><body><p>Alleen tekst.</p></body></html>', 'page.html');
    expect(r.blocks.map((b) => b.text)).toEqual(['Alleen tekst.']);
    expect(r.warnings[0]).toMatch(/no div#broodtekst/u);
  });
});
