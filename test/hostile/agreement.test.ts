import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseData, readReliabilityData } from '../../src/agreement/data-mode.js';
import { runAgreement, type AgreementOptions } from '../../src/agreement/run.js';
import type { LloError } from '../../src/errors.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { inProcess } from '../helpers/run.js';

// Issue 10 for `llo agreement`: bad input gets one line naming the file and place (items 5 and 8),
// what reaches a spreadsheet or a terminal is made safe (items 12 and 13), and the gate can look at
// the coded segments only (item 14). Each case states the exact message.

const dir = tempDir();
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const CODEBOOK = join(ROOT, 'codebooks/llo.yaml');
const segments = write(
  'segments.csv',
  'document,segment,page,section,start,end,hash,text\n' +
    'd,d:1,1,,0,20,h1,"=HYPERLINK(""http://x"")"\n' +
    'd,d:2,1,,20,40,h2,-2 + 3 is het antwoord\n' +
    'd,d:3,2,,40,60,h3,Het kabinet regelt\n',
);
const codings = (coder: string, rows: string[]) =>
  write(
    `${coder.replace(/[^a-z]/gu, '') || 'x'}.csv`,
    `coder,document,segment,start,end,code,origin,evidence,memo\n${rows.map((r) => `${coder},d,${r}`).join('\n')}\n`,
  );
const anna = codings('anna', ['d:1,0,20,overheid.reguleren,manual,,@memo', 'd:3,40,60,burgers.klant,manual,,']);
const ben = codings('ben', ['d:2,20,40,overheid.reguleren,manual,,', 'd:3,40,60,burgers.klant,manual,,']);
const options = (o: Partial<AgreementOptions>): AgreementOptions => ({
  level: 'nominal',
  files: [anna, ben],
  segments,
  codebook: CODEBOOK,
  unit: 'segment',
  gate: 'overall',
  gateOn: 'all',
  ...o,
});
const failure = async (o: Partial<AgreementOptions>) => {
  try {
    await runAgreement(options(o));
  } catch (err) {
    return (err as LloError).format();
  }
  return 'no error';
};

describe('item 5: a missing or unreadable CSV is one line naming it, in both modes', () => {
  it('by the CLI: a mistyped codings file, segments file or data file; a folder where a file belongs', async () => {
    const missing = join(dir, 'anan.csv');
    const run = await inProcess(['agreement', missing, ben, '--segments', segments, '--codebook', CODEBOOK]);
    expect([run.code, run.stderr]).toEqual([1, `llo: error: ${missing}: no such file\n`]);
    const folder = join(dir, 'a-folder.csv');
    mkdirSync(folder);
    const data = await inProcess(['agreement', '--data', folder]);
    expect([data.code, data.stderr]).toEqual([1, `llo: error: ${folder}: is a folder, not a file\n`]);
  });

  it('in-process: the segments file and the data file', async () => {
    expect(await failure({ segments: join(dir, 'segmnts.csv') })).toBe(`${join(dir, 'segmnts.csv')}: no such file`);
    expect(await failure({ data: join(dir, 'ratings.csv'), files: [] })).toBe(
      `${join(dir, 'ratings.csv')}: no such file`,
    );
  });
});

describe('item 8: data mode says what the data say', () => {
  const data = async (text: string, level: AgreementOptions['level'] = 'nominal') =>
    analyseData(await readReliabilityData(write(`d${Math.random()}.csv`, text)), level, 'x.csv').report;

  it('a blank or white-space cell is a missing value, not 0', async () => {
    const full = 'unit,coder,value\n1,a,1\n1,b,2\n2,a,3\n2,b,3\n3,a,5\n3,b,4\n';
    const withBlanks = `${full}4,a,\n4,b,  \n5,a,2\n5,b,\n`;
    const a = await data(full, 'interval');
    const b = await data(withBlanks, 'interval');
    expect(b.coefficients.krippendorff_alpha).toBe(a.coefficients.krippendorff_alpha);
    expect([b.units, b.pairableUnits, b.values]).toEqual([4, 3, 7]);
  });

  it('numeric levels compare numbers: 1 and 1.0 are one value', async () => {
    const r = await data('unit,coder,value\n1,a,1\n1,b,1.0\n2,a,2\n2,b,2.00\n3,a,3\n3,b,1e0\n', 'interval');
    expect(r.categories).toEqual(['1', '2', '3']);
    expect(r.coefficients.percent_agreement).toBeCloseTo(2 / 3, 12);
    expect(r.coefficients.cohen_kappa).toBeCloseTo(0.5, 12);
  });

  it('"|" in a value is refused unless --level masi, which reads it as a set', async () => {
    const text = 'unit,coder,value\n1,a,x|y\n1,b,x\n2,a,y\n2,b,y\n';
    await expect(data(text)).rejects.toThrow(
      'the value "x|y" contains "|", which writes a set of values; use --level masi for sets (members separated by "|")',
    );
    const asRows = await data('unit,coder,value\n1,a,x\n1,a,y\n1,b,x\n2,a,y\n2,b,y\n', 'masi');
    expect((await data(text, 'masi')).coefficients).toEqual(asRows.coefficients);
    await expect(data('unit,coder,value\n1,a,x||y\n', 'masi')).rejects.toThrow(
      'the set "x||y" has an empty member; write a set as members separated by "|", as in a|b',
    );
  });

  it('values near 1e308 give the α of the same data at a smaller scale, never NaN', async () => {
    const rows = (scale: string) =>
      `unit,coder,value\n1,a,1${scale}\n1,b,2${scale}\n2,a,3${scale}\n2,b,3${scale}\n3,a,1.7${scale}\n3,b,1${scale}\n`;
    const big = await data(rows('e307'), 'interval');
    const small = await data(rows(''), 'interval');
    expect(big.coefficients.krippendorff_alpha).toBeCloseTo(small.coefficients.krippendorff_alpha!, 12);
    const run = await inProcess(['agreement', '--data', write('big.csv', rows('e307')), '--level', 'ratio', '--json']);
    expect(run.stdout).not.toContain('NaN');
    expect(typeof JSON.parse(run.stdout).coefficients.krippendorff_alpha).toBe('number');
  });

  it('a duplicate column is refused', async () => {
    const f = write('dup.csv', 'unit,coder,value,value\n1,a,1,2\n');
    expect(await failure({ data: f, files: [] })).toBe(
      `${f}:1: the column "value" appears twice in the header (columns 3 and 4); llo would not know which to read`,
    );
  });
});

