import { Parser } from 'htmlparser2';
import { appendText, refuseEntities, type Element } from './tree.js';
import { parseXml } from './xml-tree.js';

export { elements, find, type Element, type Node } from './tree.js';

/** The element tree of an XML document (refused unless well-formed) or an HTML page (repaired). */
export function parseMarkup(source: string, file: string, xml: boolean): Element {
  return xml ? parseXml(source, file) : parseHtml(source, file);
}

/** An HTML page as an element tree. HTML is parsed as browsers do: tags are repaired, not refused. */
export function parseHtml(source: string, file: string): Element {
  refuseEntities(source, file, false);
  const root: Element = { name: '#document', attributes: {}, children: [], index: 0 };
  const stack: Element[] = [root];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const el: Element = { name, attributes, children: [], index: parser.startIndex };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
      },
      onclosetag() {
        stack.pop();
      },
      ontext(text) {
        appendText(stack[stack.length - 1]!, text);
      },
    },
    { xmlMode: false, decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(source);
  parser.end();
  return root;
}

