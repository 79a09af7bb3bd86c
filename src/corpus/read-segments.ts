import { LloError } from '../errors.js';
import { readCsv } from '../io/csv.js';
import { SEGMENT_COLUMNS, type Segment } from './segments.js';

/** Streams the segments of a segments file written by `llo ingest`. */
export async function* readSegments(file: string): AsyncGenerator<Segment> {
  for await (const { line, values } of readCsv(file, SEGMENT_COLUMNS)) yield segmentOf((i) => values[SEGMENT_COLUMNS[i]!]!, file, line);
}

/**
 * A record of a segments file as a segment, checked: `field(i)` is the value of SEGMENT_COLUMNS[i]
 * (document, segment, page, section, start, end, hash, text). One rule for every reader of the file
 * (`readSegments`, and the batches `llo code` parses in its workers).
 */
export function segmentOf(field: (column: number) => string, file: string, line: number): Segment {
  const start = Number(field(4));
  const end = Number(field(5));
  if (!Number.isInteger(start) || !Number.isInteger(end))
    throw new LloError('LLO_SEGMENTS_ROW', 'start and end must be whole numbers', { file, line });
  return {
    document: field(0),
    segment: field(1),
    page: field(2),
    section: field(3),
    start,
    end,
    hash: field(6),
    text: field(7),
  };
}