describe('items 12 and 13: what reaches a spreadsheet or a terminal', () => {
  it('the disagreement CSV and Markdown neutralise a leading = + - @; the codings stay exact', async () => {
    const base = join(dir, 'disagreements');
    await runAgreement(options({ disagreements: base }));
    const csv = readFileSync(`${base}.csv`, 'utf8');
    expect(csv).toContain(`d,d:1,1,overheid.reguleren,anna,ben,,anna: @memo,"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(`'-2 + 3 is het antwoord`);
    const md = readFileSync(`${base}.md`, 'utf8');
    expect(md).toContain('> \\=HYPERLINK("http://x")');
    expect(md).toContain('> \\-2 + 3 is het antwoord');
    expect(readFileSync(anna, 'utf8')).toContain(',@memo');
  });

  it('coder names with escape sequences are shown, not obeyed', async () => {
    const evil = codings('\u001b]0;owned\u0007', ['d:1,0,20,overheid.reguleren,manual,,']);
    const run = await inProcess(['agreement', evil, ben, '--segments', segments, '--codebook', CODEBOOK]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('Agreement between \\x1b]0;owned\\x07, ben on 3 segments');
  });
});

describe('item 14: the gate over all segments or only the coded ones', () => {
  it('--gate-on coded can fail where the default passes; the report says which α and why', async () => {
    // Ten segments, one coded by anna alone and one by both: high α over all, low over the coded ones.
    const seg = write(
      'ten.csv',
      'document,segment,page,section,start,end,hash,text\n' +
        Array.from({ length: 10 }, (_, i) => `e,e:${i},1,,${i * 10},${i * 10 + 10},h,tekst`).join('\n') +
        '\n',
    );
    const a = write(
      'ga.csv',
      'coder,document,segment,start,end,code,origin,evidence,memo\na,e,e:0,0,10,overheid.reguleren,manual,,\na,e,e:1,10,20,overheid.reguleren,manual,,\n',
    );
    const b = write(
      'gb.csv',
      'coder,document,segment,start,end,code,origin,evidence,memo\nb,e,e:0,0,10,overheid.reguleren,manual,,\nb,e,e:2,20,30,,manual,,\n',
    );
    const common = ['agreement', a, b, '--segments', seg, '--codebook', CODEBOOK, '--min-alpha', '0.5'];
    const all = await inProcess(common);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(
      'Gate --min-alpha 0.5 on overall α over all segments: passed (all segments is the default: every segment of the compared documents was read by every coder',
    );
    const coded = await inProcess([...common, '--gate-on', 'coded', '--json']);
    expect(coded.code).toBe(2);
    expect(JSON.parse(coded.stdout).gate).toEqual({
      minAlpha: 0.5,
      which: 'overall',
      on: 'coded',
      passed: false,
      failing: ['overall'],
    });
  });

  it('option values are checked before any work, with the allowed values', async () => {
    const run = await inProcess(['agreement', '--data', join(dir, 'none.csv'), '--level', 'nomnal']);
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      1,
      "llo: error: option '--level <level>' argument 'nomnal' is invalid. Allowed choices are nominal, ordinal, interval, ratio, masi.",
    ]);
    const gate = await inProcess(['agreement', '--data', join(dir, 'none.csv'), '--gate-on', 'coded']);
    expect(gate.stderr.split('\n')[0]).toBe(
      "llo: error: option '--data <file>' cannot be used with option '--gate-on <units>'",
    );
  });
});
