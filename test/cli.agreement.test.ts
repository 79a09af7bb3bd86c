import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';

const REF = join(ROOT, 'corpus/reference');
const SEGMENTS = join(REF, 'segments.csv');

describe('llo agreement --data', () => {
  const dir = tempDir();
  const file = join(dir, 'ratings.csv');
  // Krippendorff (2011) 4 × 12 reliability data, one row per value, missing values absent.
  const matrix = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ];
  writeFileSync(
    file,
    [
      'unit,coder,value',
      ...matrix.flatMap((vs, o) => vs.flatMap((v, u) => (v === null ? [] : [`${u + 1},${'ABCD'[o]},${v}`]))),
    ].join('\n') + '\n',
  );

  it('prints exactly the documented coefficient keys as numbers or null', async () => {
    const run = await inProcess(['agreement', '--data', file, '--level', 'interval', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out.coefficients)).toEqual([
      'percent_agreement',
      'krippendorff_alpha',
      'cohen_kappa',
      'scott_pi',
      'cohen_kappa_linear',
      'cohen_kappa_quadratic',
      'fleiss_kappa',
      'gwet_ac1',
      'brennan_prediger',
    ]);
    expect(out.coefficients.krippendorff_alpha).toBeCloseTo(0.849, 3);
    expect(out.coefficients.cohen_kappa).toBeNull();
    expect(out.undefined.cohen_kappa).toBe('needs exactly two coders; the data has 4');
  });

  it('bootstraps reproducibly and gates with exit 2', async () => {
    const args = ['agreement', '--data', file, '--bootstrap', '300', '--seed', '5', '--min-alpha', '0.8', '--json'];
    const a = await inProcess(args);
    const b = await inProcess(args);
    expect(a.code).toBe(2);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout);
    expect(out.bootstrap.ci95).toHaveLength(2);
    expect(out.bootstrap.pBelow).toBeGreaterThan(0.5);
    expect(out.gate).toEqual({ minAlpha: 0.8, passed: false });
    expect((await inProcess(['agreement', '--data', file, '--min-alpha', '0.7'])).code).toBe(0);
  });

  it('prints n/a with the reason in the table', async () => {
    const same = join(dir, 'same.csv');
    writeFileSync(same, 'unit,coder,value\n1,a,x\n1,b,x\n2,a,x\n2,b,x\n');
    const run = await inProcess(['agreement', '--data', same]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/krippendorff_alpha +n\/a/u);
    expect(run.stdout).toContain('n/a krippendorff_alpha: no variation: all pairable values are equal');
  });

  it('reports bad data with file and line', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'unit,coder,value\n1,a,2\n1,a,3\n');
    const run = await inProcess(['agreement', '--data', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `llo: error: ${bad}:3: coder "a" gives unit "1" a second value (first at line 2); use --level masi for sets of values\n`,
    );
  });
});

