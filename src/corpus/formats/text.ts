import type { Block, ParsedDocument } from '../document.js';
import { BULLET, joinLines, NUMBERED, vocabulary } from '../lines.js';

/**
 * How a plain-text file marks its paragraphs:
 * - `blank-lines` (default): a blank line ends a paragraph; line breaks inside are soft;
 * - `lines`: every line is a paragraph (exports that put one paragraph on one line);
 * - `wrapped`: hard-wrapped text without blank lines: a line that stops clearly short of the
 *   text width (85% of the 90th-percentile line length) ends the paragraph; so does a blank line.
 */
export type ParagraphRule = 'blank-lines' | 'lines' | 'wrapped';

export interface TextOptions {
  paragraphs?: ParagraphRule;
  /** Read `#` headings as Markdown. */
  markdown?: boolean;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/u;

/**
 * Reads .txt and .md: paragraphs per the chosen rule, Markdown headings as the section path,
 * bullet and numbered lines as list items, and a form feed as a page break (pages are then
 * numbered 1, 2, … in the segments).
 */
export function readText(text: string, options: TextOptions = {}): ParsedDocument {
  const rule = options.paragraphs ?? 'blank-lines';
  const unix = text.includes('\r') ? text.replace(/\r\n?/gu, '\n') : text;
  const pageTexts = unix.split('\f');
  const paged = pageTexts.length > 1;
  const words = vocabulary(() => [unix]);
  const blocks: Block[] = [];

  for (const [p, pageText] of pageTexts.entries()) {
    const page = paged ? String(p + 1) : undefined;
    const lines = pageText.split('\n');
    // Only the `wrapped` rule needs the text width.
    const width = rule === 'wrapped' ? typicalWidth(lines) : 0;
    let pending: string[] = [];
    let kind: Block['kind'] = 'paragraph';
    const flush = () => {
      if (pending.length > 0) blocks.push(page ? { kind, text: joinLines(pending, words), page } : { kind, text: joinLines(pending, words) });
      pending = [];
      kind = 'paragraph';
    };
    for (const raw of lines) {
      const line = raw.trim();
      if (line === '') {
        flush();
        continue;
      }
      const heading = options.markdown ? HEADING.exec(line) : null;
      if (heading) {
        flush();
        blocks.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]!, ...(page ? { page } : {}) });
        continue;
      }
      const bullet = BULLET.test(line) || (options.markdown === true && /^[*+]\s+/u.test(line));
      if (bullet || NUMBERED.test(line)) {
        flush();
        kind = 'item';
        pending.push(bullet ? line.replace(BULLET, '').replace(/^[*+]\s+/u, '') : line);
      } else {
        pending.push(line);
      }
      if (rule === 'lines' || (rule === 'wrapped' && line.length < width * 0.85)) flush();
    }
    flush();
  }
  return { blocks, ...(paged ? { pages: pageTexts.length } : {}), warnings: [] };
}

/** The 90th-percentile length of the non-empty lines: the text width, robust to a few overlong lines. */
function typicalWidth(lines: readonly string[]): number {
  const lengths = lines.map((l) => l.trim().length).filter((n) => n > 0).sort((a, b) => a - b);
  return lengths.length === 0 ? 1 : lengths[Math.floor((lengths.length - 1) * 0.9)]!;
}
