import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LloError } from '../src/errors.js';
import { REFI_PROJECT_XSD } from '../src/interop/refi-xsd.js';
import { validateProject } from '../src/interop/xsd.js';
import { parseXml, printXml } from '../src/interop/xml.js';
import { FIXTURES, tempDir } from './helpers/cli.js';
import { xmllint } from './helpers/qdpx.js';

const XSD = join(FIXTURES, 'interop/REFI-QDA-Project-1.0.xsd');

const llo = (xml: string): LloError | undefined => {
  try {
    validateProject(parseXml(xml, 'p.qde'), 'p.qde');
    return undefined;
  } catch (err) {
    return err as LloError;
  }
};

const G = '0a1b2c3d-0000-4000-8000-00000000000';
const project = (body: string, attrs = 'name="p"') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" ${attrs}>\n${body}\n</Project>\n`;

// Each case: a project.qde, and the line and message llo gives (or undefined when it is valid).
const CASES: [string, string, string | undefined][] = [
  ['empty project', project(''), undefined],
  [
    'a full text source',
    project(
      `  <Users><User guid="${G}1" name="a"/></Users>
  <CodeBook><Codes><Code guid="${G}2" name="c" isCodable="true" color="#abc"><Description>d</Description><Code guid="{${G}3}" name="c2" isCodable="0"/></Code></Codes></CodeBook>
  <Variables><Variable guid="${G}4" name="date" typeOfVariable="Date"/></Variables>
  <Sources><TextSource guid="${G}5" plainTextPath="internal://x.txt">
    <PlainTextSelection guid="${G}6" startPosition="0" endPosition="3"><Coding guid="${G}7"><CodeRef targetGUID="${G}2"/></Coding></PlainTextSelection>
    <VariableValue><VariableRef targetGUID="${G}4"/><DateValue>2021-12-15</DateValue></VariableValue>
  </TextSource></Sources>`,
    ),
    undefined,
  ],
  [
    'a selection without startPosition',
    project(
      `  <Sources>\n    <TextSource guid="${G}5">\n      <PlainTextSelection guid="${G}6" endPosition="3"/>\n    </TextSource>\n  </Sources>`,
    ),
    '5:7: not valid against the REFI-QDA schema: <PlainTextSelection> lacks the required attribute "startPosition"',
  ],
  [
    'elements out of order',
    project(`  <Sources><TextSource guid="${G}5"/></Sources>\n  <Users><User guid="${G}1"/></Users>`),
    '4:3: not valid against the REFI-QDA schema: <Users> is not allowed here in <Project>',
  ],
  [
    'a GUID that is not one',
    project(`  <Users>\n    <User guid="user-1" name="a"/>\n  </Users>`),
    '4:5: not valid against the REFI-QDA schema: <User> attribute guid: "user-1" is not a valid GUIDType',
  ],
  [
    'a CodeBook without Codes',
    project(`  <CodeBook/>`),
    '3:3: not valid against the REFI-QDA schema: <CodeBook> misses a <Codes>',
  ],
  [
    'an unknown attribute',
    project(`  <Users><User guid="${G}1" colour="red"/></Users>`),
    '3:10: not valid against the REFI-QDA schema: <User> has an undeclared attribute "colour"',
  ],
  [
    'a wrong namespace',
    `<?xml version="1.0"?>\n<Project xmlns="urn:QDA-XML:project:2.0" name="p"/>\n`,
    '2:1: not valid against the REFI-QDA schema: <Project> is in namespace "urn:QDA-XML:project:2.0", not "urn:QDA-XML:project:1.0"',
  ],
  [
    'a position that is not a number',
    project(
      `  <Sources><TextSource guid="${G}5"><PlainTextSelection guid="${G}6" startPosition="1.5" endPosition="3"/></TextSource></Sources>`,
    ),
    '3:68: not valid against the REFI-QDA schema: <PlainTextSelection> attribute startPosition: "1.5" is not a valid xsd:integer',
  ],
  [
    'a missing name on Project',
    project('', ''),
    '2:1: not valid against the REFI-QDA schema: <Project> lacks the required attribute "name"',
  ],
];

describe('the REFI-QDA schema, read from its XSD', () => {
  it('is the published XSD, byte for byte (the copy in test/fixtures/interop, MIT notice kept)', () => {
    expect(REFI_PROJECT_XSD).toBe(readFileSync(XSD, 'utf8'));
    expect(REFI_PROJECT_XSD).toContain('This specification is licensed under the MIT license.');
  });

  it.each(CASES)('%s: llo and xmllint agree', (_name, xml, expected) => {
    const file = join(tempDir(), 'project.qde');
    writeFileSync(file, xml);
    const err = llo(xml);
    expect(xmllint(file).ok).toBe(expected === undefined);
    if (expected === undefined) expect(err).toBeUndefined();
    else expect(err?.format()).toBe(`p.qde:${expected}`);
  });
});

describe('XML that is not well-formed', () => {
  it.each([
    [
      '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Users></Project>',
      'p.qde:1:67: not well-formed XML: unexpected close tag.',
    ],
    ['<Project name="a"><b></c></Project>', 'p.qde:1:25: not well-formed XML: unexpected close tag.'],
    [
      '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY a "aaaa">]>\n<Project name="&a;"/>',
      'p.qde:2:33: a DOCTYPE is not allowed in a REFI-QDA file (entities are refused)',
    ],
  ])('%s → %s', (xml, message) => {
    expect(() => parseXml(xml, 'p.qde')).toThrow(LloError);
    try {
      parseXml(xml, 'p.qde');
    } catch (err) {
      expect((err as LloError).format()).toBe(message);
    }
  });

  it('prints what it parses back to the same tree: escapes, CR, tabs and newlines in attributes', () => {
    const xml = printXml({
      name: 'Project',
      attrs: [
        ['xmlns', 'urn:QDA-XML:project:1.0'],
        ['name', 'a "b" <c> & d\te\nf\r\ng'],
      ],
      children: [{ name: 'Description', text: 'x\r\ny & <z> ]]>' }],
    });
    const root = parseXml(xml, 'p.qde');
    expect(root.attrs.get('name')).toBe('a "b" <c> & d\te\nf\r\ng');
    expect(root.children[0]!.text).toBe('x\r\ny & <z> ]]>');
  });

  it('refuses a character XML 1.0 cannot carry', () => {
    expect(() => printXml({ name: 'Note', text: 'bell \u0007 here' })).toThrow(/U\+0007/u);
  });
});