describe('llo agreement on codings of the bundled corpus: the automatic coder against the hand reference', () => {
  let auto: string;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    auto = join(dir, 'auto.csv');
    expect((await inProcess(['code', '--segments', SEGMENTS, '--coder', 'auto', '--out', auto])).code).toBe(0);
  });
  const files = () => [
    auto,
    join(REF, 'reference-tuning.csv'),
    join(REF, 'reference-heldout.csv'),
    '--segments',
    SEGMENTS,
  ];

  it('prints per-code, per-actor, per-paradigm and overall tables and writes the disagreements', async () => {
    const base = join(dir, 'disagreements');
    const run = await inProcess(['agreement', ...files(), '--disagreements', base]);
    expect(run.code).toBe(0);
    // The documents both coders coded: those in which the automatic coder applied some code.
    expect(run.stdout).toMatch(/Agreement between auto, reference on \d+ segments of [67] document\(s\)/u);
    for (const heading of [
      'Per code',
      'Per actor (the actor got any role)',
      'Per paradigm (any code of the paradigm)',
      'Overall',
    ])
      expect(run.stdout).toContain(heading);
    expect(run.stdout).toMatch(/α over sets of codes \(MASI\), all segments: +0\.\d{3}/u);
    const csv = readFileSync(`${base}.csv`, 'utf8').split('\n');
    expect(csv[0]).toBe('document,segment,page,code,coded_by,not_coded_by,evidence,memo,text');
    expect(csv.length).toBeGreaterThan(100);
    expect(readFileSync(`${base}.md`, 'utf8')).toMatch(/^# Disagreements between auto, reference\n/u);
  });

  it('--disagreements with --excel writes the same records as the plain CSV, in the form Excel opens (BOM, ";", CRLF)', async () => {
    const plain = join(dir, 'plain');
    const excel = join(dir, 'excel');
    expect((await inProcess(['agreement', ...files(), '--disagreements', plain])).code).toBe(0);
    expect((await inProcess(['agreement', ...files(), '--disagreements', excel, '--excel'])).code).toBe(0);
    const text = readFileSync(`${excel}.csv`, 'utf8');
    expect(text.startsWith('\uFEFFdocument;segment;page;code;coded_by;not_coded_by;evidence;memo;text\r\n')).toBe(true);
    const records: string[][] = parse(text, { bom: true, delimiter: ';' });
    expect(records).toEqual(parse(readFileSync(`${plain}.csv`, 'utf8')));
    expect(records.length).toBeGreaterThan(100);
    // The agenda is the same either way.
    expect(readFileSync(`${excel}.md`, 'utf8')).toBe(readFileSync(`${plain}.md`, 'utf8'));
    expect((await inProcess(['agreement', ...files(), '--excel'])).stderr).toBe(
      'llo: error: --excel is for the disagreements file: give --disagreements FILE too\n',
    );
  });

  it('gates: exit 2 below --min-alpha, 0 above; --gate each checks every code', async () => {
    expect((await inProcess(['agreement', ...files(), '--min-alpha', '0.9'])).code).toBe(2);
    expect((await inProcess(['agreement', ...files(), '--min-alpha', '0.1'])).code).toBe(0);
    const each = await inProcess(['agreement', ...files(), '--min-alpha', '0.5', '--gate', 'each', '--json']);
    expect(each.code).toBe(2);
    // Every code whose α is below the threshold fails the gate, and only those (an undefined α,
    // a code neither coder used, does not).
    const result = JSON.parse(each.stdout) as {
      gate: { failing: string[] };
      perCode: { variable: string; coefficients: { krippendorff_alpha: number | null } }[];
    };
    const below = result.perCode
      .filter((c) => c.coefficients.krippendorff_alpha !== null && c.coefficients.krippendorff_alpha < 0.5)
      .map((c) => c.variable);
    expect(result.gate.failing.length).toBeGreaterThan(0);
    expect([...result.gate.failing].sort()).toEqual([...below].sort());
  });

  it('compares coders within one file with --coders, and three coders with Fleiss', async () => {
    const combined = join(dir, 'three.csv');
    const text = readFileSync(auto, 'utf8');
    // The reference rows lack the automatic coder's confidence and rule columns: add them empty.
    const ref = readFileSync(join(REF, 'reference-heldout.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => (l === '' ? l : `${l},,`))
      .join('\n');
    writeFileSync(
      combined,
      text +
        ref +
        text
          .split('\n')
          .slice(1)
          .map((l) => l.replace(/^auto,/u, 'auto2,'))
          .join('\n'),
    );
    const two = await inProcess(['agreement', combined, '--coders', 'auto,auto2', '--segments', SEGMENTS, '--json']);
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout).overall.alphaMasi).toBe(1);
    const three = await inProcess(['agreement', combined, '--segments', SEGMENTS, '--json']);
    const out = JSON.parse(three.stdout);
    expect(out.coders).toEqual(['auto', 'reference', 'auto2']);
    expect(out.perCode[0].coefficients.cohen_kappa).toBeNull();
    expect(out.perCode[0].coefficients.fleiss_kappa).not.toBeNull();
  });

  it('refuses one coder with a clear line', async () => {
    const run = await inProcess(['agreement', auto, '--segments', SEGMENTS]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'llo: error: agreement needs at least two coders; found auto (with one file, list the coders in it with --coders a,b)\n',
    );
  });
});

describe('llo agreement on hand-made codings files', () => {
  it('reads files with the nine original columns (no confidence, no rule), as the reference sample has', async () => {
    const { inProcess } = await import('./helpers/run.js');
    const run = await inProcess([
      'agreement',
      'corpus/reference/reference-tuning.csv',
      'corpus/reference/second-coder.csv',
      '--segments',
      'corpus/reference/segments.csv',
      '--coders',
      'reference,second',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.coders).toEqual(['reference', 'second']);
    expect(report.overall.alphaMasi).toBeGreaterThan(0);
  });
});
