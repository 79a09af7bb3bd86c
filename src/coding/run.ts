import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LoadedCodebook } from '../codebook/load.js';
import { segmentSource } from '../corpus/source.js';
import { SEGMENT_COLUMNS, type Segment, type Unit } from '../corpus/segments.js';
import { AtomicWriter } from '../io/atomic.js';
import { csvRows } from '../io/csv.js';
import { fileError } from '../io/file-errors.js';
import { orderedMap } from '../io/pool.js';
import { recordBatches } from '../io/record-batches.js';
import { AutoCoder, DEFAULT_MIN_CONFIDENCE } from './auto.js';
import {
  BatchCoder,
  inputSegments,
  type BatchResult,
  type CodeInput,
  type CodeWorkerSetup,
  type ManualRows,
  type RecordSlice,
  type RecordSource,
} from './batch.js';
import { CODING_COLUMNS, compareCodings, readCodings, type Coding } from './codings.js';
import { readJournal } from './journal.js';
import { claimLock } from './lock.js';
import { recover } from './store.js';
import type { LearnedModel } from './learn/model.js';
import { learnedModel } from './learn/run.js';
import { Matcher } from './matcher.js';
import { hashesFile, HASH_COLUMNS } from './hashes.js';

export interface CodeSummary {
  out: string;
  coder: string;
  segments: number;
  codedSegments: number;
  autoCodings: number;
  manualKept: number;
  /** Segments the coder decided by hand (a code or "no code"): they get no automatic rows. */
  manualSegments: number;
  perCode: Record<string, number>;
}

/**
 * Codes every segment automatically and writes the coder's codings file. Hand decisions are final:
 * manual rows already in the file are kept, and a segment with a manual decision of this coder (a
 * code or a saved "no code") gets no automatic rows; only automatic rows are replaced. The file's
 * lock is held throughout, so a running coding session refuses the run (and the run a session),
 * and what a killed session's journal still holds is brought in first.
 *
 * The first batch of input is read before any output is opened: a missing or unreadable input
 * fails with nothing written. `code` then codes the input with the manual rows found in the file
 * (read under the lock); rows are written as batches come back, and only the manual rows are held
 * in memory.
 */
export async function codeToFile(
  inputs: AsyncIterable<CodeInput>,
  code: (inputs: AsyncIterable<CodeInput>, manual: ManualRows) => AsyncIterable<BatchResult>,
  coder: string,
  out: string,
  onSegment?: () => void,
): Promise<CodeSummary> {
  const input = inputs[Symbol.asyncIterator]();
  try {
    const first = await input.next();
    const isFolder = await stat(out).then(
      (s) => !s.isFile(),
      () => false,
    );
    if (isFolder) throw fileError({ code: 'EISDIR' }, out, 'writing', 'codings file');
    await mkdir(dirname(out), { recursive: true });
    const lock = await claimLock(`${out}.lock`, out);
    try {
      // A killed session's last decision first; then only the manual rows are held in memory.
      if ((await readJournal(out)).length > 0) await recover(out, coder);
      const manual = await readManualRows(out, coder);
      const all = async function* () {
        if (!first.done) yield first.value;
        for (let next = await input.next(); !next.done; next = await input.next()) yield next.value;
      };
      return await writeCoded(code(all(), manual), coder, out, manual, onSegment);
    } finally {
      await lock.release();
    }
  } catch (err) {
    // Stops the input (and its reading) when the run fails early.
    await input.return?.(undefined).catch(() => undefined);
    throw err;
  }
}

async function writeCoded(
  coded: AsyncIterable<BatchResult>,
  coder: string,
  out: string,
  manual: ManualRows,
  onSegment?: () => void,
): Promise<CodeSummary> {
  const rest = new Map(manual.rows);
  const documentOrder = new Map<string, number>();
  const writer = await AtomicWriter.open(out);
  const hashes = await AtomicWriter.open(hashesFile(out));
  const summary: CodeSummary = {
    out,
    coder,
    segments: 0,
    codedSegments: 0,
    autoCodings: 0,
    manualKept: manual.count,
    manualSegments: 0,
    perCode: {},
  };
  try {
    await writer.write(csvRows([], CODING_COLUMNS, true));
    await hashes.write(csvRows([], HASH_COLUMNS, true));
    for await (const batch of coded) {
      for (const d of batch.documents) if (!documentOrder.has(d)) documentOrder.set(d, documentOrder.size);
      for (const s of batch.manualWritten) rest.delete(s);
      await writer.write(batch.codings, { copy: false });
      await hashes.write(batch.hashes, { copy: false });
      summary.segments += batch.segments;
      summary.codedSegments += batch.codedSegments;
      summary.autoCodings += batch.autoCodings;
      summary.manualSegments += batch.manualSegments;
      for (const [code, n] of Object.entries(batch.perCode)) summary.perCode[code] = (summary.perCode[code] ?? 0) + n;
      if (onSegment) for (let i = 0; i < batch.segments; i++) onSegment();
    }
    // Manual rows on segments this run did not see (another corpus selection) are kept, at the end.
    const left = [...rest.values()].flat().sort(compareCodings(documentOrder));
    if (left.length > 0) await writer.write(csvRows(left, CODING_COLUMNS));
    await hashes.commit();
    await writer.commit();
  } catch (err) {
    await writer.abort();
    await hashes.abort();
    throw err;
  }
  return summary;
}

