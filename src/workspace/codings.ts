import type { Codebook } from '../codebook/schema.js';
import { readAllCodings, type CodingRow } from '../coding/codings.js';
import { readHashes } from '../coding/hashes.js';
import { invalidCodings, validateCodings, type CodingProblem } from '../coding/validate.js';
import type { SegmentSet } from './segments.js';

/** A coding row with the file it came from. */
export type FiledCoding = CodingRow & { file: string };

export interface CodingsSet {
  files: readonly string[];
  rows: FiledCoding[];
  /** The coders found, sorted. */
  coders: string[];
  /** With checkTextChanges: the files whose coding-time hashes were found (text changes checked). */
  hashed: string[];
}

/**
 * Reads codings files and checks every row against the codebook and the segments. Codings that
 * name unknown codes or segments would make every count and coefficient wrong, so they are refused
 * as one error listing the first ten problems and the count — the one form this refusal takes.
 * `checkTextChanges` also flags segments whose text changed since coding (from `<coder>.hashes`).
 */
export async function openCodings(
  files: readonly string[],
  context: () => Promise<{ codebook: Codebook; segments: SegmentSet }>,
  options: { checkTextChanges?: boolean; limit?: number } = {},
): Promise<CodingsSet> {
  // The files' own form first (a malformed row is the nearest problem), then their fit.
  const perFile = await Promise.all(
    files.map(async (file) => ({ file, rows: (await readAllCodings(file)).map((r) => ({ ...r, file })) })),
  );
  const { codebook, segments } = await context();
  const problems: (CodingProblem & { file: string })[] = [];
  const hashed: string[] = [];
  for (const { file, rows } of perFile) {
    const hashes = options.checkTextChanges ? await readHashes(file) : undefined;
    if (hashes) hashed.push(file);
    for (const p of validateCodings(rows, codebook, segments.byId, hashes)) problems.push({ file, ...p });
  }
  if (problems.length > 0) throw invalidCodings(problems, options.limit);
  const rows = perFile.flatMap((f) => f.rows);
  return { files, rows, coders: [...new Set(rows.map((r) => r.coder))].sort(), hashed };
}
