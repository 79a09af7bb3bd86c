import { childNamed, childrenNamed, printXml, type XmlElement, type XmlNode } from './xml.js';

/**
 * A REFI-QDA project in memory: the parts of QDA-XML 1.0 that llo reads and writes, in the
 * schema's terms (users, codes, sets, variables, sources with selections and codings, notes).
 * This module only translates between XML and this model; what the parts mean for llo (actors,
 * roles, segments, coders) is decided in ./from-llo.ts and ./to-llo.ts.
 */

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';

export interface QdaUser {
  guid: string;
  name: string;
}

export interface QdaCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color?: string;
  description?: string;
  children: QdaCode[];
}

export interface QdaSet {
  guid: string;
  name: string;
  description?: string;
  codes: string[];
  sources: string[];
}

export type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';

export interface QdaVariable {
  guid: string;
  name: string;
  type: VariableType;
}

export interface QdaCoding {
  guid: string;
  code: string;
  creatingUser?: string;
  notes: string[];
}

export interface QdaSelection {
  guid: string;
  name?: string;
  start: number;
  end: number;
  creatingUser?: string;
  description?: string;
  codings: QdaCoding[];
  notes: string[];
  /** Line of the element in project.qde, for reports. */
  line?: number;
}

export type SourceKind = 'TextSource' | 'PDFSource' | 'PictureSource' | 'AudioSource' | 'VideoSource';

export interface QdaSource {
  kind: SourceKind;
  guid: string;
  name: string;
  description?: string;
  /** For a TextSource, or the text representation of a PDFSource: where its plain text is. */
  plainTextPath?: string;
  plainTextContent?: string;
  /** The source's plain text, once read (llo fills it in). */
  text?: string;
  selections: QdaSelection[];
  variables: { variable: string; value: string }[];
  notes: string[];
  line?: number;
}

export interface QdaNote {
  guid: string;
  name?: string;
  text: string;
  creatingUser?: string;
  plainTextPath?: string;
}

export interface QdaProject {
  name: string;
  origin?: string;
  creatingUser?: string;
  description?: string;
  users: QdaUser[];
  codes: QdaCode[];
  variables: QdaVariable[];
  sources: QdaSource[];
  notes: QdaNote[];
  sets: QdaSet[];
}

// ——— Reading (from a tree validated against the schema) ———

const text = (el: XmlElement | undefined): string | undefined => (el ? el.text : undefined);

function readCode(el: XmlElement): QdaCode {
  return {
    guid: el.attrs.get('guid')!,
    name: el.attrs.get('name')!,
    isCodable: ['true', '1'].includes(el.attrs.get('isCodable')!.trim()),
    ...opt('color', el.attrs.get('color')),
    ...opt('description', text(childNamed(el, 'Description'))),
    children: childrenNamed(el, 'Code').map(readCode),
  };
}

function opt<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [k in K]?: V };
}

function readSelection(el: XmlElement): QdaSelection {
  return {
    guid: el.attrs.get('guid')!,
    ...opt('name', el.attrs.get('name')),
    start: Number(el.attrs.get('startPosition')),
    end: Number(el.attrs.get('endPosition')),
    ...opt('creatingUser', el.attrs.get('creatingUser')),
    ...opt('description', text(childNamed(el, 'Description'))),
    codings: childrenNamed(el, 'Coding').map((c) => ({
      guid: c.attrs.get('guid')!,
      code: childNamed(c, 'CodeRef')!.attrs.get('targetGUID')!,
      ...opt('creatingUser', c.attrs.get('creatingUser')),
      notes: childrenNamed(c, 'NoteRef').map((n) => n.attrs.get('targetGUID')!),
    })),
    notes: childrenNamed(el, 'NoteRef').map((n) => n.attrs.get('targetGUID')!),
    line: el.line,
  };
}

function readVariableValues(el: XmlElement): QdaSource['variables'] {
  return childrenNamed(el, 'VariableValue').map((v) => {
    const value = v.children.find((c) => c.name !== 'VariableRef');
    return { variable: childNamed(v, 'VariableRef')!.attrs.get('targetGUID')!, value: value?.text.trim() ?? '' };
  });
}

