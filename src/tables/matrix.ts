import type { Codebook } from '../codebook/schema.js';
import type { CodedSegments } from './counts.js';
import type { Table } from './table.js';

/** Code × document: in how many segments of each document each code occurs. */
export function codeDocumentTable(counts: CodedSegments, codebook: Codebook): Table {
  const perDocument = (code: string) => {
    const n = new Map<string, number>();
    for (const s of counts.byCode.get(code) ?? []) {
      const d = counts.documentOf.get(s)!;
      n.set(d, (n.get(d) ?? 0) + 1);
    }
    return n;
  };
  return {
    name: 'codes-by-document',
    title: 'Codes by document',
    columns: ['code', ...counts.documents, 'total'],
    align: ['left', ...counts.documents.map(() => 'right' as const), 'right'],
    rows: codebook.codes.map((c) => {
      const n = perDocument(c.id);
      return [c.id, ...counts.documents.map((d) => String(n.get(d) ?? 0)), String(counts.byCode.get(c.id)?.size ?? 0)];
    }),
    notes: ['Cells: coded segments of the document that carry the code.'],
  };
}

/** Pairs of codes that occur in the same segment, with how often; most frequent first. */
export function cooccurrenceTable(counts: CodedSegments, codebook: Codebook): Table {
  const order = new Map(codebook.codes.map((c, i) => [c.id, i]));
  const pairs = new Map<string, number>();
  for (const codes of counts.codesOf.values()) {
    const list = [...codes].filter((c) => order.has(c)).sort((a, b) => order.get(a)! - order.get(b)!);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const key = `${list[i]}\t${list[j]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
  }
  const rows = [...pairs]
    .map(([key, n]) => [...key.split('\t'), n] as [string, string, number])
    .sort((a, b) => b[2] - a[2] || order.get(a[0])! - order.get(b[0])! || order.get(a[1])! - order.get(b[1])!);
  return {
    name: 'cooccurrence',
    title: 'Codes that occur together',
    columns: ['code', 'with code', 'segments'],
    align: ['left', 'left', 'right'],
    rows: rows.map(([a, b, n]) => [a, b, String(n)]),
    notes: [
      'segments: segments that carry both codes. Pairs that never occur together are left out; codebook order within a pair.',
    ],
  };
}
