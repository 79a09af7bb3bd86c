import type { ParsedDocument } from '../document.js';
import { find, parseHtml } from './markup.js';
import { walk, type Rules } from './walk.js';

/**
 * The HTML rendering of an official publication (zoek.officielebekendmakingen.nl): the document
 * body is `div#broodtekst`; site navigation, scripts and the metadata table around it are left out.
 * Other HTML pages are read from <body> with a warning.
 */
const HTML_RULES: Rules = {
  skip: (e) =>
    ['script', 'style', 'nav', 'header', 'footer', 'noscript', 'template', 'head', 'form', 'button'].includes(e.name) ||
    (e.name === 'sup' && /noot|footnote/u.test(e.attributes['class'] ?? '')) ||
    (e.name === 'a' && /nootnum|footnote-ref/u.test(e.attributes['class'] ?? '')),
  heading: (e) => (/^h[1-6]$/u.test(e.name) ? Number(e.name[1]) : undefined),
  paragraph: new Set(['p', 'blockquote', 'dt', 'dd', 'pre', 'address', 'figcaption', 'caption']),
  item: new Set(['li']),
  row: new Set(['tr']),
  cell: new Set(['td', 'th']),
  note: (e) => /(^|\s)(noot|voetnoot|footnote)(\s|$)/u.test(e.attributes['class'] ?? '') && e.name !== 'a' && e.name !== 'sup',
  sectioning: new Set(['section', 'article']),
  inline: new Set(['a', 'b', 'i', 'em', 'strong', 'span', 'sup', 'sub', 'abbr', 'u', 'small', 'code', 'q', 'cite', 'time', 'mark', 'font', 'data']),
  space: new Set(['br', 'wbr', 'hr']),
};

export function readOfficialHtml(source: string, file: string): ParsedDocument {
  const tree = parseHtml(source, file);
  const body = find(tree, (e) => e.attributes['id'] === 'broodtekst') ?? find(tree, (e) => e.name === 'body') ?? tree;
  const { blocks, warnings } = walk(body, HTML_RULES);
  if (body.attributes['id'] !== 'broodtekst') warnings.unshift('no div#broodtekst (the body of an official publication): read the whole page');
  return { blocks, warnings };
}
