import { LloError } from '../errors.js';
import type { Level } from './krippendorff-alpha.js';
import { setKey } from './masi.js';
import { countUnits, type Contingency } from './ratings.js';
import { allCoefficients, type Coefficients } from './report.js';

/** One row of reliability data: a coder's value for a unit (for masi: one member of the coder's set). */
export interface DataRow {
  unit: string;
  coder: string;
  value: string;
  line: number;
}

export interface DataReport extends Coefficients {
  level: Level;
  units: number;
  /** Units with at least two values (pairable). */
  pairableUnits: number;
  coders: string[];
  values: number;
  categories: string[];
}

/**
 * Agreement on any reliability data given as `unit,coder,value` rows (a missing coding is simply
 * absent). For `masi`, the rows of one unit and coder form that coder's set of values, and the
 * non-α coefficients treat each distinct set as a category. Categories are ordered numerically when
 * every value is a number, else alphabetically; that order gives the ranks of weighted κ.
 */
export function dataAgreement(rows: readonly DataRow[], level: Level, file: string): DataReport {
  const byUnit = new Map<string, Map<string, { values: string[]; line: number }>>();
  for (const r of rows) {
    if (level !== 'masi' && level !== 'nominal' && !Number.isFinite(Number(r.value))) {
      throw new LloError('LLO_DATA_VALUE', `the value "${r.value}" is not a number, as the ${level} level needs`, {
        file,
        line: r.line,
      });
    }
    if (level === 'ratio' && Number(r.value) < 0)
      throw new LloError('LLO_DATA_VALUE', `ratio values cannot be negative, got ${r.value}`, { file, line: r.line });
    let coders = byUnit.get(r.unit);
    if (!coders) byUnit.set(r.unit, (coders = new Map<string, { values: string[]; line: number }>()));
    const seen = coders.get(r.coder);
    if (seen && level !== 'masi') {
      throw new LloError(
        'LLO_DATA_DUPLICATE',
        `coder "${r.coder}" gives unit "${r.unit}" a second value (first at line ${seen.line}); use --level masi for sets of values`,
        { file, line: r.line },
      );
    }
    if (seen) seen.values.push(r.value);
    else coders.set(r.coder, { values: [r.value], line: r.line });
  }
  const valueOf = (v: { values: string[] }) => (level === 'masi' ? setKey(v.values) : v.values[0]!);
  const distinct = new Set<string>();
  for (const coders of byUnit.values()) for (const v of coders.values()) distinct.add(valueOf(v));
  const categories = orderCategories([...distinct]);
  const index = new Map(categories.map((c, i) => [c, i]));
  const allCoders = [...new Set(rows.map((r) => r.coder))].sort();
  const counts = countUnits(
    categories,
    [...byUnit.values()].map((coders) => [...coders.values()].map((v) => index.get(valueOf(v))!)),
  );

  let contingency: Contingency | string = `needs exactly two coders; the data has ${allCoders.length}`;
  if (allCoders.length === 2) {
    const [a, b] = allCoders as [string, string];
    const table = categories.map(() => new Array<number>(categories.length).fill(0));
    for (const coders of byUnit.values()) {
      const va = coders.get(a);
      const vb = coders.get(b);
      if (va && vb) table[index.get(valueOf(va))!]![index.get(valueOf(vb))!]!++;
    }
    contingency = { categories, table };
  }
  return {
    level,
    units: byUnit.size,
    pairableUnits: [...byUnit.values()].filter((c) => c.size >= 2).length,
    coders: allCoders,
    values: [...byUnit.values()].reduce((n, c) => n + c.size, 0),
    categories,
    ...allCoefficients(counts, contingency, level),
  };
}

export function orderCategories(values: string[]): string[] {
  const numeric = values.every((v) => v !== '' && Number.isFinite(Number(v)));
  return numeric ? values.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : 1)) : values.sort();
}
