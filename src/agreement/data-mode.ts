import { LloError } from '../errors.js';
import { ByteKeys, grown } from '../io/byte-keys.js';
import { CsvReader } from '../io/csv.js';
import type { Level } from './krippendorff-alpha.js';
import { setKey } from './masi.js';
import { rowOf, type Contingency, type UnitCounts } from './ratings.js';
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
 * Reliability data as integers, one entry per row of the file: the unit, coder and value of each
 * row as ids (in order of first appearance) and its line. No object per row, so a million units
 * stay a few typed arrays.
 */
export interface ReliabilityData {
  length: number;
  unit: Int32Array;
  coder: Int32Array;
  value: Int32Array;
  line: Int32Array;
  units: number;
  unitName(id: number): string;
  /** Coder names and value texts (as written), by id. */
  coders: string[];
  values: string[];
}

/** Reads `unit,coder,value` reliability data (a missing value is an absent row or a blank cell). */
export async function readReliabilityData(file: string): Promise<ReliabilityData> {
  const csv = await CsvReader.open(file, ['unit', 'coder', 'value']);
  // Two rows of some ten bytes a unit is typical: sized for that, the unit table seldom grows.
  const units = new ByteKeys(Math.min(csv.size / 20, 1 << 22));
  const coders = new ByteKeys();
  const values = new ByteKeys();
  // A row takes at least 6 bytes ("u,c,v\n"): arrays that large never need to grow (untouched pages cost nothing).
  let size = Math.min(Math.ceil(csv.size / 6) + 1, 1 << 24);
  let unit = new Int32Array(size);
  let coder = new Int32Array(size);
  let value = new Int32Array(size);
  let line = new Int32Array(size);
  let n = 0;
  let previousUnit = -1;
  while (await csv.fill())
    while (csv.next()) {
      if (csv.blank(0) || csv.blank(1)) throw csv.error('LLO_DATA_ROW', 'unit and coder must not be empty');
      if (n === size) {
        size *= 2;
        [unit, coder, value, line] = [grown(unit, size), grown(coder, size), grown(value, size), grown(line, size)];
      }
      const { data, start, end } = csv;
      // A unit's rows usually follow each other: check the previous unit before the hash table.
      previousUnit = unit[n] =
        previousUnit >= 0 && units.is(previousUnit, data, start[0]!, end[0]!)
          ? previousUnit
          : units.id(data, start[0]!, end[0]!);
      coder[n] = coders.id(data, start[1]!, end[1]!);
      value[n] = values.id(data, start[2]!, end[2]!);
      line[n] = csv.line;
      n++;
    }
  return {
    length: n,
    unit,
    coder,
    value,
    line,
    units: units.size,
    unitName: (id) => units.text(id),
    coders: coders.texts(),
    values: values.texts(),
  };
}

/** The same from rows in memory (tests, and callers that build data themselves). */
export function reliabilityData(rows: readonly DataRow[]): ReliabilityData {
  const ids = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const id = (k: number, s: string) => {
    const map = ids[k]!;
    let i = map.get(s);
    if (i === undefined) map.set(s, (i = map.size));
    return i;
  };
  const unit = Int32Array.from(rows, (r) => id(0, r.unit));
  const coder = Int32Array.from(rows, (r) => id(1, r.coder));
  const value = Int32Array.from(rows, (r) => id(2, r.value));
  const unitNames = [...ids[0]!.keys()];
  return {
    length: rows.length,
    unit,
    coder,
    value,
    line: Int32Array.from(rows, (r) => r.line),
    units: unitNames.length,
    unitName: (i) => unitNames[i]!,
    coders: [...ids[1]!.keys()],
    values: [...ids[2]!.keys()],
  };
}

/** Agreement on rows in memory: `analyseData` on `reliabilityData(rows)`. */
export function dataAgreement(rows: readonly DataRow[], level: Level, file: string): DataReport {
  return analyseData(reliabilityData(rows), level, file).report;
}

/**
 * Agreement on any reliability data given as `unit,coder,value` rows (a missing coding is absent
 * or blank). The values are read as the level says: as written (nominal), as numbers (ordinal,
 * interval, ratio: `1` and `1.0` are one value), or as sets (masi: the rows of one unit and coder
 * form that coder's set, and a value may itself list members as `x|y`). Categories are ordered
 * numerically when every value is a number, else alphabetically; that order gives the ranks of
 * weighted κ. Returns the report and the units' category counts (for the bootstrap).
 */
