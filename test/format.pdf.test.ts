import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemble, type AssembledDocument } from '../src/corpus/document.js';
import { readPdf } from '../src/corpus/formats/pdf.js';
import { selectParagraphs } from '../src/corpus/select.js';
import { loadManifest } from '../src/corpus/manifest.js';
import { LloError } from '../src/errors.js';
import { CORPUS, FIXTURES } from './helpers/cli.js';
import { column, makePdf } from './helpers/pdf.js';

describe('PDF: the bundled coalition agreement (50 pages)', () => {
  let doc: AssembledDocument;
  let mapping: string | undefined;
  beforeAll(async () => {
    const parsed = await readPdf(readFileSync(join(CORPUS, 'coalitieakkoord-2021.pdf')), 'coalitieakkoord-2021.pdf');
    mapping = parsed.pageMapping;
    doc = assemble(parsed.blocks);
  });
  const paragraph = (start: string) => {
    const p = doc.paragraphs.find((q) => q.text.startsWith(start));
    if (!p) throw new Error(`no paragraph starts with ${start}`);
    return p;
  };

  // Expected pages: the printed page number at the foot of the page that holds the passage, read
  // from an independent extraction (pdfminer, shared/corpus-sources/coalitieakkoord-2021.txt).
  it.each([
    ['Ter voorkoming van recidive', '17'],
    ['We versterken de roc’s als regionale opleidingscentra', '21'],
    ['We breiden de arbeidsmarktinfrastructuur uit', '24'],
    ['Ook bevorderen we permanente scholing via leerrechten', '24'],
    ['Gemeenten krijgen meer mogelijkheden om laaggeletterdheid', '25'],
    ['Iedereen krijgt de kans om mee te komen', '30'],
    ['De coronacrisis heeft het uiterste van de zorg gevraagd', '32'],
  ])('cites "%s…" on printed page %s', (start, page) => {
    expect(paragraph(start).page).toBe(page);
  });

  it('maps printed pages to PDF pages and cites the unnumbered front matter in brackets', () => {
    expect(mapping).toBe('printed page = PDF page − 3; 3 page(s) without a printed number are cited as [PDF page]');
    expect(doc.paragraphs[0]!.page).toBe('[1]');
  });

  it('has no bare page-number paragraphs', () => {
    // The financial annex has table cells that are bare numbers; a page number is a paragraph that
    // is just the number of the page it stands on (printed or physical).
    const physical = (label: string) => String(Number(label) + 3);
    expect(doc.paragraphs.filter((p) => p.text === p.page || p.text === physical(p.page))).toEqual([]);
    expect(
      doc.paragraphs.filter((p) => /^\d{1,3}$/u.test(p.text)).every((p) => p.section.startsWith('Bijlage: financiën')),
    ).toBe(true);
  });

  it('leaves no word broken by a line-end hyphen', () => {
    // "word- word" is right where the source has it within one line: suspended compounds
    // ("om- en bijscholing", "basis- naar voortgezet") and dashes. Checked against an independent
    // extraction (pdfminer) that keeps the PDF's line breaks.
    const source = readFileSync(join(FIXTURES, 'coalitieakkoord-2021.pdfminer.txt'), 'utf8').replace(/[ \t]+/gu, ' ');
    // The financial annex is tables, which a PDF text layer gives row by row across columns.
    const body = doc.paragraphs.filter((p) => !p.section.startsWith('Bijlage: financiën'));
    const spaced = body.flatMap((p) => [...p.text.matchAll(/\p{L}+- \p{L}+/gu)].map((m) => m[0]));
    expect(spaced.length).toBeGreaterThan(10);
    expect(spaced.filter((s) => !source.includes(s))).toEqual([]);
    // Compounds broken across lines keep their hyphen, as Dutch writes them.
    const all = doc.text;
    for (const word of ['media-aanbod', 'publiek-private', 'MLT-advies', 'niet-vrijblijvende', 'BSA-norm'])
      expect(all).toContain(word);
  });

  it('rebuilds bullets as list items and headings as the section path', () => {
    const p = paragraph('We breiden de arbeidsmarktinfrastructuur uit');
    expect(p.kind).toBe('item');
    expect(p.section).toBe('4. Bestaanszekerheid en kansengelijkheid > Arbeidsmarkt en inkomen');
  });

  it('joins a paragraph that runs on to the next page', () => {
    const p = paragraph('In de recente herijking van de hersteloperatie');
    expect(p.page).toBe('2-3');
    expect(p.text).toMatch(/ouders, gemeenten en andere betrokken partijen/u);
  });

  it('its select in corpus.yaml yields exactly the lifelong-learning passages of SOURCES.md', async () => {
    const corpus = await loadManifest(join(CORPUS, 'corpus.yaml'));
    const entry = corpus.documents.find((d) => d.id === 'coalitieakkoord-2021')!;
    const keep = selectParagraphs(doc.paragraphs, entry.select, entry.id)!;
    const selected = doc.paragraphs.filter((p) => keep.has(p.n)).map((p) => p.text);
    // The passages list was made from a third-party paragraph split (R pdftools) that leaves
    // line-break spaces ("MLT- advies"); compare without white space.
    const expected = readFileSync(join(FIXTURES, 'coalitieakkoord-2021.llo-passages.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('[paragraaf'));
    const squash = (s: string) => s.replace(/\s+/gu, '');
    expect(selected.map(squash)).toEqual(expected.map(squash));
  });
});

describe('PDF: layout repair on generated PDFs', () => {
  const page = (n: number, body: string[]) => [
    { x: 72, y: 800, size: 9, text: 'Kamerbrief leven lang ontwikkelen - voortgang' },
    ...column(body),
    { x: 290, y: 40, size: 9, text: String(n + 4) },
  ];
  const pdf = makePdf([
    page(1, [
      'Inleiding',
      '',
      'Het kabinet wil het ontwikkel-',
      'budget uitbreiden. Het ontwikkelbudget is voor iedereen.',
      'Het media-',
      'aanbod groeit; wet- ',
      'en regelgeving volgt.',
    ]),
    page(2, ['Werkgevers investeren in scholing van hun', 'werknemers en de overheid faciliteert.']),
    page(3, ['Financi\u00eble middelen zijn beschikbaar.']),
  ]);

  it('removes running headers and page numbers, keeps printed page numbers, repairs hyphens', async () => {
    const parsed = await readPdf(pdf, 'gen.pdf');
    const doc = assemble(parsed.blocks);
    expect(doc.paragraphs.map((p) => [p.page, p.section, p.text])).toEqual([
      [
        '5',
        'Inleiding',
        'Het kabinet wil het ontwikkelbudget uitbreiden. Het ontwikkelbudget is voor iedereen. Het media-aanbod groeit; wet- en regelgeving volgt.',
      ],
      ['6', 'Inleiding', 'Werkgevers investeren in scholing van hun werknemers en de overheid faciliteert.'],
      ['7', 'Inleiding', 'Financiële middelen zijn beschikbaar.'],
    ]);
    expect(parsed.pageMapping).toBe('printed page = PDF page + 4');
  });

  it('refuses a PDF without a text layer', async () => {
    const err = await readPdf(makePdf([[], []], { drawOnly: true }), 'scan.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LloError);
    expect((err as LloError).code).toBe('LLO_PDF_NO_TEXT');
    expect((err as LloError).format()).toMatch(/^scan\.pdf: the PDF has no text layer \(2 page\(s\)/u);
  });

  it('refuses a corrupt PDF', async () => {
    const err = (await readPdf(pdf.subarray(0, 400), 'broken.pdf').catch((e: unknown) => e)) as LloError;
    expect(err.code).toBe('LLO_PDF_INVALID');
    const notPdf = (await readPdf(Buffer.from('hello'), 'fake.pdf').catch((e: unknown) => e)) as LloError;
    expect(notPdf.format()).toBe('fake.pdf: not a PDF file (no %PDF- header)');
  });
});
