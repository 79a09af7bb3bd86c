import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LoadedCodebook } from '../codebook/load.js';
import { segmentSource } from '../corpus/source.js';
import type { Segment, Unit } from '../corpus/segments.js';
import { AtomicWriter } from '../io/atomic.js';
import { csvRows } from '../io/csv.js';
import { orderedMap } from '../io/pool.js';
import { AutoCoder, DEFAULT_MIN_CONFIDENCE } from './auto.js';
import { CODING_COLUMNS, compareCodings, readCodings, type Coding } from './codings.js';
import { readJournal } from './journal.js';
import { fileError } from '../io/file-errors.js';
import { claimLock } from './lock.js';
import { recover } from './store.js';
import type { Codebook } from '../codebook/schema.js';
import type { LearnedModel } from './learn/model.js';
import { learnFromSegments } from './learn/run.js';
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
 * The first segment is read before any output is opened: a missing or unreadable input fails
 * with nothing written. Rows are written as segments stream past; only the manual rows are held in
 * memory.
 */
export async function codeToFile(
  coded: AsyncIterable<CodedSegment>,
  coder: string,
  out: string,
  onSegment?: () => void,
): Promise<CodeSummary> {
  const input = coded[Symbol.asyncIterator]();
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
      return await codeLocked(first, input, coder, out, onSegment);
    } finally {
      await lock.release();
    }
  } catch (err) {
    // Stops the segment stream (and its worker threads) when the run fails early.
    await input.return?.().catch(() => undefined);
    throw err;
  }
}

async function codeLocked(
  first: IteratorResult<CodedSegment>,
  input: AsyncIterator<CodedSegment>,
  coder: string,
  out: string,
  onSegment?: () => void,
): Promise<CodeSummary> {
  const manual = new Map<string, Coding[]>();
  const decided = new Set<string>();
  let manualKept = 0;
  // A killed session's last decision first; then only the manual rows are held in memory.
  if ((await readJournal(out)).length > 0) await recover(out, coder);
  const existing = await stat(out).then(
    (s) => s.isFile(),
    () => false,
  );
  for await (const { line: _, ...row } of existing ? readCodings(out) : []) {
    if (row.origin !== 'manual') continue;
    const list = manual.get(row.segment);
    if (list) list.push(row);
    else manual.set(row.segment, [row]);
    if (row.coder === coder) decided.add(row.segment);
    manualKept++;
  }
  const documentOrder = new Map<string, number>();
  const order = compareCodings(documentOrder);
  const writer = await AtomicWriter.open(out);
  const hashes = await AtomicWriter.open(hashesFile(out));
  const summary: CodeSummary = {
    out,
    coder,
    segments: 0,
    codedSegments: 0,
    autoCodings: 0,
    manualKept,
    manualSegments: 0,
    perCode: {},
  };
  try {
    await writer.write(csvRows([], CODING_COLUMNS, true));
    await hashes.write(csvRows([], HASH_COLUMNS, true));
    for (let next = first; !next.done; next = await input.next()) {
      const { segment } = next.value;
      if (!documentOrder.has(segment.document)) documentOrder.set(segment.document, documentOrder.size);
      const kept = manual.get(segment.segment);
      if (kept) manual.delete(segment.segment);
      const byHand = decided.has(segment.segment);
      const rows = byHand ? [] : next.value.rows;
      const all = kept ? [...rows, ...kept].sort(order) : rows;
      summary.segments++;
      if (byHand) summary.manualSegments++;
      if (all.length > 0) {
        await writer.write(csvRows(all, CODING_COLUMNS));
        await hashes.write(csvRows([{ segment: segment.segment, hash: segment.hash }], HASH_COLUMNS));
      }
      if (rows.length > 0) summary.codedSegments++;
      summary.autoCodings += rows.length;
      for (const r of rows) summary.perCode[r.code] = (summary.perCode[r.code] ?? 0) + 1;
      onSegment?.();
    }
    // Manual rows on segments this run did not see (another corpus selection) are kept, at the end.
    const rest = [...manual.values()].flat().sort(order);
    if (rest.length > 0) await writer.write(csvRows(rest, CODING_COLUMNS));
    await hashes.commit();
    await writer.commit();
  } catch (err) {
    await writer.abort();
    await hashes.abort();
    throw err;
  }
  return summary;
}

export interface CodedSegment {
  segment: Segment;
  rows: Coding[];
}

/** Segments per message to a worker: large enough to amortise the message, small enough to stream. */
const BATCH = 1000;

/**
 * The automatic codings of a stream of segments, in order: in this thread, or with `jobs` > 1 on
 * worker threads (each compiles the codebook once) with the same output.
 */
export async function* codeSegments(
  segments: AsyncIterable<Segment>,
  codebook: { codebook: Codebook; text: string; file: string },
  coder: string,
  jobs: number,
  options: { minConfidence?: number; model?: LearnedModel } = {},
): AsyncGenerator<CodedSegment> {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (jobs <= 1) {
    // One coder for the whole stream: it carries context from a segment to the next (issue 11).
    const auto = new AutoCoder(new Matcher(codebook.codebook), minConfidence, options.model);
    for await (const segment of segments) yield { segment, rows: auto.code(segment, coder) };
    return;
  }
  const batches = async function* () {
    let batch: Segment[] = [];
    for await (const s of segments) {
      batch.push(s);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  };
  const worker = new URL('./code-worker.js', import.meta.url);
  // The batches sent, in order: the workers answer with rows only.
  const pending: Segment[][] = [];
  // Each batch goes with the segment before it, the context of its first segment (issue 11).
  let previous: Segment | undefined;
  const inputs = async function* () {
    for await (const b of batches()) {
      pending.push(b);
      yield { previous, segments: b };
      previous = b[b.length - 1];
    }
  };
  for await (const rows of orderedMap<{ previous?: Segment; segments: Segment[] }, Coding[][]>(
    inputs(),
    worker,
    { codebookText: codebook.text, codebookFile: codebook.file, coder, minConfidence, model: options.model?.toJSON() },
    jobs,
  )) {
    const batch = pending.shift()!;
    for (let i = 0; i < batch.length; i++) yield { segment: batch[i]!, rows: rows[i]! };
  }
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
  const segments = segmentSource({
    corpus: options.corpus,
    unit: options.unit,
    allowOutside: options.allowOutside === true,
    ...(options.segments ? { segments: options.segments } : {}),
  });
  const model = options.learnFrom
    ? await learnFromSegments(options.learnFrom.files, options.learnFrom.segments, {
        corpus: options.corpus,
        unit: options.unit,
        codebook: codebook.codebook,
        ...(options.segments ? { segments: options.segments } : {}),
      })
    : undefined;
  const coded = codeSegments(
    segments,
    { codebook: codebook.codebook, text: codebook.source, file: codebook.file },
    options.coder,
    options.jobs,
    {
      ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
      ...(model ? { model } : {}),
    },
  );
  return codeToFile(coded, options.coder, options.out, options.onSegment);
}
