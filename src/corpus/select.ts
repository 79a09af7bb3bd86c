import type { Paragraph } from './document.js';
import type { Selection } from './manifest.js';
import { parsePageRanges } from './pages.js';
import { compileAny } from '../text/patterns.js';
import { matchKey } from '../text/normalise.js';

/**
 * Which paragraphs of a document are coded. `pages` and `sections` narrow the document to a
 * region (both must hold when both are given); `keywords` then keeps, within that region, each
 * paragraph that mentions a keyword plus `radius` paragraphs on either side (default 0).
 * Returns the paragraph numbers to keep, or undefined when everything is kept.
 */
export function selectParagraphs(paragraphs: readonly Paragraph[], select: Selection | undefined, where: string): Set<number> | undefined {
  if (!select) return undefined;
  let region = paragraphs;
  if (select.pages !== undefined) {
    const ranges = parsePageRanges(select.pages)!;
    region = region.filter((p) => pageNumbers(p.page).some((n) => ranges.some(([a, b]) => n >= a && n <= b)));
  }
  if (select.sections) {
    const re = compileAny(select.sections, `${where} select.sections`);
    region = region.filter((p) => re.test(matchKey(p.section)));
  }
  if (!select.keywords) return new Set(region.map((p) => p.n));
  const re = compileAny(select.keywords, `${where} select.keywords`);
  const radius = select.radius ?? 0;
  const keep = new Set<number>();
  region.forEach((p, i) => {
    if (!re.test(matchKey(p.text))) return;
    for (let k = Math.max(0, i - radius); k <= Math.min(region.length - 1, i + radius); k++) keep.add(region[k]!.n);
  });
  return keep;
}

/** The printed page numbers a page label covers: "21" → [21], "20-21" → [20, 21], "[2]" → []. */
function pageNumbers(label: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/u.exec(label);
  if (!m) return [];
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return Array.from({ length: Math.max(1, to - from + 1) }, (_, k) => from + k);
}
