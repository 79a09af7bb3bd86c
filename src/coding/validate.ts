import type { Codebook } from '../codebook/schema.js';
import type { Segment } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import type { CodingRow } from './codings.js';

export interface CodingProblem {
  line: number;
  message: string;
}

export type SegmentIndex = ReadonlyMap<string, Pick<Segment, 'document' | 'start' | 'end' | 'hash'>>;

/**
 * Checks codings against the codebook and the segments: unknown codes, unknown segments, a
 * document that does not hold the segment, spans outside their segment, and segments whose text
 * changed since they were coded (when the hashes recorded at coding time are known).
 */
export function validateCodings(
  rows: Iterable<CodingRow>,
  codebook: Codebook | undefined,
  segments: SegmentIndex | undefined,
  codedHashes?: ReadonlyMap<string, string>,
): CodingProblem[] {
  const codes = codebook ? new Set(codebook.codes.map((c) => c.id)) : undefined;
  const problems: CodingProblem[] = [];
  const changed = new Set<string>();
  for (const row of rows) {
    const say = (message: string) => problems.push({ line: row.line, message });
    if (row.coder.trim() === '') say('the coder column is empty');
    if (codes && row.code !== '' && !codes.has(row.code)) say(`unknown code "${row.code}"${suggest(row.code, codes)}`);
    if (!segments) continue;
    const segment = segments.get(row.segment);
    if (!segment) {
      say(`unknown segment "${row.segment}" (not in the segments file)`);
      continue;
    }
    if (segment.document !== row.document)
      say(`segment "${row.segment}" belongs to document "${segment.document}", not "${row.document}"`);
    if (row.start < segment.start || row.end > segment.end)
      say(`span ${row.start}-${row.end} lies outside segment "${row.segment}" (${segment.start}-${segment.end})`);
    const then = codedHashes?.get(row.segment);
    if (then !== undefined && then !== segment.hash && !changed.has(row.segment)) {
      changed.add(row.segment);
      say(
        `the text of segment "${row.segment}" changed since it was coded (hash ${then} → ${segment.hash}); review this coding`,
      );
    }
  }
  return problems;
}

/** " (did you mean …?)" for a code id one typo away from a known one. */
function suggest(code: string, codes: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of codes) {
    const d = distance(code, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

/** Levenshtein distance, for suggestions only. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The one error for codings that do not fit the codebook or the segments: the first problem in the
 * message, at its file and line, and up to `limit` problems as further lines (a validator lists all).
 */
export function invalidCodings(problems: readonly (CodingProblem & { file: string })[], limit = 10): LloError {
  const lines = problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
  const first = problems[0]!;
  return new LloError(
    'LLO_CODINGS_INVALID',
    problems.length === 1
      ? first.message
      : `${problems.length} coding rows do not fit the codebook or the segments; the first: ${first.message}`,
    { file: first.file, line: first.line },
    [...lines.slice(0, limit), ...(lines.length > limit ? [`… and ${lines.length - limit} more`] : [])],
  );
}
