import type { Segment } from '../corpus/segments.js';
import type { Coding } from './codings.js';
import type { Matcher } from './matcher.js';

/** At most this many evidence quotes per coding: enough to check the decision, short enough to read. */
const MAX_EVIDENCE = 3;

/** The automatic codings of one segment: every code that applies, with its evidence. */
export function autoCode(segment: Segment, matcher: Matcher, coder: string): Coding[] {
  return matcher
    .matchSegment(segment.text)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((m) => ({
      coder,
      document: segment.document,
      segment: segment.segment,
      start: segment.start,
      end: segment.end,
      code: m.code,
      origin: 'auto' as const,
      evidence:
        m.evidence.slice(0, MAX_EVIDENCE).join(' | ') +
        (m.evidence.length > MAX_EVIDENCE ? ` | (+${m.evidence.length - MAX_EVIDENCE})` : ''),
      memo: '',
    }));
}