export function analyseData(
  data: ReliabilityData,
  level: Level,
  file: string,
): { report: DataReport; counts: UnitCounts } {
  const meaning = valueMeanings(data, level);
  // The first problem in file order: a value the level cannot read, or a second value of one coder.
  let problem: { row: number; error: LloError } | undefined;
  const report = (row: number, message: string, code: string) => {
    if (!problem || row < problem.row)
      problem = { row, error: new LloError(code, message, { file, line: data.line[row]! }) };
  };
  const firstRow = new Int32Array(data.values.length).fill(-1);
  for (let r = data.length - 1; r >= 0; r--) firstRow[data.value[r]!] = r;
  meaning.errors.forEach((message, v) => firstRow[v]! >= 0 && report(firstRow[v]!, message, 'LLO_DATA_VALUE'));

  // Group the rows with a value by unit (a stable counting sort), units in order of first value.
  const missing = meaning.missing;
  const perUnit = new Int32Array(data.units + 1);
  const unitOrder: number[] = [];
  for (let r = 0; r < data.length; r++) {
    if (missing[data.value[r]!]) continue;
    const u = data.unit[r]!;
    if (perUnit[u + 1]!++ === 0) unitOrder.push(u);
  }
  for (let u = 0; u < data.units; u++) perUnit[u + 1]! += perUnit[u]!;
  const fill = perUnit.slice(0, data.units);
  const byUnit = new Int32Array(perUnit[data.units]!);
  for (let r = 0; r < data.length; r++) if (!missing[data.value[r]!]) byUnit[fill[data.unit[r]!]!++] = r;

  // Each unit's values, flat: one per coder (for masi the union of the coder's rows), units in order.
  const seenIn = new Int32Array(data.coders.length).fill(-1);
  const seenRow = new Int32Array(data.coders.length);
  const flatValue = new Int32Array(byUnit.length);
  const flatCoder = new Int32Array(byUnit.length);
  const unitStart = new Int32Array(unitOrder.length + 1);
  const labels = new Map<string, number>(level === 'masi' ? [] : meaning.labels.map((l, i) => [l, i]));
  const usedCoders = new Uint8Array(data.coders.length);
  let at = 0;
  for (let k = 0; k < unitOrder.length; k++) {
    const u = unitOrder[k]!;
    const sets = level === 'masi' ? new Map<number, Set<string>>() : undefined;
    for (let p = perUnit[u]!; p < perUnit[u + 1]!; p++) {
      const r = byUnit[p]!;
      const c = data.coder[r]!;
      usedCoders[c] = 1;
      if (sets) {
        let set = sets.get(c);
        if (!set) sets.set(c, (set = new Set()));
        for (const m of meaning.members[data.value[r]!]!) set.add(m);
      } else if (seenIn[c] === u) {
        report(
          r,
          `coder "${data.coders[c]}" gives unit "${data.unitName(u)}" a second value (first at line ${data.line[seenRow[c]!]}); use --level masi for sets of values`,
          'LLO_DATA_DUPLICATE',
        );
      } else {
        seenIn[c] = u;
        seenRow[c] = r;
        flatValue[at] = meaning.category[data.value[r]!]!;
        flatCoder[at++] = c;
      }
    }
    if (sets)
      for (const [c, set] of sets) {
        const key = setKey(set);
        let i = labels.get(key);
        if (i === undefined) labels.set(key, (i = labels.size));
        flatValue[at] = i;
        flatCoder[at++] = c;
      }
    unitStart[k + 1] = at;
  }
  if (problem) throw problem.error;

  // Categories in order (numeric or alphabetical), and the units' counts over them: identical
  // units are one row with a multiplicity (the common two-value unit found by a number, not a string).
  const used = new Uint8Array(labels.size);
  for (let i = 0; i < at; i++) used[flatValue[i]!] = 1;
  const names = [...labels.keys()];
  const categories = orderCategories(names.filter((_, i) => used[i]));
  const rank = new Map(categories.map((c, i) => [c, i]));
  const renumber = Int32Array.from(names, (name) => rank.get(name) ?? -1);
  for (let i = 0; i < at; i++) flatValue[i] = renumber[flatValue[i]!]!;
  const counts: UnitCounts = { categories, rows: [], multiplicity: [] };
  const rowIndex = new Map<number | string, number>();
  const q = categories.length;
  // Units of one or two values (nearly all) find their row in an array, when the categories are few.
  const dense = q <= 1024 ? new Int32Array(q * q + q).fill(-1) : undefined;
  let pairable = 0;
  for (let k = 0; k < unitOrder.length; k++) {
    const from = unitStart[k]!;
    const to = unitStart[k + 1]!;
    if (to - from >= 2) pairable++;
    let key: number | string;
    if (to - from === 1) key = -1 - flatValue[from]!;
    else if (to - from === 2) {
      const a = flatValue[from]!;
      const b = flatValue[from + 1]!;
      key = a <= b ? a * q + b : b * q + a;
    } else key = rowOf(flatValue.subarray(from, to) as unknown as number[]).join(';');
    const slot = dense && typeof key === 'number' ? (key < 0 ? q * q - 1 - key : key) : -1;
    const index = slot >= 0 ? dense![slot]! : (rowIndex.get(key) ?? -1);
    if (index >= 0) counts.multiplicity[index]!++;
    else {
      if (slot >= 0) dense![slot] = counts.rows.length;
      else rowIndex.set(key, counts.rows.length);
      counts.rows.push(rowOf(Array.from(flatValue.subarray(from, to))));
      counts.multiplicity.push(1);
    }
  }

  const coders = data.coders.filter((_, c) => usedCoders[c]).sort();
  let contingency: Contingency | string = `needs exactly two coders; the data has ${coders.length}`;
  if (coders.length === 2) {
    const [a, b] = [data.coders.indexOf(coders[0]!), data.coders.indexOf(coders[1]!)];
    const table = categories.map(() => new Array<number>(q).fill(0));
    for (let k = 0; k < unitOrder.length; k++) {
      let [va, vb] = [-1, -1];
      for (let i = unitStart[k]!; i < unitStart[k + 1]!; i++) {
        if (flatCoder[i] === a) va = flatValue[i]!;
        else if (flatCoder[i] === b) vb = flatValue[i]!;
      }
      if (va >= 0 && vb >= 0) table[va]![vb]!++;
    }
    contingency = { categories, table };
  }
  return {
    report: {
      level,
      units: unitOrder.length,
      pairableUnits: pairable,
      coders,
      values: at,
      categories,
      ...allCoefficients(counts, contingency, level),
    },
    counts,
  };
}

