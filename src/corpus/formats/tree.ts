import { LloError, lineColumn } from '../../errors.js';

/**
 * The small element tree the format readers walk (walk.ts), built from HTML with htmlparser2
 * (markup.ts) and from XML with a validating parser (xml-tree.ts). Both refuse DTDs that declare entities
 * (external entities and "billion laughs" expansion): neither parser expands declared entities,
 * and refusing them makes the file's meaning unambiguous.
 */
export interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  /** Character index of the start tag in the source, for error positions. */
  index: number;
}
export type Node = Element | string;

/** An LloError at a character index of the source. */
export function markupError(source: string, file: string, index: number, message: string, code = 'LLO_XML_MALFORMED'): LloError {
  return new LloError(code, message, { file, ...lineColumn(source, index) });
}

/** Refuses entity declarations in a DTD, and (for XML) a reference to an external DTD. */
export function refuseEntities(source: string, file: string, xml: boolean): void {
  const declaration = /<!DOCTYPE[^>[]*\[|<!ENTITY/iu.exec(source);
  if (declaration) {
    throw markupError(source, file, declaration.index, 'the document declares entities in a DTD; llo refuses entity declarations (external entities, entity expansion)', 'LLO_XML_ENTITY');
  }
  const external = /<!DOCTYPE[^>]*\b(?:SYSTEM|PUBLIC)\s+["'][^"']*["']\s*["']?([^"'>]*)["']?/iu.exec(source);
  if (xml && external && !/^https?:\/\/www\.w3\.org\//u.test(external[1] ?? '')) {
    throw markupError(source, file, external.index, 'the document refers to an external DTD; llo does not load external entities', 'LLO_XML_ENTITY');
  }
}

/** Adds text to an element, joining it to a text child just before (text split by a comment or PI). */
export function appendText(parent: Element, text: string): void {
  const last = parent.children.length - 1;
  if (last >= 0 && typeof parent.children[last] === 'string') parent.children[last] += text;
  else parent.children.push(text);
}

export function elements(node: Element): Element[] {
  return node.children.filter((c): c is Element => typeof c !== 'string');
}

/**
 * Depth-first search (document order) for the first element that satisfies the test. Iterative:
 * a document nested thousands of levels deep must not overflow the call stack.
 */
export function find(node: Element, test: (e: Element) => boolean): Element | undefined {
  const stack: Element[] = elements(node).reverse();
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (test(e)) return e;
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i]!;
      if (typeof c !== 'string') stack.push(c);
    }
  }
  return undefined;
}