function readTextLike(el: XmlElement, kind: SourceKind): QdaSource {
  return {
    kind,
    guid: el.attrs.get('guid')!,
    name: el.attrs.get('name') ?? '',
    ...opt('description', text(childNamed(el, 'Description'))),
    ...opt('plainTextPath', el.attrs.get('plainTextPath')),
    ...opt('plainTextContent', text(childNamed(el, 'PlainTextContent'))),
    selections: childrenNamed(el, 'PlainTextSelection').map(readSelection),
    variables: readVariableValues(el),
    notes: childrenNamed(el, 'NoteRef').map((n) => n.attrs.get('targetGUID')!),
    line: el.line,
  };
}

function readSource(el: XmlElement): QdaSource {
  const kind = el.name as SourceKind;
  if (kind === 'TextSource') return readTextLike(el, kind);
  const base: QdaSource = {
    kind,
    guid: el.attrs.get('guid')!,
    name: el.attrs.get('name') ?? '',
    ...opt('description', text(childNamed(el, 'Description'))),
    selections: [],
    variables: readVariableValues(el),
    notes: childrenNamed(el, 'NoteRef').map((n) => n.attrs.get('targetGUID')!),
    line: el.line,
  };
  // A PDF with a text representation is coded on that text (PDFSource/Representation).
  const representation = kind === 'PDFSource' ? childNamed(el, 'Representation') : undefined;
  if (!representation) return base;
  const rep = readTextLike(representation, 'TextSource');
  return {
    ...base,
    ...opt('plainTextPath', rep.plainTextPath),
    ...opt('plainTextContent', rep.plainTextContent),
    selections: rep.selections,
  };
}

export function readProject(root: XmlElement): QdaProject {
  const users = childNamed(root, 'Users');
  const codebook = childNamed(root, 'CodeBook');
  const notes = childNamed(root, 'Notes');
  return {
    name: root.attrs.get('name')!,
    ...opt('origin', root.attrs.get('origin')),
    ...opt('creatingUser', root.attrs.get('creatingUserGUID')),
    ...opt('description', text(childNamed(root, 'Description'))),
    users: users
      ? childrenNamed(users, 'User').map((u) => ({ guid: u.attrs.get('guid')!, name: u.attrs.get('name') ?? '' }))
      : [],
    codes: codebook ? childrenNamed(childNamed(codebook, 'Codes')!, 'Code').map(readCode) : [],
    variables: childrenNamed(childNamed(root, 'Variables') ?? root, 'Variable').map((v) => ({
      guid: v.attrs.get('guid')!,
      name: v.attrs.get('name')!,
      type: v.attrs.get('typeOfVariable')!.trim() as VariableType,
    })),
    sources: (childNamed(root, 'Sources')?.children ?? []).map(readSource),
    notes: (notes ? childrenNamed(notes, 'Note') : []).map((n) => {
      const note = readTextLike(n, 'TextSource');
      return {
        guid: note.guid,
        ...opt('name', n.attrs.get('name')),
        text: note.plainTextContent ?? '',
        ...opt('creatingUser', n.attrs.get('creatingUser')),
        ...opt('plainTextPath', note.plainTextPath),
      };
    }),
    sets: childrenNamed(childNamed(root, 'Sets') ?? root, 'Set').map((s) => ({
      guid: s.attrs.get('guid')!,
      name: s.attrs.get('name')!,
      ...opt('description', text(childNamed(s, 'Description'))),
      codes: childrenNamed(s, 'MemberCode').map((m) => m.attrs.get('targetGUID')!),
      sources: childrenNamed(s, 'MemberSource').map((m) => m.attrs.get('targetGUID')!),
    })),
  };
}

// ——— Writing (element order as the schema's sequences require) ———

const description = (d: string | undefined): XmlNode[] => (d ? [{ name: 'Description', text: d }] : []);
const noteRefs = (guids: readonly string[]): XmlNode[] =>
  guids.map((g) => ({ name: 'NoteRef', attrs: [['targetGUID', g]] }));

