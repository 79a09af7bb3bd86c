import { spreadsheetSafe } from '../text/safe.js';
import { noteKey, type CodingsInput } from '../coding/codings-input.js';

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

/** The records (segments in file order, within scope) on which some code is given by some coders but not all. */
export function disagreeingRecords(input: CodingsInput, inScope: Uint8Array): number[] {
  const out: number[] = [];
  const m = input.coders.length;
  for (let r = 0; r < input.records; r++) {
    if (!inScope[input.recordDocument[r]!]) continue;
    const s = input.recordSegment[r]!;
    for (let w = 0; w < input.words; w++) {
      let any = 0;
      let all = ~0;
      for (let c = 0; c < m; c++) {
        const x = input.codeWord(c, s, w);
        any |= x;
        all &= x;
      }
      if (any !== all) {
        out.push(r);
        break;
      }
    }
  }
  return out;
}

/**
 * Every (segment, code) on which coders differ, in document order and codebook order, for the
 * records found by `disagreeingRecords`, with their page and text (read again from the segments
 * file only for these).
 */
export function findDisagreements(
  input: CodingsInput,
  records: readonly number[],
  details: ReadonlyMap<number, { page: string; text: string }>,
): Disagreement[] {
  const out: Disagreement[] = [];
  for (const r of records) {
    const s = input.recordSegment[r]!;
    input.codes.forEach((code, k) => {
      const has = input.coders.map((_, c) => ((input.codeWord(c, s, k >> 5) >>> (k & 31)) & 1) === 1);
      if (has.every(Boolean) || !has.some(Boolean)) return;
      const codedBy = input.coders.filter((_, c) => has[c]);
      out.push({
        document: input.documents[input.recordDocument[r]!]!,
        segment: input.segmentName(s),
        page: details.get(r)?.page ?? '',
        code,
        codedBy,
        notCodedBy: input.coders.filter((_, c) => !has[c]),
        notes: input.coders.flatMap((coder, c) => {
          if (!has[c]) return [];
          const note = input.notes?.get(noteKey(c, s, k));
          return [{ coder, evidence: note?.evidence ?? '', memo: note?.memo ?? '' }];
        }),
        text: details.get(r)?.text ?? '',
      });
    });
  }
  return out;
}

/**
 * A disagreement as a CSV row. The file is opened in spreadsheets, so every text cell that a
 * spreadsheet would evaluate (a leading = + - @) is neutralised; the codings themselves stay exact.
 */
export function disagreementRow(d: Disagreement): Record<(typeof DISAGREEMENT_COLUMNS)[number], string> {
  const notes = (key: 'evidence' | 'memo') =>
    d.notes
      .filter((n) => n[key] !== '')
      .map((n) => `${n.coder}: ${n[key]}`)
      .join(' | ');
  const row = {
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
  for (const key of DISAGREEMENT_COLUMNS) row[key] = spreadsheetSafe(row[key]);
  return row;
}

/**
 * The disagreements as a Markdown agenda: one section per segment, quote first, then the codes in
 * question. Document text is quoted line by line, and a line that starts with = + - @ gets a
 * backslash: Markdown would read it as a heading rule or a list, a spreadsheet as a formula.
 */
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
      lines.push(`## ${d.segment}${d.page ? ` (p. ${d.page})` : ''}`, '', ...quote(d.text), '');
    }
    const notes = d.notes
      .map((n) =>
        [n.evidence && `${n.coder}: ${oneLine(n.evidence)}`, n.memo && `${n.coder}'s memo: ${oneLine(n.memo)}`]
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

function quote(text: string): string[] {
  return text.split('\n').map((line) => `> ${line.replace(/^([=+\-@])/u, '\\$1')}`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/gu, ' ');
}
