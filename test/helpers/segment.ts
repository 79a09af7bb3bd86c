import type { Coding } from '../../src/coding/codings.js';
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

/** A coding of a whole segment: a manual row with no evidence or memo unless given. */
export function codingOn(s: Segment, fields: Pick<Coding, 'coder' | 'code'> & Partial<Coding>): Coding {
  return {
    document: s.document,
    segment: s.segment,
    start: s.start,
    end: s.end,
    origin: 'manual',
    evidence: '',
    memo: '',
    ...fields,
  };
}
