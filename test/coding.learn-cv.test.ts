import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../src/codebook/load.js';
import type { Codebook } from '../src/codebook/schema.js';
import { AutoCoder } from '../src/coding/auto.js';
import { readAllCodings } from '../src/coding/codings.js';
import { crossValidate, learnFromFiles } from '../src/coding/learn/run.js';
import { Matcher } from '../src/coding/matcher.js';
import type { Segment } from '../src/corpus/segments.js';
import { ROOT, tempDir } from './helpers/cli.js';

const REF = join(ROOT, 'corpus/reference');
let book: Codebook;
let small: string;
beforeAll(async () => {
  book = (await loadCodebook(join(ROOT, 'codebooks/llo.yaml'))).codebook;
  // A small reference from the tuning part: two documents, kept light for npm test.
  const rows = (await readAllCodings(join(REF, 'reference-tuning.csv'))).filter((r) =>
    /^(?:kst-30012-139|stcrt-2021-35685-regeling):/u.test(r.segment),
  );
  small = join(tempDir(), 'small.csv');
  writeFileSync(
    small,
    'coder,document,segment,start,end,code,origin,evidence,memo\n' +
      rows.map((r) => [r.coder, r.document, r.segment, r.start, r.end, r.code, r.origin, '', ''].join(',')).join('\n') +
      '\n',
  );
});

describe('llo evaluate --cross-validate', () => {
  it('reports rules, model and both, leaving one document out at a time', async () => {
    const cv = await crossValidate([small], [join(REF, 'segments.csv')], book);
    expect(cv.documents).toEqual(['stcrt-2021-35685-regeling', 'kst-30012-139']);
    for (const k of ['rules', 'model', 'both'] as const) {
      expect(cv[k].perActor.map((a) => a.actor)).toEqual([
        'overheid',
        'burgers',
        'markt',
        'maatschappelijke-organisaties',
      ]);
      expect(cv[k].overall.support).toBe(cv.rules.overall.support);
    }
    // Both = the union: it finds at least what the rules find.
    expect(cv.both.overall.truePositives).toBeGreaterThanOrEqual(cv.rules.overall.truePositives);
  });
});

describe('llo code --learn-from', () => {
  it('adds the learnt codes as suggestions with their probability, next to the rules', async () => {
    const model = await learnFromFiles([join(REF, 'reference-tuning.csv')], [join(REF, 'segments.csv')], book);
    expect(model.codes.length).toBeGreaterThan(3);
    const auto = new AutoCoder(new Matcher(book), 0.5, model);
    const text = 'We stellen strengere eisen aan opleiders en zorgen voor een vangnet voor werkenden.';
    const rows = auto.code(
      { document: 'd', segment: 'd:1', page: '', section: '', start: 0, end: text.length, hash: '', text },
      'auto',
    );
    for (const r of rows) expect(r.confidence).toBeGreaterThanOrEqual(0.5);
    const learnt = rows.filter((r) => r.rule === 'model');
    for (const r of learnt) expect(r.evidence).toMatch(/^model p=\d\.\d\d/u);
    expect(rows.map((r) => r.code)).toContain('overheid.reguleren');
  });
});

describe('context across segments is the same in batches', () => {
  it('a coder primed with the segment before gives what one coder over the stream gives', () => {
    const seg = (n: number, start: number, text: string): Segment => ({
      document: 'd',
      segment: `d:9.${n}`,
      page: '',
      section: '',
      start,
      end: start + text.length,
      hash: '',
      text,
    });
    const a = seg(
      1,
      0,
      'We beschermen onze bedrijven door samenwerking tussen overheden, bedrijven en wetenschappers.',
    );
    const b = seg(2, a.end + 1, 'Zij kunnen sneller en makkelijker informatie delen over digitale kwetsbaarheden.');
    const one = new AutoCoder(new Matcher(book));
    one.code(a, 'x');
    const stream = one.code(b, 'x');
    const batch = new AutoCoder(new Matcher(book));
    batch.prime(a);
    expect(batch.code(b, 'x')).toEqual(stream);
    expect(stream.map((r) => r.code)).toEqual(['markt.samenwerkingspartner']);
  });
});
