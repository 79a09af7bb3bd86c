import { SaxesParser } from 'saxes';
import { lineColumn, type LloError } from '../../errors.js';
import { appendText, markupError, refuseEntities, type Element } from './tree.js';

/**
 * Parses XML into an element tree with saxes, a conforming XML 1.0 parser: a document that is not
 * well-formed — a duplicate or unquoted attribute, a bare `&`, a `<` in text, an undefined entity,
 * text after the root element, a mismatched or unclosed tag — is refused at its first error with
 * line:column. Text split by a processing instruction (`provincie<?xpp afbm?>coördinator`) joins
 * without a space; CDATA is text. The parser keeps its own stack, so depth is no problem.
 */
export function parseXml(source: string, file: string): Element {
  refuseEntities(source, file, true);
  const fail = (index: number, message: string) => markupError(source, file, index, message);
  const root: Element = { name: '#document', attributes: {}, children: [], index: 0 };
  const stack: Element[] = [root];
  const parser = new SaxesParser({ position: true, fileName: file });
  let error: LloError | undefined;
  let rootEnd = -1;
  // Stop at the first error: what follows a broken tag is noise.
  const stop = (e: LloError): never => {
    error = e;
    throw e;
  };
  // saxes reads `& b</r>` as an entity reference running to the next `;`; find a bare & directly.
  const bareAmpersand = firstBareAmpersand(source);

  parser.on('opentag', (tag) => {
    const el: Element = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], index: source.lastIndexOf('<', parser.position - 1) };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', (tag) => {
    const open = stack[stack.length - 1]!;
    if (!tag.isSelfClosing) {
      // saxes closes the open element on any end tag and reports afterwards; check the name here.
      const at = source.lastIndexOf('</', parser.position - 1);
      const name = source.slice(at + 2, parser.position - 1).trim();
      if (open === root) stop(fail(at, `end tag </${name}> without a start tag`));
      if (name !== open.name) stop(fail(at, `end tag </${name}> does not match <${open.name}> opened at ${where(source, open.index)}`));
    }
    stack.pop();
    if (stack.length === 1) rootEnd = parser.position;
  });
  const text = (t: string) => {
    if (stack.length > 1) appendText(stack[stack.length - 1]!, t);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('error', (err) => {
    const index = parser.position - 1;
    if (bareAmpersand !== -1 && bareAmpersand <= index) stop(fail(bareAmpersand, 'a bare "&" in the text: write it as &amp;'));
    if (rootEnd !== -1 && /outside of root node/u.test(err.message)) {
      stop(fail(rootEnd + source.slice(rootEnd).search(/\S/u), 'text after the end of the root element'));
    }
    stop(translate(err.message, index, source, stack, root, fail));
  });
  try {
    parser.write(source).close();
  } catch (err) {
    if (err !== error) throw err;
  }
  if (error) throw error;
  if (bareAmpersand !== -1) throw fail(bareAmpersand, 'a bare "&" in the text: write it as &amp;');
  return root;
}

/**
 * saxes's message for an error at `index` (the character just read), in llo's words and at the
 * place a reader looks for it.
 */
function translate(
  message: string,
  index: number,
  source: string,
  stack: readonly Element[],
  root: Element,
  fail: (index: number, message: string) => LloError,
): LloError {
  const what = message.replace(/^.*?:\d+:\d+: /u, '').replace(/\.$/u, '');
  const open = stack[stack.length - 1]!;
  const tagStart = source.lastIndexOf('<', index);
  let m: RegExpExecArray | null;
  if ((m = /^duplicate attribute: (.*)$/u.exec(what))) {
    return fail(tagStart, `the attribute ${m[1]} occurs twice in one start tag`);
  }
  if (what === 'unquoted attribute value') return fail(index, 'an attribute value without quotes: write name="value"');
  if (what === 'disallowed character in tag name' || what === 'disallowed character in closing tag') {
    return fail(tagStart, 'a "<" that starts no tag: write a < in text as &lt;');
  }
  if (what === 'undefined entity') {
    const amp = source.lastIndexOf('&', index);
    return fail(amp, `undefined entity ${source.slice(amp, index + 1)}: XML knows only &amp; &lt; &gt; &quot; &apos; and character references such as &#233;`);
  }
  if (what === 'text data outside of root node') return fail(index, 'text outside the root element');
  if (what === 'documents may contain only one root') return fail(tagStart, 'more than one root element');
  if (what === 'document must contain a root element') return fail(0, 'no root element');
  if (/^unclosed tag: /u.test(what) && open !== root) return fail(open.index, `<${open.name}> is not closed`);
  if (what === 'disallowed character') {
    const code = source.codePointAt(index) ?? 0;
    return fail(index, `a character XML does not allow: U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return fail(index, `not well-formed XML: ${what}`);
}

/** Index of the first `&` in text or attribute values that starts no reference, or -1. */
function firstBareAmpersand(source: string): number {
  if (!source.includes('&')) return -1;
  const scan = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|&(?!(?:[\p{L}_:][\p{L}\p{N}._:-]*|#[0-9]+|#x[0-9a-fA-F]+);)/gu;
  for (let m = scan.exec(source); m; m = scan.exec(source)) if (m[0] === '&') return m.index;
  return -1;
}

function where(source: string, index: number): string {
  const { line, column } = lineColumn(source, index);
  return `${line}:${column}`;
}
