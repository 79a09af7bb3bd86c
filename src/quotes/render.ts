import { peopleCsv, type PeopleCsvOptions } from '../io/people-csv.js';
import type { Quote } from './quotes.js';

/** The columns of `llo quotes --csv`, one row per quote. */
export const QUOTE_COLUMNS = [
  'citation',
  'cite',
  'page',
  'document',
  'segment',
  'section',
  'codes',
  'coders',
  'evidence',
  'memo',
  'text',
  'context_before',
  'context_after',
] as const;

const memoText = (q: Quote) => q.memos.map((m) => (q.coders.length > 1 ? `${m.coder}: ${m.memo}` : m.memo)).join(' | ');

export function quotesCsv(quotes: readonly Quote[], options: PeopleCsvOptions = {}): string {
  return peopleCsv(
    QUOTE_COLUMNS,
    quotes.map((q) => [
      q.citation,
      q.cite,
      q.page,
      q.document,
      q.segment,
      q.section,
      q.codes.join(' '),
      q.coders.join(' '),
      q.evidence.join(' | '),
      memoText(q),
      q.text,
      q.before.map((c) => c.text).join('\n\n'),
      q.after.map((c) => c.text).join('\n\n'),
    ]),
    { ...options, numeric: [] },
  );
}

/**
 * Markdown for reading and pasting into a paper: per document a heading, per quote the text as a
 * block quote followed by its citation and where it came from. Neighbouring segments (`--context`)
 * stand before and after it in italics, the quote itself in bold, so the eye finds it.
 */
export function quotesMarkdown(quotes: readonly Quote[], heading: string, preamble: readonly string[]): string {
  const out = [`# ${heading}`, '', ...preamble, ''];
  let document: string | undefined;
  for (const q of quotes) {
    if (q.document !== document) {
      document = q.document;
      out.push(`## ${q.cite} — ${oneLine(q.title)}`, '');
    }
    const hasContext = q.before.length + q.after.length > 0;
    const paragraphs = [
      ...q.before.map((c) => `_${oneLine(c.text)}_`),
      hasContext ? `**${oneLine(q.text)}**` : oneLine(q.text),
      ...q.after.map((c) => `_${oneLine(c.text)}_`),
    ];
    out.push(paragraphs.map((p) => `> ${p}`).join('\n>\n'), '');
    const where = [
      `**${q.citation}**`,
      q.section ? `section “${oneLine(q.section)}”` : '',
      `\`${q.segment}\``,
      `coded by ${q.coders.join(', ')}`,
      q.codes.map((c) => `\`${c}\``).join(', '),
    ].filter(Boolean);
    out.push(where.join(' · '));
    if (q.evidence.length > 0) out.push('', `Evidence: ${q.evidence.map(oneLine).join(' | ')}`);
    for (const m of q.memos) out.push('', `Memo (${m.coder}): ${oneLine(m.memo)}`);
    out.push('');
  }
  return out.join('\n');
}

/**
 * Document text as Markdown that shows as written: line breaks become spaces (so a quote stays in
 * its block) and the characters of emphasis and code are escaped.
 */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/gu, ' ').replace(/[\\`*_]/gu, (c) => `\\${c}`);
}