/** A code and its children; the same in a project and in a codebook file (.qdc). */
export function codeNode(code: QdaCode): XmlNode {
  return {
    name: 'Code',
    attrs: [
      ['guid', code.guid],
      ['name', code.name],
      ['isCodable', code.isCodable],
      ['color', code.color],
    ],
    children: [...description(code.description), ...code.children.map(codeNode)],
  };
}

function variableValue(variables: readonly QdaVariable[], v: { variable: string; value: string }): XmlNode {
  const type = variables.find((x) => x.guid === v.variable)?.type ?? 'Text';
  return {
    name: 'VariableValue',
    children: [
      { name: 'VariableRef', attrs: [['targetGUID', v.variable]] },
      { name: `${type}Value`, text: v.value },
    ],
  };
}

function sourceNode(project: QdaProject, s: QdaSource): XmlNode {
  return {
    name: 'TextSource',
    attrs: [
      ['guid', s.guid],
      ['name', s.name],
      ['plainTextPath', s.plainTextPath],
    ],
    children: [
      ...description(s.description),
      ...(s.plainTextContent !== undefined ? [{ name: 'PlainTextContent', text: s.plainTextContent }] : []),
      ...s.selections.map((sel): XmlNode => ({
        name: 'PlainTextSelection',
        attrs: [
          ['guid', sel.guid],
          ['name', sel.name],
          ['startPosition', sel.start],
          ['endPosition', sel.end],
          ['creatingUser', sel.creatingUser],
        ],
        children: [
          ...description(sel.description),
          ...sel.codings.map((c): XmlNode => ({
            name: 'Coding',
            attrs: [
              ['guid', c.guid],
              ['creatingUser', c.creatingUser],
            ],
            children: [{ name: 'CodeRef', attrs: [['targetGUID', c.code]] }, ...noteRefs(c.notes)],
          })),
          ...noteRefs(sel.notes),
        ],
      })),
      ...noteRefs(s.notes),
      ...s.variables.map((v) => variableValue(project.variables, v)),
    ],
  };
}

/** project.qde for a project whose sources are all text sources (what llo writes). */
export function printProject(project: QdaProject): string {
  const section = (name: string, children: XmlNode[]): XmlNode[] => (children.length ? [{ name, children }] : []);
  return printXml({
    name: 'Project',
    attrs: [
      ['xmlns', QDA_NAMESPACE],
      ['name', project.name],
      ['origin', project.origin],
      ['creatingUserGUID', project.creatingUser],
    ],
    children: [
      ...section(
        'Users',
        project.users.map((u) => ({
          name: 'User',
          attrs: [
            ['guid', u.guid],
            ['name', u.name],
          ],
        })),
      ),
      ...(project.codes.length
        ? [{ name: 'CodeBook', children: [{ name: 'Codes', children: project.codes.map(codeNode) }] }]
        : []),
      ...section(
        'Variables',
        project.variables.map((v) => ({
          name: 'Variable',
          attrs: [
            ['guid', v.guid],
            ['name', v.name],
            ['typeOfVariable', v.type],
          ],
        })),
      ),
      ...section(
        'Sources',
        project.sources.map((s) => sourceNode(project, s)),
      ),
      ...section(
        'Notes',
        project.notes.map((n) => ({
          name: 'Note',
          attrs: [
            ['guid', n.guid],
            ['name', n.name],
            ['creatingUser', n.creatingUser],
          ],
          children: [{ name: 'PlainTextContent', text: n.text }],
        })),
      ),
      ...section(
        'Sets',
        project.sets.map((s) => ({
          name: 'Set',
          attrs: [
            ['guid', s.guid],
            ['name', s.name],
          ],
          children: [
            ...description(s.description),
            ...s.codes.map((g) => ({ name: 'MemberCode', attrs: [['targetGUID', g]] as [string, string][] })),
            ...s.sources.map((g) => ({ name: 'MemberSource', attrs: [['targetGUID', g]] as [string, string][] })),
          ],
        })),
      ),
      ...description(project.description),
    ],
  });
}
