import { LloError } from '../errors.js';
import { readCsv } from '../io/csv.js';
import { SEGMENT_COLUMNS, type Segment } from './segments.js';

/** Streams the segments of a segments file written by `llo ingest`. */
export async function* readSegments(file: string): AsyncGenerator<Segment> {
  for await (const { line, values } of readCsv(file, SEGMENT_COLUMNS)) {
    const start = Number(values['start']);
    const end = Number(values['end']);
    if (!Number.isInteger(start) || !Number.isInteger(end)) throw new LloError('LLO_SEGMENTS_ROW', 'start and end must be whole numbers', { file, line });
    yield {
      document: values['document']!,
      segment: values['segment']!,
      page: values['page']!,
      section: values['section']!,
      start,
      end,
      hash: values['hash']!,
      text: values['text']!,
    };
  }
}