/** The manual rows of a codings file by segment, and the segments `coder` decided by hand. */
export async function readManualRows(out: string, coder: string): Promise<ManualRows> {
  const rows = new Map<string, Coding[]>();
  const decided = new Set<string>();
  let count = 0;
  const exists = await stat(out).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) return { rows, decided, count };
  for await (const { line: _, ...row } of readCodings(out, 'manual')) {
    const list = rows.get(row.segment);
    if (list) list.push(row);
    else rows.set(row.segment, [row]);
    if (row.coder === coder) decided.add(row.segment);
    count++;
  }
  return { rows, decided, count };
}

/** Segments per batch when they come from ingest (a segments file is cut by bytes). */
const BATCH = 1000;

/** The inputs of a run: a segments file cut into batches of records, or ingested segments in batches. */
export async function codeInputs(
  options: Pick<CodeRunOptions, 'segments' | 'corpus' | 'unit' | 'allowOutside'>,
): Promise<{ inputs: AsyncGenerator<CodeInput>; source: RecordSource | undefined }> {
  if (options.segments) {
    const file = options.segments;
    const { header, lineEnd, separator, batches } = await recordBatches(file, SEGMENT_COLUMNS);
    const inputs = async function* (): AsyncGenerator<CodeInput> {
      let previous: RecordSlice | undefined;
      for await (const batch of batches) {
        const input: CodeInput = { records: batch, previous };
        // The batch's bytes may go to a worker: keep a copy of its last record for the next one.
        previous = batch.last
          ? {
              bytes: Uint8Array.prototype.slice.call(batch.bytes, batch.last.start),
              linesBefore: batch.last.linesBefore,
            }
          : previous;
        yield input;
      }
    };
    return { inputs: inputs(), source: { file, header, lineEnd, separator } };
  }
  const segments = segmentSource({
    corpus: options.corpus,
    unit: options.unit,
    allowOutside: options.allowOutside === true,
  });
  const inputs = async function* (): AsyncGenerator<CodeInput> {
    let batch: Segment[] = [];
    let previous: Segment | undefined;
    for await (const s of segments) {
      batch.push(s);
      if (batch.length >= BATCH) {
        yield { segments: batch, previous };
        previous = batch[batch.length - 1];
        batch = [];
      }
    }
    if (batch.length > 0) yield { segments: batch, previous };
  };
  return { inputs: inputs(), source: undefined };
}

/**
 * The coded batches of a run, in order: in this thread, or with `jobs` > 1 on worker threads, each
 * of which compiles the codebook once and parses, codes and renders its own batches (the main
 * thread only reads and writes bytes); the output is the same.
 */
export async function* codeBatches(
  inputs: AsyncIterable<CodeInput>,
  source: RecordSource | undefined,
  setup: Omit<CodeWorkerSetup, 'source' | 'model' | 'manual' | 'decided'> & {
    model: LearnedModel | undefined;
    manualRows: ManualRows;
  },
  jobs: number,
): AsyncGenerator<BatchResult> {
  if (jobs <= 1) {
    // One coder for the whole stream: it carries context from a segment to the next (issue 11).
    const coder = new BatchCoder(
      new AutoCoder(new Matcher(setup.codebook, setup.origin), setup.minConfidence, setup.model),
      setup.coder,
      new Map(setup.manualRows.rows),
      setup.manualRows.decided,
    );
    for await (const input of inputs) yield coder.code(inputSegments(input, source).segments);
    return;
  }
  const workerSetup: CodeWorkerSetup = {
    codebook: setup.codebook,
    origin: setup.origin,
    coder: setup.coder,
    minConfidence: setup.minConfidence,
    model: setup.model?.toJSON(),
    manual: [...setup.manualRows.rows],
    decided: [...setup.manualRows.decided],
    source,
  };
  yield* orderedMap<CodeInput, BatchResult>(inputs, new URL('./code-worker.js', import.meta.url), workerSetup, jobs, {
    // A batch's bytes go to its worker without a copy.
    transfer: (input) => ('records' in input ? [input.records.bytes.buffer as ArrayBuffer] : []),
  });
}

export interface CodeRunOptions {
  coder: string;
  out: string;
  jobs: number;
  /** Code the segments of this file instead of ingesting the corpus. */
  segments?: string;
  corpus: string;
  unit: Unit;
  /** Read manifest files outside the corpus folder (`--allow-outside`). */
  allowOutside?: boolean;
  onSegment?: () => void;
  /** Write automatic codings at or above this confidence (issue 11). */
  minConfidence?: number;
  /** Hand codings to learn a model from; its codes join the automatic ones (issue 11). */
  learnFrom?: { files: string[]; segments?: string[] | undefined };
}

/** `llo code` without a keyboard: every segment coded by the codebook, written to the coder's file. */
export async function runCode(codebook: LoadedCodebook, options: CodeRunOptions): Promise<CodeSummary> {
  const model = await learnedModel({ ...options, codebook: codebook.codebook });
  const { inputs, source } = await codeInputs(options);
  const setup = {
    codebook: codebook.codebook,
    origin: { file: codebook.file, source: codebook.source },
    coder: options.coder,
    minConfidence: options.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
    model,
  };
  return codeToFile(
    inputs,
    (all, manualRows) => codeBatches(all, source, { ...setup, manualRows }, options.jobs),
    options.coder,
    options.out,
    options.onSegment,
  );
}
