/**
 * What REFI-QDA has no element for travels in a Description, readably: the free text first (a
 * definition), then a block of labelled lines that a person in Atlas.ti or MAXQDA can read and
 * llo can read back —
 *
 *     Werkgevers zijn verantwoordelijk voor …
 *
 *     llo code: markt.zelfstandige-actor
 *     Role: zelfstandige actor, eigen verantwoordelijkheid
 *     Paradigms: NPM
 *     Include:
 *     - …
 *
 * The block starts at its marker line (`llo <kind>: <id>`); a list is a label alone on its line
 * followed by `- item` lines. Values are single lines (newlines inside are written as spaces).
 */

export type MarkerKind = 'codebook' | 'actor' | 'code' | 'theme' | 'paradigm' | 'document' | 'coding';

export type Field = [label: string, value: string | readonly string[] | undefined];

export function describe(text: string | undefined, kind: MarkerKind, id: string, fields: readonly Field[]): string {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/gu, ' ');
  const lines = [`llo ${kind}: ${id}`];
  for (const [label, value] of fields) {
    if (value === undefined) continue;
    if (typeof value === 'string') lines.push(`${label}: ${oneLine(value)}`);
    else if (value.length > 0) lines.push(`${label}:`, ...value.map((v) => `- ${oneLine(v)}`));
  }
  return `${text && text.trim() !== '' ? `${text.trim()}\n\n` : ''}${lines.join('\n')}`;
}

export interface Described {
  text: string;
  kind?: MarkerKind;
  id?: string;
  values: Map<string, string>;
  lists: Map<string, string[]>;
}

const MARKER = /^llo (codebook|actor|code|theme|paradigm|document|coding): (.+)$/u;

export function undescribe(description: string | undefined): Described {
  const all = (description ?? '').replace(/\r\n?/gu, '\n');
  const lines = all.split('\n');
  const at = lines.findIndex((l, i) => MARKER.test(l.trim()) && (i === 0 || lines[i - 1]!.trim() === ''));
  if (at === -1) return { text: all.trim(), values: new Map(), lists: new Map() };
  const [, kind, id] = MARKER.exec(lines[at]!.trim())!;
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  let list: string[] | undefined;
  for (const raw of lines.slice(at + 1)) {
    const line = raw.trim();
    if (line === '') continue;
    if (list && line.startsWith('- ')) {
      list.push(line.slice(2));
      continue;
    }
    const m = /^([^:]+):(?: (.*))?$/u.exec(line);
    if (!m) continue;
    if (m[2] === undefined) lists.set(m[1]!, (list = []));
    else {
      values.set(m[1]!, m[2]);
      list = undefined;
    }
  }
  return { text: lines.slice(0, at).join('\n').trim(), kind: kind as MarkerKind, id: id!.trim(), values, lists };
}
