import type { Block } from './document.js';
import { BULLET, joinLines, vocabulary, type JoinStats } from './lines.js';

/**
 * Rebuilds paragraphs from positioned text (the PDF text layer). Kept apart from the PDF library
 * so it is a pure function: tests feed it item lists directly.
 */

export interface TextItem {
  str: string;
  /** Left edge and baseline, in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Font size. 0 for layout-only items. */
  height: number;
}

export interface PageText {
  items: TextItem[];
  width: number;
  height: number;
  /** The page label from the PDF's /PageLabels, if the PDF has them. */
  label?: string;
}

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  page: number;
}

export interface LayoutResult {
  blocks: Block[];
  /** The printed page label of each physical page. */
  labels: string[];
  pageMapping: string;
  stats: JoinStats & { headerLines: number; pageNumberLines: number };
}

/** Share of the page height at top and bottom where running headers and page numbers live. */
const MARGIN = 0.1;
const PAGE_NUMBER = /^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–(]?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–)]?(?:\s*(?:\/|van|of)\s*\d{1,4})?$/iu;
const SENTENCE_END = /[.!?:;]["'”’)]*$/u;

export function layoutPages(pages: readonly PageText[]): LayoutResult {
  const pageLines = pages.map((p, i) => groupLines(p.items, i));
  const stats = { dehyphenated: 0, headerLines: 0, pageNumberLines: 0 };

  // 1. Page numbers and running headers/footers, in the top and bottom margins.
  const printed: (string | undefined)[] = pages.map(() => undefined);
  const marginKey = (l: Line) => l.text.replace(/\d+/gu, '#').toLowerCase();
  const inMargin = (l: Line) => {
    const h = pages[l.page]!.height;
    return l.y < h * MARGIN || l.y > h * (1 - MARGIN);
  };
  const repeats = new Map<string, number>();
  for (const lines of pageLines) {
    for (const key of new Set(lines.filter(inMargin).map(marginKey))) repeats.set(key, (repeats.get(key) ?? 0) + 1);
  }
  const minRepeats = Math.max(3, Math.ceil(pages.length / 3));
  for (const [i, lines] of pageLines.entries()) {
    pageLines[i] = lines.filter((l) => {
      if (!inMargin(l)) return true;
      const m = PAGE_NUMBER.exec(l.text.trim());
      if (m && printed[i] === undefined) {
        printed[i] = m[1]!;
        stats.pageNumberLines++;
        return false;
      }
      if (pages.length >= 3 && (repeats.get(marginKey(l)) ?? 0) >= minRepeats) {
        stats.headerLines++;
        return false;
      }
      return true;
    });
  }
  const labels = pages.map((p, i) => printed[i] ?? p.label ?? `[${i + 1}]`);

  // 2. The body font size and line spacing: the most common ones, weighted by text length.
  const all = pageLines.flat();
  const bodySize = mode(all.map((l) => [round(l.size), l.text.length]));
  const spacings: [number, number][] = [];
  for (const lines of pageLines) {
    for (let k = 1; k < lines.length; k++) {
      const a = lines[k - 1]!;
      const b = lines[k]!;
      if (round(a.size) === bodySize && round(b.size) === bodySize && a.y > b.y) spacings.push([round(a.y - b.y), 1]);
    }
  }
  const lineSpacing = spacings.length > 0 ? mode(spacings) : bodySize * 1.4;

  // 3. Lines into raw blocks: a new block at a bullet, a wider gap, or a change of font size.
  interface Raw {
    lines: Line[];
    bullet: boolean;
  }
  const raws: Raw[] = [];
  let current: Raw | undefined;
  for (const lines of pageLines) {
    for (const [k, line] of lines.entries()) {
      const prev = current?.lines[current.lines.length - 1];
      const bullet = BULLET.test(line.text);
      let startNew = current === undefined || bullet;
      if (!startNew && prev) {
        if (k === 0) {
          // First line of a page: continue only a paragraph that visibly runs on.
          startNew = SENTENCE_END.test(prev.text) || !/^[\p{Ll}\p{N}(]/u.test(line.text) || Math.abs(prev.size - line.size) > 0.5;
        } else {
          const gap = prev.y - line.y;
          const threshold = Math.max(lineSpacing * 1.3, line.size * 1.5);
          startNew =
            gap > threshold || gap < 0 || Math.abs(prev.size - line.size) > 0.5 || (current!.bullet && line.x < current!.lines[0]!.x - 1);
        }
      }
      if (startNew) {
        current = { lines: [line], bullet };
        raws.push(current);
      } else {
        current!.lines.push(line);
      }
    }
  }

  // 4. Headings: larger than body text, or a short body-size line standing alone without final
  //    punctuation. Pages without body text (covers) have no headings: nothing to head.
  const pagesWithBody = new Set(all.filter((l) => round(l.size) === bodySize).map((l) => l.page));
  const isHeading = (r: Raw) => {
    if (r.bullet || r.lines.length > 3 || !pagesWithBody.has(r.lines[0]!.page)) return false;
    const size = round(r.lines[0]!.size);
    const text = r.lines.map((l) => l.text).join(' ').trim();
    if (size > bodySize + 0.5) return text.length <= 200;
    if (size < bodySize - 0.5) return false;
    return r.lines.length === 1 && text.length <= 80 && !SENTENCE_END.test(text) && /^[\p{Lu}\p{N}]/u.test(text) && !/,$/u.test(text);
  };
  const headingSizes = [...new Set(raws.filter(isHeading).map((r) => round(r.lines[0]!.size)))].sort((a, b) => b - a);
  const words = vocabulary(() => all.map((l) => l.text));
  const blocks: Block[] = raws.map((r) => {
    const first = r.lines[0]!.page;
    const last = r.lines[r.lines.length - 1]!.page;
    const page = first === last ? labels[first]! : `${labels[first]!}-${labels[last]!}`;
    const text = joinLines(
      r.lines.map((l, k) => (k === 0 && r.bullet ? l.text.replace(BULLET, '') : l.text)),
      words,
      stats,
    );
    if (isHeading(r)) return { kind: 'heading', text, level: headingSizes.indexOf(round(r.lines[0]!.size)) + 1, page };
    return { kind: r.bullet ? 'item' : 'paragraph', text, page };
  });

  return { blocks, labels, pageMapping: describeMapping(printed, pages), stats };
}

/** Groups items into lines by baseline, left to right, inserting spaces at visible gaps. */
function groupLines(items: readonly TextItem[], page: number): Line[] {
  const sorted = items.filter((it) => it.str !== '').slice().sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { items: TextItem[]; y: number }[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    const tolerance = Math.max(2, 0.3 * (it.height || 10));
    if (last && Math.abs(last.y - it.y) <= tolerance) last.items.push(it);
    else lines.push({ items: [it], y: it.y });
  }
  const out: Line[] = [];
  for (const l of lines) {
    l.items.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    let size = 0;
    let x: number | undefined;
    for (const it of l.items) {
      const gap = it.x - end;
      if (text !== '' && gap > 0.15 * (it.height || size || 10) && !/\s$/u.test(text) && !/^\s/u.test(it.str)) text += ' ';
      text += it.str;
      end = Math.max(end, it.x + it.width);
      if (it.str.trim() !== '') {
        size = Math.max(size, it.height);
        x ??= it.x;
      }
    }
    if (text.trim() === '') continue;
    out.push({ text: text.replace(/\s+/gu, ' ').trim(), x: x ?? l.items[0]!.x, y: l.y, size, page });
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 2) / 2;
}

/** The value with the largest total weight; ties go to the smaller value, for determinism. */
function mode(pairs: readonly (readonly [number, number])[]): number {
  const totals = new Map<number, number>();
  for (const [v, w] of pairs) totals.set(v, (totals.get(v) ?? 0) + w);
  let best = 0;
  let bestWeight = -1;
  for (const [v, w] of [...totals].sort((a, b) => a[0] - b[0])) {
    if (w > bestWeight) {
      best = v;
      bestWeight = w;
    }
  }
  return best;
}

function describeMapping(printed: readonly (string | undefined)[], pages: readonly PageText[]): string {
  const numbered = printed.flatMap((p, i) => (p !== undefined && /^\d+$/u.test(p) ? [[i + 1, Number(p)] as const] : []));
  const without = printed.flatMap((p, i) => (p === undefined ? [i + 1] : []));
  if (numbered.length === 0) {
    return pages.some((p) => p.label !== undefined)
      ? 'page labels from the PDF'
      : 'no printed page numbers found: pages are cited by physical page in brackets, [n]';
  }
  const offsets = new Set(numbered.map(([phys, num]) => phys - num));
  let text =
    offsets.size === 1
      ? `printed page = PDF page − ${[...offsets][0]!}`.replace('− -', '+ ')
      : 'printed page numbers read from each page';
  if (without.length > 0) text += `; ${without.length} page(s) without a printed number are cited as [PDF page]`;
  return text;
}
