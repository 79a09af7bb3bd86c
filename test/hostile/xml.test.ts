import { describe, expect, it } from 'vitest';
import { readOfficialXml } from '../../src/corpus/formats/xml.js';
import { errorLine } from './helpers.js';

// Issue 10, item 9: "well-formedness" was a tag-balance check; these were all accepted as text.
const doc = (body: string) => `<officiele-publicatie>\n<kamerstuk>\n${body}\n</kamerstuk>\n</officiele-publicatie>`;
const error = (xml: string) => errorLine(() => readOfficialXml(xml, 'bad.xml'));

describe('XML that is not well-formed: one line with line:column', () => {
  it.each([
    [
      'a duplicate attribute',
      doc('<al id="1" id="2">tekst</al>'),
      'bad.xml:3:1: the attribute id occurs twice in one start tag',
    ],
    [
      'an unquoted attribute',
      doc('<al id=1>tekst</al>'),
      'bad.xml:3:8: an attribute value without quotes: write name="value"',
    ],
    ['a bare &', doc('<al>scholing & ontwikkeling</al>'), 'bad.xml:3:14: a bare "&" in the text: write it as &amp;'],
    [
      'a < in text',
      doc('<al>minder dan 5 < 6 procent</al>'),
      'bad.xml:3:18: a "<" that starts no tag: write a < in text as &lt;',
    ],
    [
      'an undefined entity',
      doc('<al>caf&eacute; &foo;</al>'),
      'bad.xml:3:8: undefined entity &eacute;: XML knows only &amp; &lt; &gt; &quot; &apos; and character references such as &#233;',
    ],
    [
      'text after the root element',
      `${doc('<al>tekst</al>')}\nnog meer`,
      'bad.xml:6:1: text after the end of the root element',
    ],
    ['a second root element', `${doc('<al>tekst</al>')}\n<al>twee</al>`, 'bad.xml:6:1: more than one root element'],
    ['a control character', doc('<al>a\u0001b</al>'), 'bad.xml:3:6: a character XML does not allow: U+0001'],
  ])('%s', async (_what, xml, expected) => {
    expect(await error(xml)).toBe(expected);
  });

  it('well-formed XML with entities, character references, CDATA and comments is read', () => {
    const xml = doc(
      '<al>scholing &amp; ontwikkeling &#8217;nu&#x2019; <![CDATA[a < b]]><!-- opmerking & meer --></al>',
    );
    expect(readOfficialXml(xml, 'ok.xml').blocks).toEqual([
      { kind: 'paragraph', text: 'scholing & ontwikkeling ’nu’ a < b' },
    ]);
  });
});
