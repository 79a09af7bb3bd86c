import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { loadCodebook } from '../src/codebook/load.js';
import type { Segment } from '../src/corpus/segments.js';
import { collectQuotes } from '../src/quotes/quotes.js';
import { peopleCsv } from '../src/io/people-csv.js';
import { quotesCsv } from '../src/quotes/render.js';
import { selectCodes } from '../src/quotes/select.js';
import { ROOT, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';
import { codingOn } from './helpers/segment.js';

const seg = (document: string, n: number, page: string, text: string): Segment => ({
  document,
  segment: `${document}:${n}`,
  page,
  section: 'Inleiding',
  start: n * 100,
  end: n * 100 + text.length,
  hash: 'x',
  text,
});
const coding = (coder: string, s: Segment, code: string, memo = '', evidence = '') =>
  codingOn(s, { coder, code, memo, evidence });

describe('quotes core', async () => {
  const { codebook } = await loadCodebook(join(ROOT, 'codebooks/llo.yaml'));
  const segments = [
    seg('brief', 1, '1', 'Eerste alinea.'),
    seg('brief', 2, '1', 'De overheid stimuleert scholing.'),
    seg('brief', 3, '2', 'Derde alinea.'),
    seg('akkoord', 1, '7', 'Werkgevers nemen het initiatief.'),
  ];
  const docs = new Map([
    ['brief', { cite: 'TK 2021/2022b', title: 'Voortgang STAP' }],
    ['akkoord', { cite: 'VVD et al. 2021', title: 'Coalitieakkoord' }],
  ]);
  const codings = [
    coding('anna', segments[1]!, 'overheid.faciliteren-stimuleren', 'duidelijk', 'overheid … stimuleert'),
    coding('ben', segments[1]!, 'overheid.faciliteren-stimuleren', '=HYPERLINK("x")'),
    coding('ben', segments[3]!, 'maatschappelijke-organisaties.initiatiefnemer'),
    coding('anna', segments[3]!, 'burgers.initiatiefnemer'),
    coding('anna', segments[0]!, ''),
  ];

  it('one quote per segment with citation, page, coders, evidence and memos; context within the document', async () => {
    const codes = selectCodes(codebook, { code: 'overheid.faciliteren-stimuleren' });
    const [q, ...rest] = collectQuotes(codings, segments, codes, docs, { context: 1 });
    expect(rest).toEqual([]);
    expect(q).toMatchObject({
      citation: '(TK 2021/2022b: 1)',
      coders: ['anna', 'ben'],
      evidence: ['overheid … stimuleert'],
      memos: [
        { coder: 'anna', memo: 'duidelijk' },
        { coder: 'ben', memo: '=HYPERLINK("x")' },
      ],
    });
    expect(q!.before.map((c) => c.segment)).toEqual(['brief:1']);
    expect(q!.after.map((c) => c.segment)).toEqual(['brief:3']);
    // The neighbour of the last segment of a document is not the next document's first.
    const [last] = collectQuotes(codings, segments, selectCodes(codebook, { role: 'initiatiefnemer' }), docs, {
      context: 2,
    });
    expect(last!.before.map((c) => c.segment)).toEqual([]);
  });

  it('a role across actors, filtered by coder; unknown ids are errors that list the known ones', async () => {
    const role = selectCodes(codebook, { role: 'initiatiefnemer' }).map((c) => c.id);
    expect(role).toEqual(['burgers.initiatiefnemer', 'maatschappelijke-organisaties.initiatiefnemer']);
    const all = collectQuotes(codings, segments, selectCodes(codebook, { role: 'initiatiefnemer' }), docs);
    expect(all[0]!.codes).toEqual(role);
    const ben = collectQuotes(codings, segments, selectCodes(codebook, { role: 'initiatiefnemer' }), docs, {
      coders: ['ben'],
    });
    expect(ben[0]!.codes).toEqual(['maatschappelijke-organisaties.initiatiefnemer']);
    expect(() => selectCodes(codebook, { code: 'overheid.faciliteren' })).toThrow(
      /unknown code "overheid\.faciliteren"/u,
    );
    expect(() => selectCodes(codebook, { code: 'overheid.reguleren', actor: 'markt' })).toThrow(
      /no code of the codebook fits/u,
    );
  });

  it('CSV is spreadsheet-safe; --excel adds a BOM, ";" and CRLF', async () => {
    const quotes = collectQuotes(codings, segments, selectCodes(codebook, { actor: 'overheid' }), docs);
    const plain = quotesCsv(quotes);
    expect(plain).toContain(`"anna: duidelijk | ben: =HYPERLINK(""x"")"`); // not at the start of the cell: harmless
    const ben = collectQuotes(codings, segments, selectCodes(codebook, { actor: 'overheid' }), docs, {
      coders: ['ben'],
    });
    expect(quotesCsv(ben)).toContain(`,"'=HYPERLINK(""x"")",`);
    const rows: Record<string, string>[] = parse(plain, { columns: true });
    expect(rows[0]!.citation).toBe('(TK 2021/2022b: 1)');
    const excel = quotesCsv(quotes, { excel: true });
    expect(excel.startsWith('\uFEFFcitation;cite;page;')).toBe(true);
    expect(excel.split('\r\n')).toHaveLength(3);
    const excelRows: Record<string, string>[] = parse(excel, { columns: true, bom: true, delimiter: ';' });
    expect(excelRows[0]!.memo).toBe('anna: duidelijk | ben: =HYPERLINK("x")');
  });
});

describe('CSV for people (src/io/people-csv.ts)', () => {
  it('--excel: BOM, ";", CRLF unless turned off, decimal comma only in numeric columns, formulas neutralised', async () => {
    const rows = [
      ['0.250', '3.2', '+31 6 1234'],
      ['-1.5', '@SUM(A1)', 'x'],
    ];
    expect(peopleCsv(['share', 'section', 'note'], rows)).toBe(
      "share,section,note\n0.250,3.2,'+31 6 1234\n'-1.5,'@SUM(A1),x\n",
    );
    expect(peopleCsv(['share', 'section', 'note'], rows, { excel: true, numeric: ['share'] })).toBe(
      "\uFEFFshare;section;note\r\n0,250;3.2;'+31 6 1234\r\n-1,5;'@SUM(A1);x\r\n",
    );
    expect(peopleCsv(['a'], [['b']], { excel: true, crlf: false })).toBe('\uFEFFa\nb\n');
    // A number in a numeric column is a number, not a formula: "-1.5" and "-2" stay as they are.
    expect(peopleCsv(['share'], [['-1.5'], ['-2'], ['-x']], { numeric: ['share'] })).toBe("share\n-1.5\n-2\n'-x\n");
    expect(peopleCsv(['share'], [['-2'], ['0.5']], { excel: true, numeric: ['share'] })).toBe(
      '\uFEFFshare\r\n-2\r\n0,5\r\n',
    );
  });
});

describe('llo quotes', () => {
  it('prints the quotes of a code on the bundled project with citations and pages', async () => {
    const run = await inProcess(['quotes', '--code', 'overheid.faciliteren-stimuleren']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const coded = new Set(
      readFileSync(join(ROOT, 'out/codings/auto.csv'), 'utf8')
        .split('\n')
        .filter((l) => l.includes(',overheid.faciliteren-stimuleren,'))
        .map((l) => l.split(',')[2]),
    );
    expect(coded.size).toBeGreaterThan(5);
    expect(run.stdout).toContain(`${coded.size} segments in`);
    expect(run.stdout.match(/^> /gmu)).toHaveLength(coded.size);
    // Every quote of the coalition agreement (a PDF) is cited with its printed page.
    expect(run.stdout).toMatch(/\*\*\(VVD et al\. 2021: \d+\)\*\*/u);
    expect(run.stdout).toContain('**(VVD et al. 2021: 20)** · section “4. Bestaanszekerheid');
    expect(run.stdout).toContain('## Kamerstukken II 2021/22, 30012, nr. 142 — ');
  });

  it('--json with --context; --csv; unknown code', async () => {
    const json = JSON.parse((await inProcess(['quotes', '--actor', 'markt', '--json', '--context', '1'])).stdout);
    expect(json.quotes.length).toBeGreaterThan(0);
    for (const q of json.quotes) expect(q.codes.every((c: string) => c.startsWith('markt.'))).toBe(true);
    expect(json.quotes.some((q: { before: unknown[] }) => q.before.length === 1)).toBe(true);
    const csv = await inProcess(['quotes', '--paradigm', 'NPM', '--csv']);
    expect(csv.stdout.split('\n')[0]).toBe(
      'citation,cite,page,document,segment,section,codes,coders,evidence,memo,text,context_before,context_after',
    );
    const bad = await inProcess(['quotes', '--code', 'overheid.nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^llo: error: unknown code "overheid\.nope" \(codes: overheid\.reguleren, /u);
  });

  it('control characters in a memo never reach the terminal', async () => {
    const dir = tempDir();
    const file = join(dir, 'anna.csv');
    // A row of the automatic coder without quoted fields, cut to the nine columns of a hand-made file.
    const row = readFileSync(join(ROOT, 'out/codings/auto.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .find((l) => l !== '' && !l.includes('"'))!;
    const line = row.split(',').slice(0, 9);
    line[0] = 'anna';
    line[8] = 'bel\u0007 \u001b]52;c;aGk=\u0007';
    writeFileSync(file, `coder,document,segment,start,end,code,origin,evidence,memo\n${line.join(',')}\n`);
    const run = await inProcess(['quotes', file]);
    expect(run.code).toBe(0);
    expect(run.stdout.includes('\u0007') || run.stdout.includes('\u001b')).toBe(false);
    expect(run.stdout).toContain('Memo (anna): bel\\x07 \\x1b]52;c;aGk=\\x07');
  });
});
