import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCodingsAgreement } from '../src/agreement/run.js';
import { codingsAgreement, segmentItems } from '../src/agreement/codings-mode.js';
import { loadCodebook } from '../src/codebook/load.js';
import { readAllCodings } from '../src/coding/codings.js';
import { LloError } from '../src/errors.js';
import { projectsToCodings } from '../src/interop/agreement.js';
import { qdcText } from '../src/interop/export.js';
import { runImportQdc, runImportQdpx, type ImportOptions } from '../src/interop/import.js';
import { runTables } from '../src/tables/run.js';
import { Workspace } from '../src/workspace/index.js';
import { FIXTURES, ROOT, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';
import { declareSize, qdpxOf, renameEntry } from './helpers/qdpx.js';

const FX = join(FIXTURES, 'interop');
let dir: string;
beforeAll(async () => {
  dir = tempDir('llo-import-');
});

/** Imports a file that must be refused; returns the error line, and checks that nothing was written. */
async function refused(file: string, options: Partial<ImportOptions> = {}): Promise<string> {
  const parent = tempDir('llo-refused-');
  const out = join(parent, 'out');
  const err = await runImportQdpx({ file, out, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LloError);
  expect(readdirSync(parent)).toEqual([]);
  return (err as LloError).format();
}

const zipOf = async (entries: { name: string; data: string | Buffer; mode?: number }[]): Promise<Buffer> => {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.from(e.data), e.name, e.mode ? { mode: e.mode } : {});
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const file = (name: string, data: Buffer | string) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const maxqdaQde = () => readFileSync(join(FX, 'maxqda/project.qde'), 'utf8');
/** The MAXQDA-shaped fixture with its project.qde changed. */
const maxqdaWith = (name: string, edit: (qde: string) => string) =>
  qdpxOf(join(FX, 'maxqda'), join(dir, name), (entries) =>
    entries.map((e) => (e.name === 'project.qde' ? { ...e, data: Buffer.from(edit(e.data.toString('utf8'))) } : e)),
  );

describe('bad input: one clear error, nothing written', () => {
  it('not a zip', async () => {
    const f = file('text.qdpx', 'just text, not an archive\n');
    expect(await refused(f)).toBe(
      `${f}: not a zip archive (no end-of-central-directory record: not a zip file, or a truncated one)`,
    );
  });

  it('no project.qde', async () => {
    const f = file('noproject.qdpx', await zipOf([{ name: 'sources/a.txt', data: 'tekst' }]));
    expect(await refused(f)).toBe(`${f}: no project.qde in the archive: not a REFI-QDA project file`);
  });

  it('XML that is not well-formed', async () => {
    const f = await maxqdaWith('broken.qdpx', (qde) => qde.replace('</CodeBook>', '</Codebook>'));
    expect(await refused(f)).toBe(`${f}!project.qde:21:12: not well-formed XML: unexpected close tag.`);
  });

  it('XML not valid against the schema: names the element and its line', async () => {
    const f = await maxqdaWith('invalid.qdpx', (qde) =>
      qde.replace(/(<PlainTextSelection guid="[^"]+") startPosition="\d+"/u, '$1'),
    );
    const line =
      maxqdaQde()
        .split('\n')
        .findIndex((l) => l.includes('<PlainTextSelection')) + 1;
    expect(await refused(f)).toBe(
      `${f}!project.qde:${line}:4: not valid against the REFI-QDA schema: <PlainTextSelection> lacks the required attribute "startPosition"`,
    );
  });

  it.each([
    ['internal://../../etc/passwd', 'points outside the archive ("..")'],
    ['internal:///etc/passwd', 'is an absolute path; llo reads only texts inside the archive'],
    ['absolute://C:/Users/anna/interview.txt', 'is an absolute path; llo reads only texts inside the archive'],
    ['/home/anna/interview.txt', 'is an absolute path; llo reads only texts inside the archive'],
    ['internal://missing.txt', 'names no file in the archive'],
  ])('plainTextPath %s', async (path, why) => {
    const f = await maxqdaWith('path.qdpx', (qde) =>
      qde.replace('internal://51000002-0000-4000-8000-00000000000A.txt', path),
    );
    expect(await refused(f)).toBe(`${f}!project.qde: plainTextPath "${path}" ${why}`);
  });

  it('an entry that climbs out of the archive', async () => {
    const zip = await zipOf([
      { name: 'project.qde', data: maxqdaQde() },
      { name: 'xx/evil.txt', data: 'x' },
    ]);
    const f = file('climb.qdpx', renameEntry(zip, 'xx/evil.txt', '../evil.txt'));
    expect(await refused(f)).toBe(`${f}: entry "../evil.txt" points outside the archive ("..")`);
  });

  it('an entry with an absolute path', async () => {
    const zip = await zipOf([
      { name: 'project.qde', data: maxqdaQde() },
      { name: 'etc/passwdx', data: 'x' },
    ]);
    const f = file('absolute.qdpx', renameEntry(zip, 'etc/passwdx', '/etc/passwd'));
    expect(await refused(f)).toBe(`${f}: entry "/etc/passwd" has an absolute path`);
  });

  it('a symbolic link', async () => {
    const f = file(
      'link.qdpx',
      await zipOf([
        { name: 'project.qde', data: maxqdaQde() },
        { name: 'sources/51000002-0000-4000-8000-00000000000A.txt', data: '/etc/passwd', mode: 0o120777 },
      ]),
    );
    expect(await refused(f)).toBe(
      `${f}: entry "sources/51000002-0000-4000-8000-00000000000A.txt" is a symbolic link; links are refused`,
    );
  });

  it('a zip bomb: an entry that inflates to more than it declares', async () => {
    const zip = await zipOf([{ name: 'project.qde', data: maxqdaQde() + ' '.repeat(4_000_000) }]);
    const f = file('bomb.qdpx', declareSize(zip, 'project.qde', 100_000));
    expect(await refused(f)).toBe(`${f}: entry "project.qde" declares 100000 bytes but inflates to more (a zip bomb?)`);
  });

  it('a zip bomb: declared sizes over the cap (512 MiB by default) are refused before inflating', async () => {
    const zip = await zipOf([{ name: 'project.qde', data: maxqdaQde() }]);
    const f = file('huge.qdpx', declareSize(zip, 'project.qde', 0xf0000000));
    expect(await refused(f)).toBe(
      `${f}: the entries to read declare 4026531840 bytes uncompressed, more than the cap of 536870912`,
    );
  });

  it('a zip bomb: the cap counts every entry read (source texts too)', async () => {
    const f = await qdpxOf(join(FX, 'maxqda'), join(dir, 'capped.qdpx'), (entries) =>
      entries.map((e) => (e.name.startsWith('sources/51') ? { ...e, data: Buffer.alloc(2_000_000, 0x61) } : e)),
    );
    expect(await refused(f, { limits: { maxTotalBytes: 1_000_000, maxEntries: 10 } })).toBe(
      `${f}: the entries to read declare 4000000 bytes uncompressed, more than the cap of 1000000`,
    );
  });

  it('an output folder that holds files already', async () => {
    const f = await qdpxOf(join(FX, 'maxqda'), join(dir, 'ok.qdpx'));
    const out = tempDir();
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const err = (await runImportQdpx({ file: f, out }).catch((e: unknown) => e)) as LloError;
    expect(err.format()).toBe(`${out}: the output folder exists and is not empty; llo imports into a new folder`);
    expect(readdirSync(out)).toEqual(['keep.txt']);
  });
});

/** Each coding as "coder segment code: «coded text»" for readable assertions. */
function codedTexts(out: string): string[] {
  const texts = new Map<string, string>();
  for (const f of readdirSync(join(out, 'corpus')).filter((f) => f.endsWith('.txt')))
    texts.set(f.replace(/\.txt$/u, ''), readFileSync(join(out, 'corpus', f), 'utf8'));
  return readdirSync(join(out, 'codings')).flatMap((f) =>
    readFileSync(join(out, 'codings', f), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [coder, document, segment, start, end, code] = line.split(',');
        return `${coder} ${segment} ${code}: «${[...texts.get(document!)!].slice(Number(start), Number(end)).join('')}»`;
      }),
  );
}

describe('a project in MAXQDA 24’s shape: two users, themes, memos, variables', () => {
  let out: string;
  let summary: Awaited<ReturnType<typeof runImportQdpx>>;
  beforeAll(async () => {
    out = join(dir, 'maxqda');
    summary = await runImportQdpx({ file: await qdpxOf(join(FX, 'maxqda'), join(dir, 'maxqda.qdpx')), out });
  });

  it('codes the segments a selection overlaps by at least half, per user', async () => {
    expect(codedTexts(out)).toEqual([
      'anna Beleidsnota-regio:2 financiering: «Gemeenten en werkgevers werken in de regio samen aan scholing voor werkenden. De overheid stelt daarvoor een budget beschikbaar.»',
      'anna Beleidsnota-regio:2 samenwerking: «Gemeenten en werkgevers werken in de regio samen aan scholing voor werkenden. De overheid stelt daarvoor een budget beschikbaar.»',
      'anna Beleidsnota-regio:3 regie-werkenden: «Zij houden de regie over hun loopbaan»',
      'anna Interview-wethouder:3 financiering: «De gemeente betaalt een deel van de cursus»',
      'ben Beleidsnota-regio:2 samenwerking: «werken in de regio samen»',
      // The selection runs from the end of paragraph 3 over all of paragraph 4: it codes 4 only.
      'ben Beleidsnota-regio:4 sturing-regie: «Opleiders bieden modulair onderwijs aan. Het aanbod sluit aan bij de vraag van de arbeidsmarkt.»',
      'ben Interview-wethouder:3 financiering: «De gemeente betaalt een deel van de cursus; de werkgever de rest.»',
      'ben Interview-wethouder:3 samenwerking: «De gemeente betaalt een deel van de cursus; de werkgever de rest.»',
    ]);
    expect(summary.report.annotations).toBe(1);
    // The codings file keeps the memo exactly; only what shows it to people makes it spreadsheet-safe.
    expect(readFileSync(join(out, 'codings/anna.csv'), 'utf8')).toContain(',=budget of subsidie? Zie ook p. 3,,\n');
  });

  it('keeps every code as a theme, with its hierarchy, name, description and colour', async () => {
    const { codebook } = await loadCodebook(join(out, 'codebook.yaml'));
    expect(codebook.actors).toEqual([]);
    expect(codebook.codes.map((c) => [c.id, c.origin, c.actor, c.theme])).toEqual([
      [
        'governance',
        'theme',
        '',
        { label: 'Governance', definition: 'Parent category: how tasks are divided.', color: '#ef8256' },
      ],
      [
        'sturing-regie',
        'theme',
        '',
        {
          label: 'Sturing & regie',
          definition: 'Apply when someone steers or keeps control.',
          color: '#ef8256',
          parent: 'governance',
        },
      ],
      ['samenwerking', 'theme', '', { label: 'Samenwerking', color: '#ef8256', parent: 'governance' }],
      ['financiering', 'theme', '', { label: 'Financiering', definition: 'Who pays.', color: '#33aa99' }],
      ['regie-werkenden', 'theme', '', { label: 'Regie (werkenden)' }],
    ]);
  });

  it('keeps the documents’ variables', async () => {
    const manifest = readFileSync(join(out, 'corpus/corpus.yaml'), 'utf8');
    expect(manifest).toContain('notes: "Jaar: 2023; Soort: beleidsnota"');
  });

  it('is ready for llo agreement, and agreement straight on the project gives the same', async () => {
    const files = ['anna', 'ben'].map((c) => join(out, 'codings', `${c}.csv`));
    const viaFiles = await runCodingsAgreement({
      files,
      segments: join(out, 'segments.csv'),
      codebook: join(out, 'codebook.yaml'),
      unit: 'segment',
    });
    const direct = await projectsToCodings([join(dir, 'maxqda.qdpx')]);
    expect(direct.alignment).toBe('guid');
    const { items, untouched } = segmentItems(
      direct.segments.map((s) => s.segment),
      [...direct.codings.values()],
    );
    expect(codingsAgreement(items, untouched, [...direct.codings.keys()], direct.codebook)).toEqual(viaFiles.report);
    expect(viaFiles.report.perCode.find((v) => v.variable === 'samenwerking')!.counts).toEqual({
      both: 1,
      onlyA: 0,
      onlyB: 1,
      neither: 5,
    });
  });

  it('gives tables by actor that leave the themes out and say so', async () => {
    const ws = await Workspace.open({
      codebook: join(out, 'codebook.yaml'),
      segments: join(out, 'segments.csv'),
      corpus: join(out, 'corpus'),
    });
    const tables = await runTables(ws, {
      codings: ['anna', 'ben'].map((c) => join(out, 'codings', `${c}.csv`)),
      out: join(out, 'tables'),
    });
    expect(tables.get('README.md')).toContain(
      '- Left out: 8 codings with 5 themes (codes without an actor role, from an imported QDA project); `llo agreement` counts them, tables by actor cannot.',
    );
    expect(tables.get('codes-by-document.csv')).not.toContain('samenwerking');
  });

  it('with --unit character, codes every segment a selection touches, with the exact spans', async () => {
    const char = join(dir, 'maxqda-char');
    await runImportQdpx({ file: join(dir, 'maxqda.qdpx'), out: char, unit: 'character' });
    expect(codedTexts(char).filter((l) => l.includes('sturing-regie'))).toEqual([
      'ben Beleidsnota-regio:3 sturing-regie: «worden daarbij ondersteund.»',
      'ben Beleidsnota-regio:4 sturing-regie: «Opleiders bieden modulair onderwijs aan. Het aanbod sluit aan bij de vraag van de arbeidsmarkt.»',
    ]);
  });
});

describe('positions counted otherwise: detected, converted, and reported', () => {
  const expected = [
    'Coder-1 Kamerbrief-LLO:2 investeren: «Iedere volwassene krijgt een persoonlijk ontwikkelbudget.»',
    'Coder-1 Kamerbrief-LLO:3 investeren: «Zij maken tijd vrij voor scholing.»',
    'Coder-1 Kamerbrief-LLO:4 uitvoering: «Het UWV voert de regeling uit.»',
    'Coder-1 Regeling:2 uitvoering: «De minister stelt de regels vast.»',
  ];

  it('ATLAS.ti: CRLF texts, a line break counted as one character, the project in "<name>.qde"', async () => {
    const out = join(dir, 'atlas');
    const s = await runImportQdpx({ file: await qdpxOf(join(FX, 'atlas'), join(dir, 'atlas.qdpx')), out });
    expect(codedTexts(out).map((l) => l.replace(/^Coder 1/u, 'Coder-1'))).toEqual(expected);
    expect(s.report.countings).toEqual([
      {
        document: 'Kamerbrief-LLO',
        counting: 'a CRLF line break counted as one character',
        evidence: 'ATLAS.ti counts a CRLF line break as one character, and the names of 3 of 4 selections agree',
      },
      {
        document: 'Regeling',
        counting: 'a CRLF line break counted as one character',
        evidence: 'ATLAS.ti counts a CRLF line break as one character, and the names of 1 of 1 selections agree',
      },
    ]);
    expect(s.report.misfits).toEqual([
      {
        document: 'Kamerbrief-LLO',
        selection: '"Beyond the end"',
        line: 29,
        reason:
          'positions 900-950 lie outside the text, which has 184 positions (a CRLF line break counted as one character)',
      },
    ]);
    expect(s.report.skipped).toEqual([
      { source: 'Scan.pdf', reason: 'a PDF without a text representation (llo codes text only)' },
      { source: 'Affiche.png', reason: 'a picture source (llo codes text only)' },
    ]);
  });

  it('ATLAS.ti without selection names: the package’s known counting decides', async () => {
    const f = await qdpxOf(join(FX, 'atlas'), join(dir, 'atlas-nonames.qdpx'), (entries) =>
      entries.map((e) =>
        e.name.endsWith('.qde')
          ? {
              ...e,
              data: Buffer.from(e.data.toString('utf8').replace(/(<PlainTextSelection [^>]*?) name="[^"]*"/gu, '$1')),
            }
          : e,
      ),
    );
    const out = join(dir, 'atlas-nonames');
    const s = await runImportQdpx({ file: f, out });
    expect(codedTexts(out).map((l) => l.replace(/^Coder 1/u, 'Coder-1'))).toEqual(expected);
    expect(s.report.countings[0]!.evidence).toBe(
      'ATLAS.ti counts a CRLF line break as one character (no selection names to check against)',
    );
  });

  it('NVivo-like: CRLF counted as two, and UTF-16 code units after an emoji, found from the names', async () => {
    const out = join(dir, 'nvivo');
    const s = await runImportQdpx({ file: await qdpxOf(join(FX, 'nvivo'), join(dir, 'nvivo.qdpx')), out });
    expect(codedTexts(out).map((l) => l.replace(/^Coder 1/u, 'Coder-1'))).toEqual(expected);
    expect(s.report.countings).toEqual([
      {
        document: 'Kamerbrief-LLO',
        counting: 'UTF-16 code units',
        evidence: 'the names of 3 of 4 selections match only so',
      },
    ]);
  });

  it('a selection whose name does not read like its text is kept and flagged', async () => {
    const f = await qdpxOf(join(FX, 'nvivo'), join(dir, 'nvivo-renamed.qdpx'), (entries) =>
      entries.map((e) =>
        e.name === 'project.qde'
          ? {
              ...e,
              data: Buffer.from(
                e.data.toString('utf8').replace('name="Het UWV voert de regeling uit."', 'name="UWV als uitvoerder"'),
              ),
            }
          : e,
      ),
    );
    const s = await runImportQdpx({ file: f, out: join(dir, 'nvivo-renamed') });
    expect(s.report.doubtful).toEqual([
      {
        document: 'Kamerbrief-LLO',
        selection: 'a2000007-0000-4000-8000-000000000003'.toUpperCase(),
        line: 24,
        name: 'UWV als uitvoerder',
        text: 'Het UWV voert de regeling uit.',
      },
    ]);
  });
});

describe('llo import on the command line', () => {
  it('prints what it wrote and what it left out', async () => {
    const f = await qdpxOf(join(FX, 'atlas'), join(dir, 'cli-atlas.qdpx'));
    const out = join(dir, 'cli-atlas');
    const r = await inProcess(['import', 'qdpx', f, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      `${out}: 2 documents, 6 segments (paragraphs), 2 codes (2 themes without an actor role)`,
      `  Coder 1: 4 codings → ${out}/codings/Coder-1.csv`,
      '  skipped source "Scan.pdf": a PDF without a text representation (llo codes text only)',
      '  skipped source "Affiche.png": a picture source (llo codes text only)',
      '  Kamerbrief-LLO: positions read as a CRLF line break counted as one character (ATLAS.ti counts a CRLF line break as one character, and the names of 3 of 4 selections agree)',
      '  Regeling: positions read as a CRLF line break counted as one character (ATLAS.ti counts a CRLF line break as one character, and the names of 1 of 1 selections agree)',
      '  left out, Kamerbrief-LLO (project.qde line 29) selection "Beyond the end": positions 900-950 lie outside the text, which has 184 positions (a CRLF line break counted as one character)',
      '',
    ]);
    await expect(readAllCodings(join(out, 'codings/Coder-1.csv'))).resolves.toHaveLength(4);
  });

  it('refuses a bad file with one line and exit 1, writing nothing', async () => {
    const f = file('cli-bad.qdpx', 'no zip');
    const out = join(dir, 'cli-bad');
    const r = await inProcess(['import', 'qdpx', f, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `llo: error: ${f}: not a zip archive (no end-of-central-directory record: not a zip file, or a truncated one)\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('imports a .qdc codebook', async () => {
    const qdc = join(dir, 'cb.qdc');
    writeFileSync(qdc, qdcText((await loadCodebook(join(ROOT, 'codebooks/llo.yaml'))).codebook));
    const s = await runImportQdc({ file: qdc, out: join(dir, 'qdc') });
    expect(s.themes).toEqual([]);
    expect((await loadCodebook(join(dir, 'qdc/codebook.yaml'))).codebook.codes).toHaveLength(27);
  });

  it('a .qdc loses the codebook’s name, version, language, description and stop phrases (no place in the format), and says so', async () => {
    const book = (await loadCodebook(join(ROOT, 'codebooks/llo.yaml'))).codebook;
    expect(book.stop?.length).toBeGreaterThan(0);
    const qdc = join(dir, 'study-codes.qdc');
    writeFileSync(qdc, qdcText(book));
    const out = join(dir, 'qdc-loss');
    const r = await inProcess(['import', 'qdc', qdc, '--out', out]);
    expect(r.stdout).toBe(
      `${out}/codebook.yaml: 27 codes, 0 themes\n` +
        '  a .qdc has no place for the codebook\'s name, version, language, description and stop phrases: it is now "study-codes", version 1, language und; set them in codebook.yaml\n',
    );
    const back = (await loadCodebook(join(out, 'codebook.yaml'))).codebook;
    expect([back.name, back.version, back.language, back.description, back.stop]).toEqual([
      'study-codes',
      '1',
      'und',
      undefined,
      undefined,
    ]);
    expect([book.name, book.version, book.language]).not.toEqual([back.name, back.version, back.language]);
    // The codes, actors and paradigms come back whole.
    expect(back.codes).toEqual(book.codes);
    expect(back.paradigms).toEqual(book.paradigms);
  });
});

describe('agreement on several projects: aligning their sources', () => {
  it('pairs sources by name when the GUIDs and text paths differ, and refuses different texts', async () => {
    const a = await qdpxOf(join(FX, 'maxqda'), join(dir, 'align-a.qdpx'));
    // The same project exported anew: the sources got new GUIDs (and so new text paths).
    const renamed = (text: string) =>
      text.replaceAll('51000002-0000-4000-8000-00000000000', '51000002-0000-4000-8000-0000000000F');
    const b = await qdpxOf(join(FX, 'maxqda'), join(dir, 'align-b.qdpx'), (entries) =>
      entries.map((e) => ({
        name: renamed(e.name),
        data: e.name === 'project.qde' ? Buffer.from(renamed(e.data.toString('utf8'))) : e.data,
      })),
    );
    const both = await projectsToCodings([a, b]);
    expect(both.alignment).toBe('name');
    expect([...both.codings.keys()]).toEqual(['anna', 'ben', 'anna (align-b.qdpx)', 'ben (align-b.qdpx)']);
    expect(both.codings.get('anna (align-b.qdpx)')).toEqual(
      both.codings.get('anna')!.map((c) => ({ ...c, coder: 'anna (align-b.qdpx)' })),
    );

    const c = await qdpxOf(join(FX, 'maxqda'), join(dir, 'align-c.qdpx'), (entries) =>
      entries.map((e) =>
        e.name.endsWith('A.txt') ? { ...e, data: Buffer.from(e.data.toString('utf8').replace('regio', 'stad')) } : e,
      ),
    );
    await expect(projectsToCodings([a, c])).rejects.toThrow(
      `source "Beleidsnota regio" holds another text than in ${a} (aligned by guid)`,
    );
  });
});
