import { loadCodebook } from '../codebook/load.js';
import type { Codebook } from '../codebook/schema.js';
import { readAllCodings } from '../coding/codings.js';
import { validateCodings } from '../coding/validate.js';
import { readSegments } from '../corpus/read-segments.js';
import type { Segment } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { readCsv } from '../io/csv.js';
import { bootstrap, type BootstrapResult } from './bootstrap.js';
import {
  characterItems,
  codingsAgreement,
  segmentItems,
  setValuedCounts,
  type CodingsAgreement,
} from './codings-mode.js';
import { dataAgreement, type DataReport, type DataRow } from './data-mode.js';
import { findDisagreements, type Disagreement } from './disagreements.js';
import { krippendorffAlpha, type Level } from './krippendorff-alpha.js';
import { countUnits } from './ratings.js';

export interface CodingsRunOptions {
  files: string[];
  coders?: string[];
  segments: string;
  codebook: string;
  documents?: string[];
  unit: 'segment' | 'character';
  bootstrap?: { replicates: number; seed: number; minimum?: number };
  /** Build the list of disagreements (costly on large corpora: only when it will be written). */
  disagreements?: boolean;
}

export interface CodingsRun {
  report: CodingsAgreement;
  documents: string[];
  disagreements: Disagreement[];
  codebook: Codebook;
  unit: 'segment' | 'character';
  bootstrap?: BootstrapResult;
}

/**
 * Codings mode: reads the coders' files, settles the units (the segments of the documents every
 * compared coder coded, or the characters of those segments), and computes every table.
 */
export async function runCodingsAgreement(options: CodingsRunOptions): Promise<CodingsRun> {
  const { codebook } = await loadCodebook(options.codebook);
  const rows = (
    await Promise.all(options.files.map(async (f) => (await readAllCodings(f)).map((r) => ({ ...r, file: f }))))
  ).flat();
  const present = [...new Set(rows.map((r) => r.coder))];
  const coders = options.coders ?? present;
  for (const c of coders)
    if (!present.includes(c))
      throw new LloError(
        'LLO_UNKNOWN_CODER',
        `coder "${c}" has no codings in ${options.files.join(', ')} (coders there: ${present.join(', ')})`,
      );
  if (coders.length < 2)
    throw new LloError(
      'LLO_AGREEMENT_CODERS',
      `agreement needs at least two coders; found ${coders.length === 0 ? 'none' : coders.join(', ')}${options.files.length === 1 ? ' (with one file, list the coders in it with --coders a,b)' : ''}`,
    );
  if (coders.length > 31)
    throw new LloError('LLO_AGREEMENT_CODERS', `agreement compares at most 31 coders at once; got ${coders.length}`);
  const byCoder = coders.map((c) => rows.filter((r) => r.coder === c));

  const segments: Segment[] = [];
  for await (const s of readSegments(options.segments)) segments.push(s);
  const index = new Map(segments.map((s) => [s.segment, s]));
  const problems = options.files.flatMap((file) =>
    validateCodings(
      rows.filter((r) => r.file === file),
      codebook,
      index,
    ).map((p) => ({ file, ...p })),
  );
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new LloError(
      'LLO_CODINGS_INVALID',
      `${problems.length} coding row(s) do not fit the codebook or the segments; the first: ${first.message}`,
      { file: first.file, line: first.line },
      [
        ...problems.slice(0, 10).map((p) => `${p.file}:${p.line}: ${p.message}`),
        ...(problems.length > 10 ? [`… and ${problems.length - 10} more`] : []),
      ],
    );
  }
  // A document counts as coded by a coder when it appears in the coder's file (or is listed).
  const codedBy = byCoder.map((rs) => new Set(rs.map((r) => r.document)));
  const documents =
    options.documents ??
    [...new Set(segments.map((s) => s.document))].filter((d) => codedBy.every((docs) => docs.has(d)));
  if (documents.length === 0)
    throw new LloError(
      'LLO_AGREEMENT_NO_UNITS',
      `the coders ${coders.join(', ')} have coded no document in common; list the documents with --documents`,
    );
  const inScope = new Set(documents);
  const scoped = segments.filter((s) => inScope.has(s.document));

  let items;
  let untouched;
  if (options.unit === 'character') {
    const ranges = new Map<string, [number, number][]>();
    for (const s of scoped) {
      let list = ranges.get(s.document);
      if (!list) ranges.set(s.document, (list = []));
      list.push([s.start, s.end]);
    }
    ({ items, untouched } = characterItems(ranges, byCoder));
  } else {
    ({ items, untouched } = segmentItems(
      scoped.map((s) => s.segment),
      byCoder,
    ));
  }
  const report = codingsAgreement(items, untouched, coders, codebook);
  const run: CodingsRun = {
    report,
    documents,
    disagreements: options.disagreements ? findDisagreements(scoped, coders, byCoder, codebook) : [],
    codebook,
    unit: options.unit,
  };
  if (options.bootstrap) {
    const counts = setValuedCounts(items, untouched, coders.length, codebook, true);
    run.bootstrap = bootstrap(
      counts,
      (c) => krippendorffAlpha(c, 'masi'),
      options.bootstrap.replicates,
      options.bootstrap.seed,
      options.bootstrap.minimum,
    );
  }
  return run;
}

export interface DataRun extends DataReport {
  bootstrap?: BootstrapResult;
}

/** Data mode: agreement on any reliability data in `unit,coder,value` form. */
export async function runDataAgreement(
  file: string,
  level: Level,
  boot?: { replicates: number; seed: number; minimum?: number },
): Promise<DataRun> {
  const rows: DataRow[] = [];
  for await (const { line, values } of readCsv(file, ['unit', 'coder', 'value'])) {
    if (values['unit'] === '' || values['coder'] === '')
      throw new LloError('LLO_DATA_ROW', 'unit and coder must not be empty', { file, line });
    if (values['value'] === '') continue;
    rows.push({ unit: values['unit']!, coder: values['coder']!, value: values['value']!, line });
  }
  const report: DataRun = dataAgreement(rows, level, file);
  if (boot) {
    // Resample the units: rebuild their per-unit category counts (the report keeps only coefficients).
    const byUnit = new Map<string, Map<string, string[]>>();
    for (const r of rows) {
      let coders = byUnit.get(r.unit);
      if (!coders) byUnit.set(r.unit, (coders = new Map<string, string[]>()));
      coders.set(r.coder, [...(coders.get(r.coder) ?? []), r.value]);
    }
    const index = new Map(report.categories.map((c, i) => [c, i]));
    const key = (values: string[]) => (level === 'masi' ? [...new Set(values)].sort().join('|') : values[0]!);
    const counts = countUnits(
      report.categories,
      [...byUnit.values()].map((coders) => [...coders.values()].map((v) => index.get(key(v))!)),
    );
    report.bootstrap = bootstrap(counts, (c) => krippendorffAlpha(c, level), boot.replicates, boot.seed, boot.minimum);
  }
  return report;
}
