/**
 * Code points and UTF-16 code units. llo's offsets count Unicode code points; JavaScript strings
 * index UTF-16 code units, which differ after any character outside the Basic Multilingual Plane
 * (an emoji, a rare CJK ideograph). These helpers convert, with a fast path for the usual text
 * where the two agree.
 */

/** UTF-16 index of each code-point offset 0…n (n+1 entries), or undefined when they agree. */
export function codePointIndex(text: string): number[] | undefined {
  if (!/[\u{10000}-\u{10ffff}]/u.test(text)) return undefined;
  const index: number[] = [];
  let i = 0;
  for (const ch of text) {
    index.push(i);
    i += ch.length;
  }
  index.push(i);
  return index;
}

/** The code points start…end of a text (end exclusive). */
export function sliceCodePoints(text: string, start: number, end: number, index = codePointIndex(text)): string {
  return index ? text.slice(index[start], index[end]) : text.slice(start, end);
}

export function codePointCount(text: string, index = codePointIndex(text)): number {
  return index ? index.length - 1 : text.length;
}
