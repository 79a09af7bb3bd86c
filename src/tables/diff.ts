/**
 * A unified-style line diff, enough to show in CI what changed in a generated table. Longest
 * common subsequence on lines: quadratic, so only for files of modest size (tables are small);
 * larger files get a summary instead.
 */
export function lineDiff(before: string, after: string, name: string, context = 2): string {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > 4_000_000)
    return `--- ${name}\n+++ ${name}\n(${a.length} → ${b.length} lines; too large to diff line by line)\n`;
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: { kind: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i++]! });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      ops.push({ kind: '-', text: a[i++]! });
    else ops.push({ kind: '+', text: b[j++]! });
  }
  const keep = ops.map(
    (op, k) => op.kind !== ' ' || ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o.kind !== ' '),
  );
  const out = [`--- ${name} (on disk)`, `+++ ${name} (regenerated)`];
  ops.forEach((op, k) => {
    if (keep[k]) out.push(`${op.kind}${op.text}`);
    else if (keep[k - 1]) out.push('…');
  });
  return out.join('\n') + '\n';
}
