import { LloError } from '../errors.js';
import { REFI_PROJECT_XSD } from './refi-xsd.js';
import { parseXml, type XmlElement } from './xml.js';

/**
 * Validation of a parsed project.qde against the REFI-QDA schema, read from the XSD itself (the
 * verbatim copy in ./refi-xsd.ts), so the rules are the published ones and not a retelling. The
 * interpreter covers exactly the XSD constructs that schema uses: global complex and simple types,
 * `sequence` and `choice` with minOccurs/maxOccurs, local elements of built-in or named types,
 * attributes with `use="required"`, and simple types restricted by `pattern` or `enumeration`.
 * Because the schema obeys XSD's unique-particle rule, a greedy match of the children is exact.
 * The tests check it against xmllint on valid and invalid files.
 */

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

type Particle =
  | { kind: 'element'; name: string; type: string; min: number; max: number }
  | { kind: 'sequence' | 'choice'; items: Particle[]; min: number; max: number };

interface ComplexType {
  attributes: Map<string, { type: string; required: boolean }>;
  content?: Particle;
}

interface SimpleType {
  base: string;
  patterns: RegExp[];
  enumeration: string[];
}

interface Schema {
  namespace: string;
  roots: Map<string, string>;
  complex: Map<string, ComplexType>;
  simple: Map<string, SimpleType>;
}

let compiled: Schema | undefined;

function occurs(el: XmlElement, attr: string): number {
  const v = el.attrs.get(attr);
  return v === undefined ? 1 : v === 'unbounded' ? Infinity : Number(v);
}

/** Reads the XSD into content models (once per process). */
export function refiSchema(): Schema {
  if (compiled) return compiled;
  const xsd = parseXml(REFI_PROJECT_XSD, 'REFI-QDA-Project-1.0.xsd');
  const schema: Schema = {
    namespace: xsd.attrs.get('targetNamespace') ?? '',
    roots: new Map(),
    complex: new Map(),
    simple: new Map(),
  };
  const particle = (el: XmlElement): Particle | undefined => {
    if (el.ns !== XSD_NS) return undefined;
    if (el.name === 'element')
      return {
        kind: 'element',
        name: el.attrs.get('name')!,
        type: el.attrs.get('type')!,
        min: occurs(el, 'minOccurs'),
        max: occurs(el, 'maxOccurs'),
      };
    if (el.name === 'sequence' || el.name === 'choice')
      return {
        kind: el.name,
        items: el.children.map(particle).filter((p): p is Particle => p !== undefined),
        min: occurs(el, 'minOccurs'),
        max: occurs(el, 'maxOccurs'),
      };
    return undefined;
  };
  for (const def of xsd.children) {
    const name = def.attrs.get('name')!;
    if (def.name === 'element') schema.roots.set(name, def.attrs.get('type')!);
    else if (def.name === 'complexType') {
      const type: ComplexType = { attributes: new Map() };
      for (const c of def.children) {
        if (c.name === 'attribute')
          type.attributes.set(c.attrs.get('name')!, {
            type: c.attrs.get('type')!,
            required: c.attrs.get('use') === 'required',
          });
        else type.content ??= particle(c);
      }
      schema.complex.set(name, type);
    } else if (def.name === 'simpleType') {
      const restriction = def.children.find((c) => c.name === 'restriction')!;
      schema.simple.set(name, {
        base: restriction.attrs.get('base')!,
        patterns: restriction.children
          .filter((c) => c.name === 'pattern')
          .map((c) => new RegExp(`^(?:${c.attrs.get('value')!})$`, 'u')),
        enumeration: restriction.children.filter((c) => c.name === 'enumeration').map((c) => c.attrs.get('value')!),
      });
    }
  }
  compiled = schema;
  return schema;
}

const BUILT_IN: Record<string, RegExp> = {
  'xsd:integer': /^[+-]?\d+$/u,
  'xsd:boolean': /^(true|false|1|0)$/u,
  'xsd:decimal': /^[+-]?(\d+(\.\d*)?|\.\d+)$/u,
  'xsd:date': /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d\d:\d\d)?$/u,
  'xsd:dateTime':
    /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/u,
};

/** Why a value does not fit a simple type, or undefined when it does. */
function checkSimple(schema: Schema, type: string, raw: string): string | undefined {
  const simple = schema.simple.get(type);
  if (simple) {
    // xsd:token collapses white space before the facets apply.
    const value = simple.base === 'xsd:token' ? raw.replace(/[\t\n\r ]+/gu, ' ').trim() : raw;
    if (simple.patterns.length > 0 && !simple.patterns.some((p) => p.test(value)))
      return `${JSON.stringify(raw)} is not a valid ${type}`;
    if (simple.enumeration.length > 0 && !simple.enumeration.includes(value))
      return `${JSON.stringify(raw)} is not one of ${simple.enumeration.join(', ')}`;
    return undefined;
  }
  const pattern = BUILT_IN[type];
  if (pattern && !pattern.test(raw.trim())) return `${JSON.stringify(raw)} is not a valid ${type}`;
  return undefined;
}

