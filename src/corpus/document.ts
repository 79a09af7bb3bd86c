import { BLOCK_SEPARATOR, cleanBlock, codePointLength } from '../text/normalise.js';

/** What a format reader produces: the document's text as blocks in reading order. */
export type BlockKind = 'heading' | 'paragraph' | 'item' | 'note';

export interface Block {
  kind: BlockKind;
  text: string;
  /** Heading depth, 1 = top. Only for headings. */
  level?: number;
  /** The page label as printed (citations use it); undefined where the source has no pages. */
  page?: string;
}

export interface ParsedDocument {
  blocks: Block[];
  /** Number of physical pages, where the source has pages. */
  pages?: number;
  /** How printed page labels relate to physical pages, in words (PDF only). */
  pageMapping?: string;
  warnings: string[];
}

/** A paragraph-level unit of the normalised text: a paragraph, list item or note. */
export interface Paragraph {
  /** 1-based position among the document's paragraphs (headings are not counted). */
  n: number;
  kind: BlockKind;
  text: string;
  page: string;
  section: string;
  /** Code-point offsets into the normalised text, end exclusive. */
  start: number;
  end: number;
  /** Words in the text (see text/words.ts), counted with the code points in one pass. */
  words: number;
}

export interface AssembledDocument {
  /** The normalised text (see text/normalise.ts). */
  text: string;
  paragraphs: Paragraph[];
  /** Number of characters (code points) of the normalised text. */
  length: number;
  /** Control characters removed from the text (see text/normalise.ts). */
  controls: number;
}

/**
 * Builds the normalised text from blocks and records where each paragraph sits in it. Headings
 * are part of the text (so offsets match what a reader sees) and give the section path of the
 * paragraphs below them, but are not paragraphs themselves.
 */
export function assemble(blocks: readonly Block[]): AssembledDocument {
  const parts: string[] = [];
  const paragraphs: Paragraph[] = [];
  const headings: { level: number; text: string }[] = [];
  // The section path changes only at a heading: joined once there, not for every paragraph.
  let section = '';
  const sepLength = codePointLength(BLOCK_SEPARATOR);
  const stats = { controls: 0 };
  let offset = 0;
  for (const block of blocks) {
    const { text, codePoints, words } = cleanBlock(block.text, stats);
    if (text === '') continue;
    if (parts.length > 0) offset += sepLength;
    const start = offset;
    offset += codePoints;
    parts.push(text);
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      while (headings.length > 0 && headings[headings.length - 1]!.level >= level) headings.pop();
      headings.push({ level, text });
      section = headings.map((h) => h.text).join(' > ');
      continue;
    }
    paragraphs.push({
      n: paragraphs.length + 1,
      kind: block.kind,
      text,
      page: block.page ?? '',
      section,
      start,
      end: offset,
      words,
    });
  }
  // The whole text is joined only if someone asks for it; ingest needs the paragraphs alone.
  let joined: string | undefined;
  return {
    get text() {
      return (joined ??= parts.join(BLOCK_SEPARATOR));
    },
    paragraphs,
    length: offset,
    controls: stats.controls,
  };
}
