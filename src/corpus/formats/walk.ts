import type { Block } from '../document.js';
import { elements, type Element } from './tree.js';

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

/**
 * The walk is iterative (explicit stacks, no recursion): a document nested thousands of elements
 * deep must give its text, not a stack overflow. The order of blocks is that of a depth-first walk.
 */
export function walk(root: Element, rules: Rules): { blocks: Block[]; warnings: string[] } {
  const blocks: Block[] = [];
  const unknown = new Map<string, number>();
  let notes: Element[] = [];

  // The text of an element: inline children flow in, other elements are set off by spaces, notes
  // are collected (in document order) to be placed after the block.
  const text = (e: Element): string => {
    let out = '';
    const stack: { el: Element; next: number; pad: boolean }[] = [{ el: e, next: 0, pad: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next === top.el.children.length) {
        stack.pop();
        if (top.pad) out += ' ';
        continue;
      }
      const child = top.el.children[top.next++]!;
      if (typeof child === 'string') out += child;
      else if (rules.skip(child)) continue;
      else if (rules.note(child)) notes.push(child);
      else if (rules.space.has(child.name)) out += ' ';
      else if (rules.inline.has(child.name)) stack.push({ el: child, next: 0, pad: false });
      else {
        out += ' ';
        stack.push({ el: child, next: 0, pad: true });
      }
    }
    return out;
  };
  // A block, then the notes that stood in it, each followed by the notes inside it.
  const emit = (kind: Block['kind'], t: string, level?: number) => {
    if (t.trim() !== '') blocks.push(level === undefined ? { kind, text: t } : { kind, text: t, level });
    const pending = notes.reverse();
    notes = [];
    while (pending.length > 0) {
      const t = text(pending.pop()!);
      if (t.trim() !== '') blocks.push({ kind: 'note', text: t });
      for (let i = notes.length - 1; i >= 0; i--) pending.push(notes[i]!);
      notes = [];
    }
  };
  const hasOwnText = (e: Element) => e.children.some((c) => typeof c === 'string' && c.trim() !== '');
  const isList = (c: Element) => elements(c).some((g) => rules.item.has(g.name));

  // Elements whose children are still to be visited, with their section depth.
  const stack: { el: Element; next: number; depth: number }[] = [{ el: root, next: 0, depth: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.el.children.length) {
      stack.pop();
      continue;
    }
    const child = top.el.children[top.next++]!;
    const depth = top.depth;
    if (typeof child === 'string') {
      if (child.trim() !== '') emit('paragraph', child);
      continue;
    }
    if (rules.skip(child)) continue;
    const level = rules.heading(child, depth);
    if (level !== undefined) emit('heading', text(child), level);
    else if (rules.note(child)) emit('note', text(child));
    else if (rules.paragraph.has(child.name)) emit('paragraph', text(child));
    else if (rules.item.has(child.name)) {
      // A list item's own text is one block; lists nested in it follow as items of their own.
      emit('item', text({ ...child, children: child.children.filter((c) => typeof c === 'string' || !isList(c)) }));
      const lists = elements(child).filter(isList);
      for (let i = lists.length - 1; i >= 0; i--) stack.push({ el: lists[i]!, next: 0, depth });
    } else if (rules.row.has(child.name)) {
      emit('paragraph', elements(child).filter((c) => rules.cell.has(c.name)).map((c) => text(c).trim()).join(' | '));
    } else if (hasOwnText(child) && !rules.inline.has(child.name)) {
      unknown.set(child.name, (unknown.get(child.name) ?? 0) + 1);
      emit('paragraph', text(child));
    } else if (rules.inline.has(child.name)) {
      emit('paragraph', text(child));
    } else stack.push({ el: child, next: 0, depth: depth + (rules.sectioning.has(child.name) ? 1 : 0) });
  }
  const warnings = [...unknown].sort().map(([name, n]) => `no rule for element <${name}> (${n}×): its text was kept as a paragraph`);
  return { blocks, warnings };
}
