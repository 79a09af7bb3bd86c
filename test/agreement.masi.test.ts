import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/agreement/bootstrap.js';
import { dataAgreement, type DataRow } from '../src/agreement/data-mode.js';
import * as masi from '../src/agreement/masi.js';
import {
  masiDistance,
  masiExpected,
  masiOnBits,
  masiSimilarity,
  setCategories,
  setKey,
} from '../src/agreement/masi.js';
import * as percent from '../src/agreement/percent-agreement.js';
import * as ratings from '../src/agreement/ratings.js';
import { ROOT } from './helpers/cli.js';

describe('MASI on bitsets, the path production uses (masiOnBits and the expected disagreement)', () => {
  // NLTK's masi_distance documents two worked examples for Passonneau (2006) with the paper's
  // rounded weights M = 0.67 and 0.33: 0.665 and 0.868. llo uses the exact 2/3 and 1/3.
  it('{1,2} vs {1,2,3,4} = 1 − (2/4)(2/3), published as 0.665 with M = 0.67', () => {
    const d = masiOnBits(['1|2', '1|2|3|4']).distance(0, 1);
    expect(d).toBeCloseTo(1 - (2 / 4) * (2 / 3), 15);
    expect(Math.abs(d - 0.665)).toBeLessThan(0.5 * 0.0034);
  });
  it('{1,2,3,4} vs {3,4,5} = 1 − (2/5)(1/3), published as 0.868 with M = 0.33', () => {
    const d = masiOnBits(['1|2|3|4', '3|4|5']).distance(0, 1);
    expect(d).toBeCloseTo(1 - (2 / 5) * (1 / 3), 15);
    expect(Math.abs(d - 0.868)).toBeLessThan(0.4 * 0.0034);
  });
  it('agrees with the set definition on random sets, beyond 32 members', () => {
    const random = mulberry32(3);
    const members = Array.from({ length: 40 }, (_, i) => `m${i}`);
    const sets = Array.from({ length: 60 }, () => members.filter(() => random() < 0.08));
    const bits = masiOnBits(sets.map(setKey));
    sets.forEach((a, c) =>
      sets.forEach((b, k) => expect(bits.distance(c, k)).toBeCloseTo(masiDistance(new Set(a), new Set(b)), 14)),
    );
  });

  it('Krippendorff (2011) 4 × 12 with every value a singleton set: MASI α = the published nominal α .743', () => {
    const matrix = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const rows: DataRow[] = matrix.flatMap((vs, o) =>
      vs.flatMap((v, u) => (v === null ? [] : [{ unit: `u${u}`, coder: `c${o}`, value: `v${v}`, line: 0 }])),
    );
    expect(dataAgreement(rows, 'masi', 'k.csv').coefficients.krippendorff_alpha).toBeCloseTo(0.743, 3);
  });

  it('the expected disagreement by subsets equals the plain sum over all pairs of categories', () => {
    const random = mulberry32(11);
    for (let trial = 0; trial < 20; trial++) {
      const codes = 3 + Math.floor(random() * 8);
      const keys = [
        ...new Set(
          Array.from({ length: 40 }, () =>
            setKey(Array.from({ length: codes }, (_, i) => `c${i}`).filter(() => random() < 0.3)),
          ),
        ),
      ];
      const sets = setCategories(keys);
      const n = Float64Array.from(keys, () => Math.floor(random() * 50));
      const { similarity } = masiOnBits(sets);
      let plain = 0;
      keys.forEach((_, c) => keys.forEach((__, k) => (plain += n[c]! * n[k]! * similarity(c, k))));
      expect(masiExpected(sets)(n)).toBeCloseTo(plain, 6);
    }
    expect(masiSimilarity(0, 0, 0)).toBe(1);
  });
});

describe('doc-comment examples run and give what they say', () => {
  const scope = { ...masi, ...percent, ...ratings };
  for (const module of ['masi.ts', 'percent-agreement.ts']) {
    const source = readFileSync(join(ROOT, 'src/agreement', module), 'utf8');
    const examples = [...source.matchAll(/^ \* (\S.*?) \/\/ => (.+)$/gmu)].map((m) => [m[1]!, m[2]!] as const);
    it(`${module}: ${examples.length} example(s)`, () => {
      expect(examples.length).toBeGreaterThan(0);
      for (const [expression, expected] of examples) {
        // The examples are code from our own sources, evaluated as a reader would run them.
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        const run = (code: string) => new Function(...Object.keys(scope), `return (${code});`)(...Object.values(scope));
        expect(run(expression), expression).toBeCloseTo(run(expected) as number, 12);
      }
    });
  }
});
