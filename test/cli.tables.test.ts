import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, ROOT, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';

describe('llo tables', () => {
  let dir: string;
  let segments: string;
  let codings: string;
  let out: string;
  const args = () => [
    codings,
    '--segments',
    segments,
    '--codebook',
    join(ROOT, 'codebooks/llo.yaml'),
    '--corpus',
    CORPUS,
    '--out',
    out,
  ];
  const snapshot = () =>
    Object.fromEntries(
      readdirSync(out)
        .sort()
        .map((f) => [f, readFileSync(join(out, f), 'utf8')]),
    );

  beforeAll(async () => {
    dir = tempDir();
    segments = join(dir, 'segments.csv');
    codings = join(dir, 'auto.csv');
    out = join(dir, 'tables');
    expect((await inProcess(['ingest', CORPUS, '--out', segments])).code).toBe(0);
    expect((await inProcess(['code', '--segments', segments, '--coder', 'auto', '--out', codings])).code).toBe(0);
  });

  it('writes the tables, charts and README; a second run leaves every file byte-identical', async () => {
    const run = await inProcess(['tables', ...args()]);
    expect(run.code).toBe(0);
    const first = snapshot();
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining([
        'README.md',
        'actors.csv',
        'paradigms.md',
        'paradigms.svg',
        'dominance-burgers.csv',
        'dominance-burgers.svg',
        'codes-by-document.csv',
        'cooccurrence.csv',
      ]),
    );
    expect(first['README.md']).toContain('LLO actor roles version 1.5.0');
    expect((await inProcess(['tables', ...args()])).stdout).toMatch(/0 files written, 22 unchanged/u);
    expect(snapshot()).toEqual(first);
    expect((await inProcess(['tables', '--check', ...args()])).code).toBe(0);
  });

  it('--excel writes the CSVs for Excel (BOM, ";", CRLF, decimal comma), listed in .llo-files; --check compares the plain form', async () => {
    expect((await inProcess(['tables', ...args()])).code).toBe(0);
    const plain = snapshot();
    const excelDir = join(dir, 'tables-excel');
    const withOut = (folder: string) => [...args().slice(0, -1), folder];
    expect((await inProcess(['tables', ...withOut(excelDir), '--excel'])).code).toBe(0);
    const paradigms = readFileSync(join(excelDir, 'paradigms.csv'), 'utf8');
    expect(paradigms.startsWith('\uFEFFactor;codings;TPA;NPM;NG;SR;dominant;mix index\r\n')).toBe(true);
    for (const name of Object.keys(plain).filter((f) => f.endsWith('.csv'))) {
      const excel: string[][] = parse(readFileSync(join(excelDir, name), 'utf8'), { bom: true, delimiter: ';' });
      const wanted: string[][] = parse(plain[name]!);
      // Every number with its decimal comma, every other cell as in the plain CSV.
      expect(excel, name).toEqual(wanted.map((r) => r.map((c) => (/^-?\d+\.\d+$/u.test(c) ? c.replace('.', ',') : c))));
    }
    expect(paradigms).toMatch(/^overheid;\d+;0,\d{3};/mu);
    // The manifest lists exactly what --excel wrote, with the hash of its bytes.
    const manifest = readFileSync(join(excelDir, '.llo-files'), 'utf8').trimEnd().split('\n');
    expect(manifest.map((l) => l.slice(66)).sort()).toEqual(Object.keys(plain).filter((f) => f !== '.llo-files'));
    for (const line of manifest)
      expect(line.slice(0, 64)).toBe(
        createHash('sha256')
          .update(readFileSync(join(excelDir, line.slice(66))))
          .digest('hex'),
      );
    // --check regenerates the plain form (what CI checks); with --excel, the Excel form.
    expect((await inProcess(['tables', '--check', ...withOut(excelDir)])).code).toBe(1);
    expect((await inProcess(['tables', '--check', '--excel', ...withOut(excelDir)])).code).toBe(0);
    expect((await inProcess(['tables', '--check', ...args()])).code).toBe(0);
    // A plain run takes the folder back: llo wrote those files, so it may overwrite them.
    expect((await inProcess(['tables', ...withOut(excelDir)])).stdout).toMatch(/ \(9 files written, 13 unchanged\)/u);
    for (const [name, content] of Object.entries(plain))
      expect(readFileSync(join(excelDir, name), 'utf8'), name).toBe(content);
  });

  it('--check fails with exit 1 and a diff after one coding row is edited', async () => {
    expect((await inProcess(['tables', ...args()])).code).toBe(0);
    const edited = join(dir, 'edited.csv');
    const lines = readFileSync(codings, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(',overheid.faciliteren-stimuleren,'));
    lines[i] = lines[i]!.replace(',overheid.faciliteren-stimuleren,', ',overheid.regisseren,');
    writeFileSync(edited, lines.join('\n'));
    const run = await inProcess(['tables', '--check', edited, ...args().slice(1)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`--- ${join(out, 'dominance-overheid.csv')} (on disk)`);
    expect(run.stdout).toMatch(/^-overheid\.regisseren,regisseren,1,/mu);
    expect(run.stdout).toMatch(/^\+overheid\.regisseren,regisseren,2,/mu);
    expect(run.stderr).toMatch(
      /^llo: error: .*tables: the tables are out of date \(\d+ files differ\); run `llo tables` and commit the result\n$/u,
    );
  });

  it('refuses codings with unknown codes or segments, listing the first 10 and the count', async () => {
    const bad = join(dir, 'bad.csv');
    const rows = Array.from(
      { length: 12 },
      (_, k) =>
        `x,kst-30012-142,kst-30012-142:${k < 6 ? 5 : 900 + k},221,1333,${k < 6 ? `overheid.onbekend${k}` : 'overheid.reguleren'},manual,,`,
    );
    writeFileSync(bad, ['coder,document,segment,start,end,code,origin,evidence,memo', ...rows].join('\n') + '\n');
    const run = await inProcess(['tables', bad, ...args().slice(1)]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^llo: error: .*bad\.csv:2: 12 coding rows do not fit the codebook or the segments; the first: unknown code "overheid\.onbekend0"/u,
    );
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe('  … and 2 more');
  });

  it('splits by document type', async () => {
    const run = await inProcess(['tables', ...args(), '--by', 'type']);
    expect(run.code).toBe(0);
    expect(readdirSync(join(out, 'by-type')).sort()).toEqual([
      'coalitieakkoord',
      'kamerbrief',
      'regeling',
      'toelichting',
      'verslag',
    ]);
    expect((await inProcess(['tables', ...args()])).stdout).toMatch(/stale removed/u);
    expect(readdirSync(out)).not.toContain('by-type');
  });
});
