import type { Block } from '../document.js';
import { elements, type Element } from './markup.js';

/**
 * Turns an element tree into blocks by a per-element rule table, the way converters of the
 * official publication XML work. An element with text of its own that no rule names is kept as a
 * paragraph and reported, never silently dropped.
 */
export interface Rules {
  /** Elements (and their content) left out: metadata, scripts, note references. */
  skip: (e: Element) => boolean;
  /** Elements whose text is a heading; returns its level given the sectioning depth. */
  heading: (e: Element, depth: number) => number | undefined;
  /** Elements whose text is one paragraph. */
  paragraph: ReadonlySet<string>;
  /** List items (nested lists inside become items of their own). */
  item: ReadonlySet<string>;
  /** Table rows: cells joined by " | ". */
  row: ReadonlySet<string>;
  cell: ReadonlySet<string>;
  /** Footnotes: taken out of the running text and placed as a note block after it. */
  note: (e: Element) => boolean;
  /** Elements that open a deeper section level. */
  sectioning: ReadonlySet<string>;
  /** Inline elements: their text flows into the surrounding block. */
  inline: ReadonlySet<string>;
  /** Elements standing for a line break or space. */
  space: ReadonlySet<string>;
}

export function walk(root: Element, rules: Rules): { blocks: Block[]; warnings: string[] } {
  const blocks: Block[] = [];
  const unknown = new Map<string, number>();
  let notes: Element[] = [];

  const text = (e: Element): string => {
    let out = '';
    for (const child of e.children) {
      if (typeof child === 'string') out += child;
      else if (rules.skip(child)) continue;
      else if (rules.note(child)) notes.push(child);
      else if (rules.space.has(child.name)) out += ' ';
      else if (rules.inline.has(child.name)) out += text(child);
      else out += ' ' + text(child) + ' ';
    }
    return out;
  };
  const emit = (kind: Block['kind'], t: string, level?: number) => {
    if (t.trim() !== '') blocks.push(level === undefined ? { kind, text: t } : { kind, text: t, level });
    const pending = notes;
    notes = [];
    for (const n of pending) emit('note', text(n));
  };
  const hasOwnText = (e: Element) => e.children.some((c) => typeof c === 'string' && c.trim() !== '');

  const visit = (e: Element, depth: number) => {
    for (const child of e.children) {
      if (typeof child === 'string') {
        if (child.trim() !== '') emit('paragraph', child);
        continue;
      }
      if (rules.skip(child)) continue;
      const level = rules.heading(child, depth);
      if (level !== undefined) emit('heading', text(child), level);
      else if (rules.note(child)) emit('note', text(child));
      else if (rules.paragraph.has(child.name)) emit('paragraph', text(child));
      else if (rules.item.has(child.name)) visitItem(child, depth);
      else if (rules.row.has(child.name)) {
        emit('paragraph', elements(child).filter((c) => rules.cell.has(c.name)).map((c) => text(c).trim()).join(' | '));
      } else if (hasOwnText(child) && !rules.inline.has(child.name)) {
        unknown.set(child.name, (unknown.get(child.name) ?? 0) + 1);
        emit('paragraph', text(child));
      } else if (rules.inline.has(child.name)) {
        emit('paragraph', text(child));
      } else visit(child, depth + (rules.sectioning.has(child.name) ? 1 : 0));
    }
  };
  // A list item's own text is one block; lists nested in it follow as items of their own.
  const visitItem = (li: Element, depth: number) => {
    const own: Element = { ...li, children: li.children.filter((c) => typeof c === 'string' || !isList(c)) };
    emit('item', text(own));
    for (const c of elements(li)) if (isList(c)) visit(c, depth);
  };
  const isList = (c: Element) => elements(c).some((g) => rules.item.has(g.name));

  visit(root, 0);
  const warnings = [...unknown].sort().map(([name, n]) => `no rule for element <${name}> (${n}×): its text was kept as a paragraph`);
  return { blocks, warnings };
}
