import type { Codebook } from '../codebook/schema.js';
import type { Coding } from '../coding/codings.js';
import type { Segment } from '../corpus/segments.js';

/** One code on one segment on which the coders differ: the agenda of a reconciliation meeting. */
export interface Disagreement {
  document: string;
  segment: string;
  page: string;
  code: string;
  codedBy: string[];
  notCodedBy: string[];
  /** Per coder who coded it: the evidence (automatic coder) and memo. */
  notes: { coder: string; evidence: string; memo: string }[];
  text: string;
}

export const DISAGREEMENT_COLUMNS = [
  'document',
  'segment',
  'page',
  'code',
  'coded_by',
  'not_coded_by',
  'evidence',
  'memo',
  'text',
] as const;

/** Every (segment, code) on which coders differ, in document order and codebook order. */
export function findDisagreements(
  segments: readonly Segment[],
  coders: readonly string[],
  byCoder: readonly Coding[][],
  codebook: Codebook,
): Disagreement[] {
  const order = new Map(codebook.codes.map((c, i) => [c.id, i]));
  const bySegment = new Map<string, Map<string, Map<string, Coding>>>();
  byCoder.forEach((codings, c) => {
    for (const row of codings) {
      if (row.code === '') continue;
      let codes = bySegment.get(row.segment);
      if (!codes) bySegment.set(row.segment, (codes = new Map<string, Map<string, Coding>>()));
      let who = codes.get(row.code);
      if (!who) codes.set(row.code, (who = new Map<string, Coding>()));
      if (!who.has(coders[c]!)) who.set(coders[c]!, row);
    }
  });
  const out: Disagreement[] = [];
  for (const s of segments) {
    const codes = bySegment.get(s.segment);
    if (!codes) continue;
    for (const code of [...codes.keys()].sort(
      (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : 1),
    )) {
      const who = codes.get(code)!;
      if (who.size === coders.length) continue;
      out.push({
        document: s.document,
        segment: s.segment,
        page: s.page,
        code,
        codedBy: coders.filter((c) => who.has(c)),
        notCodedBy: coders.filter((c) => !who.has(c)),
        notes: coders
          .filter((c) => who.has(c))
          .map((c) => ({ coder: c, evidence: who.get(c)!.evidence, memo: who.get(c)!.memo })),
        text: s.text,
      });
    }
  }
  return out;
}

export function disagreementRow(d: Disagreement): Record<(typeof DISAGREEMENT_COLUMNS)[number], string> {
  const notes = (key: 'evidence' | 'memo') =>
    d.notes
      .filter((n) => n[key] !== '')
      .map((n) => `${n.coder}: ${n[key]}`)
      .join(' | ');
  return {
    document: d.document,
    segment: d.segment,
    page: d.page,
    code: d.code,
    coded_by: d.codedBy.join(' '),
    not_coded_by: d.notCodedBy.join(' '),
    evidence: notes('evidence'),
    memo: notes('memo'),
    text: d.text,
  };
}

/** The disagreements as a Markdown agenda: one section per segment, quote first, then the codes in question. */
export function disagreementsMarkdown(list: readonly Disagreement[], coders: readonly string[]): string {
  const lines = [
    `# Disagreements between ${coders.join(', ')}`,
    '',
    `${list.length} code(s) on which the coders differ, in document order.`,
    '',
  ];
  let current = '';
  list.forEach((d, i) => {
    if (d.segment !== current) {
      current = d.segment;
      lines.push(`## ${d.segment}${d.page ? ` (p. ${d.page})` : ''}`, '', `> ${d.text}`, '');
    }
    const notes = d.notes
      .map((n) =>
        [n.evidence && `${n.coder}: ${n.evidence}`, n.memo && `${n.coder}'s memo: ${n.memo}`]
          .filter(Boolean)
          .join('; '),
      )
      .filter(Boolean);
    lines.push(
      `- **${d.code}** — coded by ${d.codedBy.join(', ')}; not by ${d.notCodedBy.join(', ')}${notes.length ? ` (${notes.join('; ')})` : ''}`,
    );
    if (list[i + 1]?.segment !== d.segment) lines.push('');
  });
  return lines.join('\n');
}
