// Page ranges of a manifest's `select.pages`; apart from manifest.ts so that readers need not load it.

/** "19-27, 30" → [[19, 27], [30, 30]]; undefined when malformed. */
export function parsePageRanges(spec: string): [number, number][] | undefined {
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$/u.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return undefined;
    ranges.push([from, to]);
  }
  return ranges;
}
