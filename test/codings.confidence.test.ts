import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllCodings } from '../src/coding/codings.js';
import { LloError } from '../src/errors.js';
import { tempDir } from './helpers/cli.js';

describe('the confidence and rule columns of a codings file', () => {
  it('are read when present', async () => {
    const file = join(tempDir(), 'auto.csv');
    writeFileSync(
      file,
      'coder,document,segment,start,end,code,origin,evidence,memo,confidence,rule\n' +
        'auto,d,d:1,0,10,a.x,auto,we … stimuleren,,0.9,"agent: clause, subject"\n' +
        'anna,d,d:2,11,20,a.y,manual,,,,\n',
    );
    const [a, b] = await readAllCodings(file);
    expect(a).toMatchObject({ code: 'a.x', confidence: 0.9, rule: 'agent: clause, subject' });
    expect(b!.confidence).toBeUndefined();
    expect(b!.rule).toBeUndefined();
  });

  it('may be absent: hand-made and older files have the nine columns only', async () => {
    const file = join(tempDir(), 'anna.csv');
    writeFileSync(file, 'coder,document,segment,start,end,code,origin,evidence,memo\nanna,d,d:1,0,10,a.x,manual,,\n');
    const [a] = await readAllCodings(file);
    expect(a).toEqual({
      line: 2,
      coder: 'anna',
      document: 'd',
      segment: 'd:1',
      start: 0,
      end: 10,
      code: 'a.x',
      origin: 'manual',
      evidence: '',
      memo: '',
    });
  });

  it('refuses a confidence that is not a number from 0 to 1, naming the line', async () => {
    const file = join(tempDir(), 'bad.csv');
    writeFileSync(
      file,
      'coder,document,segment,start,end,code,origin,evidence,memo,confidence\nauto,d,d:1,0,10,a.x,auto,,,high\n',
    );
    const err = (await readAllCodings(file).catch((e: unknown) => e)) as LloError;
    expect(err).toBeInstanceOf(LloError);
    expect(err.format()).toBe(`${file}:2: confidence must be a number from 0 to 1 or empty, got "high"`);
  });
});