/**
 * What each distinct value text means at the level: missing (blank), a category, a set's members
 * (masi) or an error (the reason). Done once per distinct text, not per row.
 */
function valueMeanings(data: ReliabilityData, level: Level) {
  const missing = new Uint8Array(data.values.length);
  const category = new Int32Array(data.values.length).fill(-1);
  const members: string[][] = [];
  const errors = new Map<number, string>();
  const labels: string[] = [];
  const labelIndex = new Map<string, number>();
  data.values.forEach((text, v) => {
    if (text.trim() === '') {
      missing[v] = 1;
      return;
    }
    if (level === 'masi') {
      const list = text.split('|');
      if (list.some((m) => m.trim() === ''))
        errors.set(v, `the set "${text}" has an empty member; write a set as members separated by "|", as in a|b`);
      members[v] = list;
      return;
    }
    if (text.includes('|')) {
      errors.set(
        v,
        `the value "${text}" contains "|", which writes a set of values; use --level masi for sets (members separated by "|")`,
      );
      return;
    }
    let label = text;
    if (level !== 'nominal') {
      const number = Number(text);
      if (!Number.isFinite(number)) {
        errors.set(v, `the value "${text}" is not a number, as the ${level} level needs`);
        return;
      }
      if (level === 'ratio' && number < 0) {
        errors.set(v, `ratio values cannot be negative, got ${text}`);
        return;
      }
      label = String(number);
    }
    let i = labelIndex.get(label);
    if (i === undefined) {
      labelIndex.set(label, (i = labels.length));
      labels.push(label);
    }
    category[v] = i;
  });
  return { missing, category, members, errors, labels };
}

export function orderCategories(values: string[]): string[] {
  const numeric = values.every((v) => v !== '' && Number.isFinite(Number(v)));
  return numeric ? values.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : 1)) : values.sort();
}
