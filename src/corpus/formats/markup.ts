import { Parser } from 'htmlparser2';
import { LloError, lineColumn } from '../../errors.js';

/**
 * A small element tree built with htmlparser2, plus the checks llo needs that htmlparser2 leaves
 * out: XML well-formedness (it silently repairs mismatched tags) and refusal of DTDs with entity
 * declarations (external entities and "billion laughs" expansion). htmlparser2 itself never
 * expands declared entities; refusing them makes the file's meaning unambiguous.
 */
export interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  /** Character index of the start tag in the source, for error positions. */
  index: number;
}
export type Node = Element | string;

export function parseMarkup(source: string, file: string, xml: boolean): Element {
  const fail = (index: number, message: string, code = 'LLO_XML_MALFORMED') =>
    new LloError(code, message, { file, ...lineColumn(source, index) });

  const declaration = /<!DOCTYPE[^>[]*\[|<!ENTITY/iu.exec(source);
  if (declaration) {
    throw fail(declaration.index, 'the document declares entities in a DTD; llo refuses entity declarations (external entities, entity expansion)', 'LLO_XML_ENTITY');
  }
  const external = /<!DOCTYPE[^>]*\b(?:SYSTEM|PUBLIC)\s+["'][^"']*["']\s*["']?([^"'>]*)["']?/iu.exec(source);
  if (xml && external && !/^https?:\/\/www\.w3\.org\//u.test(external[1] ?? '')) {
    throw fail(external.index, 'the document refers to an external DTD; llo does not load external entities', 'LLO_XML_ENTITY');
  }

  const root: Element = { name: '#document', attributes: {}, children: [], index: 0 };
  const stack: Element[] = [root];
  let error: LloError | undefined;

  class CheckedParser extends Parser {
    // htmlparser2 drops an end tag that matches no open element; in XML that is an error.
    override onclosetag(start: number, endIndex: number): void {
      if (xml && !error) {
        const name = source.slice(start, endIndex).trim();
        const open = stack[stack.length - 1]!;
        if (open.name !== name) {
          error = fail(start - 2, open === root ? `end tag </${name}> without a start tag` : `end tag </${name}> does not match <${open.name}> opened at ${pos(open.index)}`);
        }
      }
      super.onclosetag(start, endIndex);
    }
    // A self-closing tag (<meta/>) is reported as an implied close too; it is not an error.
    override onselfclosingtag(endIndex: number): void {
      selfClosing = true;
      super.onselfclosingtag(endIndex);
      selfClosing = false;
    }
  }
  let selfClosing = false;
  const pos = (index: number) => {
    const { line, column } = lineColumn(source, index);
    return `${line}:${column}`;
  };

  const parser = new CheckedParser(
    {
      onopentag(name, attributes) {
        const el: Element = { name, attributes, children: [], index: parser.startIndex };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
      },
      onclosetag(name, implied) {
        const el = stack.pop()!;
        if (xml && implied && !selfClosing && !error) error = fail(el.index, `<${name}> is not closed`);
      },
      ontext(text) {
        const parent = stack[stack.length - 1]!;
        const last = parent.children[parent.children.length - 1];
        if (typeof last === 'string') parent.children[parent.children.length - 1] = last + text;
        else parent.children.push(text);
      },
    },
    { xmlMode: xml, decodeEntities: true, recognizeSelfClosing: xml, lowerCaseTags: !xml },
  );
  parser.write(source);
  parser.end();
  if (error) throw error;
  if (xml) {
    const elements = root.children.filter((c): c is Element => typeof c !== 'string');
    if (elements.length !== 1) throw fail(0, elements.length === 0 ? 'no root element' : 'more than one root element');
  }
  return root;
}

export function elements(node: Element): Element[] {
  return node.children.filter((c): c is Element => typeof c !== 'string');
}

/** Depth-first search for the first element that satisfies the test. */
export function find(node: Element, test: (e: Element) => boolean): Element | undefined {
  for (const child of elements(node)) {
    if (test(child)) return child;
    const hit = find(child, test);
    if (hit) return hit;
  }
  return undefined;
}
