import { Workspace } from '../workspace/index.js';
import type { Codebook } from '../codebook/schema.js';
import { SEGMENT_COLUMNS } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { CsvReader, csvRows } from '../io/csv.js';
import { peopleCsv, type PeopleCsvOptions } from '../io/people-csv.js';
import type { BootstrapResult } from './bootstrap.js';
import { bootstrapAlpha } from './bootstrap-alpha.js';
import type { BootstrapOptions } from './run.js';
import { readCodingsInput, type CodingsInput } from '../coding/codings-input.js';
import {
  characterItems,
  codingsAgreement,
  patternItems,
  setValuedAlpha,
  type CodingsAgreement,
} from './codings-mode.js';
import {
  DISAGREEMENT_COLUMNS,
  disagreeingRecords,
  disagreementRow,
  disagreementsMarkdown,
  findDisagreements,
  type Disagreement,
} from './disagreements.js';

export interface CodingsRunOptions {
  files: readonly string[];
  coders?: readonly string[];
  /** Default: the study's segments and codebook (src/workspace). */
  segments?: string;
  codebook?: string;
  documents?: readonly string[];
  unit: 'segment' | 'character';
  bootstrap?: BootstrapOptions & { minimum?: number };
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
 * Codings mode: streams the segments and the coders' files into per-segment code sets, settles the
 * units (the segments of the documents every compared coder coded, or the characters of those
 * segments), and computes every table.
 */
export async function runCodingsAgreement(given: CodingsRunOptions): Promise<CodingsRun> {
  // The study's paths where none are given; the files themselves are streamed here, not opened by
  // the workspace, whose segment objects would not fit a million segments in memory and time.
  const ws = await Workspace.open({
    ...(given.codebook !== undefined ? { codebook: given.codebook } : {}),
    ...(given.segments !== undefined ? { segments: given.segments } : {}),
  });
  const options = { ...given, segments: ws.segmentsFile };
  const { codebook } = await ws.codebook();
  const { run, masi } = await tables(codebook, options);
  // The input (segment index, bitsets) is out of reach here: the bootstrap's worker can reuse its memory.
  if (options.bootstrap) run.bootstrap = await bootstrapAlpha(masi.counts, 'masi', masi.prepared, options.bootstrap);
  return run;
}

async function tables(codebook: Codebook, options: CodingsRunOptions & { segments: string }) {
  const input = await readCodingsInput(codebook, {
    files: options.files,
    segments: options.segments,
    ...(options.coders ? { coders: options.coders } : {}),
    spans: options.unit === 'character',
    notes: options.disagreements ?? false,
  });
  for (const c of options.coders ?? [])
    if (!input.present.includes(c))
      throw new LloError(
        'LLO_UNKNOWN_CODER',
        `coder "${c}" has no codings in ${options.files.join(', ')} (coders there: ${input.present.join(', ')})`,
      );
  if (input.coders.length < 2)
    throw new LloError(
      'LLO_AGREEMENT_CODERS',
      `agreement needs at least two coders; found ${input.coders.length === 0 ? 'none' : input.coders.join(', ')}${options.files.length === 1 ? ' (with one file, list the coders in it with --coders a,b)' : ''}`,
    );
  if (input.coders.length > 31)
    throw new LloError(
      'LLO_AGREEMENT_CODERS',
      `agreement compares at most 31 coders at once; got ${input.coders.length}`,
    );
  // A document counts as coded by a coder when it appears in the coder's file (or is listed).
  const documents = options.documents
    ? [...options.documents]
    : input.documents.filter((_, d) => input.codedBy.every((docs) => docs[d] === 1));
  if (documents.length === 0)
    throw new LloError(
      'LLO_AGREEMENT_NO_UNITS',
      `the coders ${input.coders.join(', ')} have coded no document in common; list the documents with --documents`,
    );
  const wanted = new Set(documents);
  const inScope = Uint8Array.from(input.documents, (d) => (wanted.has(d) ? 1 : 0));
  const units = options.unit === 'character' ? characterUnits(input, inScope) : patternItems(input, inScope);
  const masi = setValuedAlpha(units.items, units.untouched, input.coders.length, codebook);
  const run: CodingsRun = {
    report: codingsAgreement(units.items, units.untouched, input.coders, codebook, masi),
    documents,
    disagreements: [],
    codebook,
    unit: options.unit,
  };
  if (options.disagreements) {
    const records = disagreeingRecords(input, inScope);
    run.disagreements = findDisagreements(input, records, await segmentTexts(options.segments, records));
  }
  return { run, masi };
}

/** Character units: every character of the segments in scope, with the coders' spans over them. */
function characterUnits(input: CodingsInput, inScope: Uint8Array) {
  const ranges = new Map<string, [number, number][]>();
  for (let r = 0; r < input.records; r++) {
    if (!inScope[input.recordDocument[r]!]) continue;
    const document = input.documents[input.recordDocument[r]!]!;
    let list = ranges.get(document);
    if (!list) ranges.set(document, (list = []));
    list.push([input.recordStart[r]!, input.recordEnd[r]!]);
  }
  return characterItems(ranges, input.spans!);
}

/** Page and text of the given records (ascending) of a segments file, read again for just these. */
async function segmentTexts(file: string, records: readonly number[]) {
  const out = new Map<number, { page: string; text: string }>();
  if (records.length === 0) return out;
  const csv = await CsvReader.open(file, SEGMENT_COLUMNS);
  const [PAGE, TEXT] = [SEGMENT_COLUMNS.indexOf('page'), SEGMENT_COLUMNS.indexOf('text')];
  let record = 0;
  let next = 0;
  while ((await csv.fill()) && next < records.length)
    while (csv.next()) {
      if (record++ !== records[next]) continue;
      out.set(records[next++]!, { page: csv.text(PAGE), text: csv.text(TEXT) });
      if (next === records.length) break;
    }
  await csv.close();
  return out;
}

/**
 * The disagreements as `<base>.csv` (for spreadsheets; with `excel`, in the form Excel opens in a
 * comma-decimal locale, see io/people-csv.ts) and `<base>.md` (an agenda), written atomically.
 */
export async function writeDisagreements(base: string, run: CodingsRun, options: PeopleCsvOptions = {}): Promise<void> {
  const rows = run.disagreements.map(disagreementRow);
  await writeFileAtomic(
    `${base}.csv`,
    options.excel
      ? peopleCsv(
          DISAGREEMENT_COLUMNS,
          rows.map((r) => DISAGREEMENT_COLUMNS.map((c) => r[c])),
          options,
        )
      : csvRows(rows, DISAGREEMENT_COLUMNS, true),
  );
  await writeFileAtomic(`${base}.md`, disagreementsMarkdown(run.disagreements, run.report.coders));
}
