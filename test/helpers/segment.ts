import type { Segment } from '../../src/corpus/segments.js';

/** Segment n of a document, for in-process tests: 5 code points at n × 10, text "tekst n". */
export function testSegment(n: number, document = 'd1'): Segment {
  return {
    document,
    segment: `${document}:${n}`,
    page: '',
    section: '',
    start: n * 10,
    end: n * 10 + 5,
    hash: `h${n}`,
    text: `tekst ${n}`,
  };
}
