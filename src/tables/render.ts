/** Plain renderers for tables: Markdown for files and READMEs, aligned text for terminals. */
export type Align = 'left' | 'right';

export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const escape = (s: string) => s.replace(/\|/gu, '\\|').replace(/\n/gu, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
  const rule = headers.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  return [line(headers), `|${rule.map((r) => ` ${r} `).join('|')}|`, ...rows.map(line)].join('\n') + '\n';
}

/** Columns padded to their widest cell; numbers (align right) line up on the right. */
export function textTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (align[i] === 'right' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** A ratio as a fixed-decimal string, or "n/a" where it is undefined. */
export function fixed(value: number | null, decimals = 3): string {
  return value === null ? 'n/a' : value.toFixed(decimals);
}