/**
 * Checks a project.qde tree against the schema; throws the first problem as an LloError naming the
 * element, its line and column in `file`.
 */
export function validateProject(root: XmlElement, file: string): void {
  const schema = refiSchema();
  const fail = (el: XmlElement, message: string): never => {
    throw new LloError('LLO_QDPX_SCHEMA', `not valid against the REFI-QDA schema: ${message}`, {
      file,
      line: el.line,
      column: el.column,
    });
  };
  const checkNamespace = (el: XmlElement) => {
    if (el.ns !== schema.namespace) fail(el, `<${el.name}> is in namespace "${el.ns}", not "${schema.namespace}"`);
  };

  const validate = (el: XmlElement, type: string): void => {
    checkNamespace(el);
    for (const name of el.foreignAttrs.keys())
      if (el.foreignAttrs.get(name)!.uri !== XSI_NS) fail(el, `<${el.name}> has an undeclared attribute "${name}"`);
    const complex = schema.complex.get(type);
    if (!complex) {
      if (el.attrs.size > 0) fail(el, `<${el.name}> takes no attributes, has "${[...el.attrs.keys()][0]!}"`);
      if (el.children.length > 0) fail(el.children[0]!, `<${el.name}> holds text only, not <${el.children[0]!.name}>`);
      const problem = checkSimple(schema, type, el.text);
      if (problem) fail(el, `<${el.name}>: ${problem}`);
      return;
    }
    for (const [name, value] of el.attrs) {
      const decl = complex.attributes.get(name);
      if (!decl) fail(el, `<${el.name}> has an undeclared attribute "${name}"`);
      const problem = checkSimple(schema, decl!.type, value);
      if (problem) fail(el, `<${el.name}> attribute ${name}: ${problem}`);
    }
    for (const [name, decl] of complex.attributes)
      if (decl.required && !el.attrs.has(name)) fail(el, `<${el.name}> lacks the required attribute "${name}"`);
    if (el.text.trim() !== '') fail(el, `<${el.name}> holds elements only, not text`);
    const children = el.children;
    const end = complex.content ? match(complex.content, children, 0, el) : 0;
    if (end < children.length) {
      const next = children[end]!;
      checkNamespace(next);
      fail(next, `<${next.name}> is not allowed here in <${el.name}>`);
    }
  };

  /** Names an element particle can start with (for choices). */
  const firsts = (p: Particle): string[] =>
    p.kind === 'element'
      ? [p.name]
      : p.kind === 'choice'
        ? p.items.flatMap(firsts)
        : (() => {
            const out: string[] = [];
            for (const item of p.items) {
              out.push(...firsts(item));
              if (!nullable(item)) break;
            }
            return out;
          })();
  const nullable = (p: Particle): boolean =>
    p.min === 0 ||
    (p.kind === 'sequence' ? p.items.every(nullable) : p.kind === 'choice' ? p.items.some(nullable) : false);

  const match = (p: Particle, children: XmlElement[], i: number, parent: XmlElement): number => {
    let count = 0;
    while (count < p.max) {
      const next = children[i];
      const fits = (name: string) => next !== undefined && next.ns === schema.namespace && next.name === name;
      if (p.kind === 'element') {
        if (!fits(p.name)) break;
        validate(next!, p.type);
        i++;
      } else if (p.kind === 'sequence') {
        if (count >= p.min && !firsts(p).some(fits)) break;
        const before = i;
        for (const item of p.items) i = match(item, children, i, parent);
        if (i === before) break;
      } else {
        const option = p.items.find((o) => firsts(o).some(fits));
        if (!option) break;
        i = match(option, children, i, parent);
      }
      count++;
    }
    if (count < p.min && !(p.kind !== 'element' && nullable({ ...p, min: 1 })))
      fail(
        children[i] ?? parent,
        `<${parent.name}> misses ${
          p.kind === 'element'
            ? `a <${p.name}>`
            : `one of ${firsts(p)
                .map((n) => `<${n}>`)
                .join(', ')}`
        }${children[i] ? ` before <${children[i]!.name}>` : ''}`,
      );
    return i;
  };

  const rootType = schema.roots.get(root.name);
  checkNamespace(root);
  if (!rootType) fail(root, `the root element is <${root.name}>, not <${[...schema.roots.keys()].join('> or <')}>`);
  validate(root, rootType!);
}
