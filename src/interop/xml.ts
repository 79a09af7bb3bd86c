import { SaxesParser, type SaxesTagNS } from 'saxes';
import { LloError } from '../errors.js';

/**
 * XML in and out for REFI-QDA. Reading uses saxes, a strict parser: a document that is not
 * well-formed (a stray `<`, a mismatched end tag, an undefined entity) is refused with its line and
 * column, never repaired. A DOCTYPE is refused outright: REFI-QDA files have none, and refusing it
 * rules out entity expansion ("billion laughs") and external entities. Writing is a small printer
 * with a fixed layout (two-space indent, attributes in the order given), so output is byte-stable.
 */

export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI ('' for none). */
  ns: string;
  /** Attributes without a namespace, by name. */
  attrs: Map<string, string>;
  /** Attributes with a namespace (xsi:schemaLocation …), by prefixed name. */
  foreignAttrs: Map<string, { uri: string; value: string }>;
  children: XmlElement[];
  /** The element's own character data (CDATA included), concatenated. */
  text: string;
  /** 1-based line and column of the start tag. */
  line: number;
  column: number;
}

/** Parses a whole XML document into a tree; `file` names it in errors. */
export function parseXml(source: string, file: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const fail = (message: string, line = parser.line, column = parser.column): never => {
    throw new LloError('LLO_QDPX_XML', message, { file, line, column });
  };
  parser.on('error', (err) => fail(`not well-formed XML: ${err.message.replace(/^\d+:\d+: /u, '')}`));
  parser.on('doctype', () => fail('a DOCTYPE is not allowed in a REFI-QDA file (entities are refused)'));
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  // The start tag's position: saxes reports the position after the tag, so remember where it began.
  let tagLine = 1;
  let tagColumn = 1;
  parser.on('opentagstart', (tag) => {
    tagLine = parser.line;
    tagColumn = Math.max(1, parser.column - tag.name.length - 1);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const el: XmlElement = {
      name: tag.local,
      ns: tag.uri,
      attrs: new Map(),
      foreignAttrs: new Map(),
      children: [],
      text: '',
      line: tagLine,
      column: tagColumn,
    };
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      if (a.uri === '') el.attrs.set(a.local, a.value);
      else el.foreignAttrs.set(a.name, { uri: a.uri, value: a.value });
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  const addText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(source.replace(/^\ufeff/u, '')).close();
  if (!root) return fail('the XML document has no root element', 1, 1);
  return root;
}

/** The child elements of `el` with a local name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

// ——— Writing ———

/** An element to print: attributes in order (undefined ones left out), then children or text. */
export interface XmlNode {
  name: string;
  attrs?: [string, string | number | boolean | undefined][];
  children?: XmlNode[];
  text?: string;
}

// XML 1.0 cannot carry C0 controls other than tab, LF and CR, nor lone surrogates.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

function checkChars(value: string): string {
  const bad = NOT_XML.exec(value);
  if (bad)
    throw new LloError(
      'LLO_QDPX_CHAR',
      `XML 1.0 cannot carry the character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in ${JSON.stringify(value.slice(Math.max(0, bad.index - 20), bad.index + 20))}`,
    );
  return value;
}

export function escapeText(value: string): string {
  // CR is written as a reference: a parser would otherwise turn CR LF into LF (XML 1.0 §2.11).
  return checkChars(value)
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/\r/gu, '&#13;');
}

export function escapeAttribute(value: string): string {
  // Tab, LF and CR as references, or attribute-value normalisation would turn them into spaces.
  return escapeText(value).replace(/"/gu, '&quot;').replace(/\t/gu, '&#9;').replace(/\n/gu, '&#10;');
}

/** Prints a document: XML declaration, then the tree with two-space indentation and LF line ends. */
export function printXml(root: XmlNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const print = (node: XmlNode, indent: string) => {
    const attrs = (node.attrs ?? [])
      .filter((a): a is [string, string | number | boolean] => a[1] !== undefined)
      .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
      .join('');
    const children = node.children ?? [];
    if (children.length === 0 && (node.text === undefined || node.text === '')) {
      out.push(`${indent}<${node.name}${attrs}/>\n`);
    } else if (children.length === 0) {
      out.push(`${indent}<${node.name}${attrs}>${escapeText(node.text!)}</${node.name}>\n`);
    } else {
      out.push(`${indent}<${node.name}${attrs}>\n`);
      for (const c of children) print(c, `${indent}  `);
      out.push(`${indent}</${node.name}>\n`);
    }
  };
  print(root, '');
  return out.join('');
}
