import type { Codebook, CodeDefinition, CriterionDefinition, IndicatorPattern } from '../codebook/schema.js';
import { describe, undescribe, type Field } from './describe.js';
import { guid } from './guid.js';
import type { QdaCode, QdaSet } from './project.js';

/**
 * The codebook in REFI-QDA terms. Actors are parent codes (not codable themselves), each role code
 * of the actor — deductive and inductive — is a child code named by its id; themes keep their place
 * in the tree. Every code's Description holds its definition, include/exclude rules and paradigms
 * (./describe.ts), so a QDA user reads them and llo reads them back. Paradigms are also Sets of
 * codes, which QDA packages show as code groups. Colours: one per actor, its roles in that colour.
 */

/** Eight colours that stay apart on screen and in print (the Okabe–Ito palette). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export const codeGuid = (id: string): string => guid(`code:${id}`);

// Codebook 1.2 (issue 11) has lemma patterns, machine-applied criteria, actor-as, weak indicators,
// implicit agents and stop phrases: written as text lines in the Description and read back exactly.
const LEMMA = /^(verb|noun|adj): (\S+)$/u;
const APPLIED = /^(.*) \[applied by (actor-as|vetoes|stop|actor-vetoes|indicators)\]$/su;
export const patternText = (p: IndicatorPattern): string =>
  typeof p === 'string' ? p : 'verb' in p ? `verb: ${p.verb}` : 'noun' in p ? `noun: ${p.noun}` : `adj: ${p.adj}`;
export const patternOf = (text: string): IndicatorPattern => {
  const m = LEMMA.exec(text);
  return !m ? text : m[1] === 'verb' ? { verb: m[2]! } : m[1] === 'noun' ? { noun: m[2]! } : { adj: m[2]! };
};
const criterionText = (c: CriterionDefinition): string =>
  typeof c === 'string' ? c : `${c.text} [applied by ${c['applied-by']}]`;
const criterionOf = (text: string): CriterionDefinition => {
  const m = APPLIED.exec(text);
  return m ? { text: m[1]!, 'applied-by': m[2] as Exclude<CriterionDefinition, string>['applied-by'] } : text;
};
const texts = <T>(list: readonly T[] | undefined, f: (x: T) => string): string[] | undefined => list?.map(f);

export interface QdaCodebook {
  codes: QdaCode[];
  sets: QdaSet[];
  /** The codebook's name, version and language, for the project's Description. */
  description: string;
}

export function codebookToQda(book: Codebook): QdaCodebook {
  const roleCode = (c: CodeDefinition, color: string): QdaCode => ({
    guid: codeGuid(c.id),
    name: c.id,
    isCodable: true,
    color,
    description: describe(c.definition, 'code', c.id, [
      ['Role', c.role],
      ['Paradigms', c.paradigms.join(', ')],
      ['Origin', c.origin],
      ['Include', texts(c.include, criterionText)],
      ['Exclude', texts(c.exclude, criterionText)],
      ['Actor as', c['actor-as']],
      ['Indicators', texts(c.indicators, patternText)],
      ['Weak', texts(c.weak, patternText)],
      ['Standalone', texts(c.standalone, patternText)],
      ['Fallback', texts(c.fallback, patternText)],
      ['Implied by', texts(c['implied-by'], patternText)],
      ['Implied with', c['implied-with']],
      ['Beneficiary after', c.beneficiary?.after],
      ['Beneficiary with', c.beneficiary?.with],
      ['Vetoes', texts(c.vetoes, patternText)],
      ['Examples', c.examples],
      ...(['coder', 'date', 'document', 'segment', 'quote'] as const).map((k): Field => [
        `Provenance ${k}`,
        c.provenance?.[k],
      ]),
    ]),
    children: [],
  });
  const themeCode = (c: CodeDefinition): QdaCode => ({
    guid: codeGuid(c.id),
    name: c.theme!.label,
    isCodable: true,
    ...(c.theme!.color ? { color: c.theme!.color } : {}),
    description: describe(c.theme!.definition, 'theme', c.id, []),
    children: [],
  });
  // The tree: actors, their roles, and themes under whichever code or actor is their parent.
  const nodes = new Map<string, QdaCode>();
  const roots: QdaCode[] = [];
  book.actors.forEach((a, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const node: QdaCode = {
      guid: guid(`actor:${a.id}`),
      name: a.label,
      isCodable: false,
      color,
      description: describe(a.description, 'actor', a.id, [
        ['Aliases', texts(a.aliases, patternText)],
        ['Vetoes', a.vetoes],
        ['Implicit agent', a['implicit-agent'] === undefined ? undefined : String(a['implicit-agent'])],
      ]),
      children: [],
    };
    nodes.set(a.id, node);
    roots.push(node);
    for (const c of book.codes.filter((c) => c.actor === a.id)) {
      const child = roleCode(c, color);
      nodes.set(c.id, child);
      node.children.push(child);
    }
  });
  const themes = book.codes.filter((c) => c.origin === 'theme');
  for (const t of themes) nodes.set(t.id, themeCode(t));
  for (const t of themes) {
    const parent = t.theme!.parent !== undefined ? nodes.get(t.theme!.parent) : undefined;
    (parent ? parent.children : roots).push(nodes.get(t.id)!);
  }
  const sets = book.paradigms.map((p) => ({
    guid: guid(`paradigm:${p.id}`),
    name: p.id,
    description: describe(p.description, 'paradigm', p.id, [['Label', p.label]]),
    codes: book.codes.filter((c) => c.paradigms.includes(p.id)).map((c) => codeGuid(c.id)),
    sources: [],
  }));
  return {
    codes: roots,
    sets,
    description: describe(book.description, 'codebook', book.name, [
      ['Version', book.version],
      ['Language', book.language],
      ['Stop', book.stop],
    ]),
  };
}

/** A codebook as the YAML object llo writes (themes in their written form, not as codes). */
export interface CodebookDraft {
  name: string;
  version: string;
  language: string;
  description?: string;
  stop?: string[];
  paradigms: { id: string; label: string; description?: string }[];
  actors: {
    id: string;
    label: string;
    description?: string;
    aliases: IndicatorPattern[];
    vetoes?: string[];
    'implicit-agent'?: boolean;
  }[];
  codes: Record<string, unknown>[];
}

export interface ImportedCodebook {
  draft: CodebookDraft;
  /** Code GUID (normalised) → code id. */
  idOfGuid: Map<string, string>;
  /** Ids of the codes kept as themes. */
  themes: string[];
}

/** A code id for a theme from its name: ASCII, lower case, unique among the ids already taken. */
function themeId(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-+|-+$/gu, '')
      .slice(0, 60) || 'theme';
  let id = /^[a-z0-9]/u.test(base) ? base : `t-${base}`;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** A colour as #rrggbb (REFI-QDA also allows #rgb), or undefined. */
function sixDigitColour(color: string | undefined): string | undefined {
  const c = color?.trim() ?? '';
  if (/^#[0-9a-fA-F]{6}$/u.test(c)) return c;
  if (/^#[0-9a-fA-F]{3}$/u.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`;
  return undefined;
}

const orUndefined = <T>(list: T[] | undefined): T[] | undefined => (list && list.length > 0 ? list : undefined);

/**
 * The codebook of a project: codes llo exported (recognised by their Description block) come back
 * as actors and role codes; every other code is kept as a theme in its place in the tree.
 */
export function qdaToCodebook(
  codes: readonly QdaCode[],
  sets: readonly QdaSet[],
  projectDescription: string | undefined,
  fallbackName: string,
  normalise: (g: string) => string,
): ImportedCodebook {
  const draft: CodebookDraft = {
    name: fallbackName,
    version: '1',
    language: 'und',
    paradigms: [],
    actors: [],
    codes: [],
  };
  const meta = undescribe(projectDescription);
  if (meta.kind === 'codebook') {
    draft.name = meta.id!;
    draft.version = meta.values.get('Version') ?? draft.version;
    draft.language = meta.values.get('Language') ?? draft.language;
    if (meta.text) draft.description = meta.text;
    if (meta.lists.get('Stop')) draft.stop = meta.lists.get('Stop')!;
  }
  for (const s of sets) {
    const d = undescribe(s.description);
    if (d.kind !== 'paradigm') continue;
    draft.paradigms.push({
      id: d.id!,
      label: d.values.get('Label') ?? s.name,
      ...(d.text ? { description: d.text } : {}),
    });
  }
  const idOfGuid = new Map<string, string>();
  const themes: string[] = [];
  const taken = new Set<string>();
  // First the ids llo gave, so that a theme's generated id cannot take one of them.
  const walkIds = (list: readonly QdaCode[]) => {
    for (const c of list) {
      const d = undescribe(c.description);
      if (d.kind === 'actor' || d.kind === 'code' || d.kind === 'theme') taken.add(d.id!);
      walkIds(c.children);
    }
  };
  walkIds(codes);
  const walk = (list: readonly QdaCode[], parent: { id: string; actor?: string } | undefined) => {
    for (const c of list) {
      const d = undescribe(c.description);
      let here: { id: string; actor?: string };
      if (d.kind === 'actor') {
        draft.actors.push({
          id: d.id!,
          label: c.name,
          ...(d.text ? { description: d.text } : {}),
          aliases: (d.lists.get('Aliases') ?? [d.id!]).map(patternOf),
          ...(d.lists.get('Vetoes') ? { vetoes: d.lists.get('Vetoes')! } : {}),
          ...(d.values.has('Implicit agent') ? { 'implicit-agent': d.values.get('Implicit agent') === 'true' } : {}),
        });
        here = { id: d.id!, actor: d.id! };
      } else if (d.kind === 'code') {
        const id = d.id!;
        const provenance = Object.fromEntries(
          ['coder', 'date', 'document', 'segment', 'quote'].flatMap((k) => {
            const v = d.values.get(`Provenance ${k}`);
            return v === undefined ? [] : [[k, v]];
          }),
        );
        const code: Record<string, unknown> = {
          id,
          actor: parent?.actor ?? id.split('.')[0]!,
          role: d.values.get('Role') ?? c.name,
          paradigms: (d.values.get('Paradigms') ?? '')
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
          origin: d.values.get('Origin') ?? 'deductive',
          definition: d.text || c.name,
          include: orUndefined(d.lists.get('Include')?.map(criterionOf)),
          exclude: orUndefined(d.lists.get('Exclude')?.map(criterionOf)),
          'actor-as': d.values.get('Actor as'),
          indicators: orUndefined(d.lists.get('Indicators')?.map(patternOf)),
          weak: orUndefined(d.lists.get('Weak')?.map(patternOf)),
          standalone: orUndefined(d.lists.get('Standalone')?.map(patternOf)),
          fallback: orUndefined(d.lists.get('Fallback')?.map(patternOf)),
          'implied-by': orUndefined(d.lists.get('Implied by')?.map(patternOf)),
          'implied-with': orUndefined(d.lists.get('Implied with')),
          beneficiary: beneficiaryOf(d.lists.get('Beneficiary after'), d.lists.get('Beneficiary with')),
          vetoes: orUndefined(d.lists.get('Vetoes')?.map(patternOf)),
          examples: orUndefined(d.lists.get('Examples')),
          provenance: Object.keys(provenance).length > 0 ? provenance : undefined,
        };
        draft.codes.push(Object.fromEntries(Object.entries(code).filter(([, v]) => v !== undefined)));
        here = { id, actor: code['actor'] as string };
      } else {
        const id = d.kind === 'theme' ? d.id! : themeId(c.name, taken);
        const color = sixDigitColour(c.color);
        draft.codes.push({
          id,
          origin: 'theme',
          label: c.name,
          ...(d.text ? { definition: d.text } : {}),
          ...(color ? { color } : {}),
          ...(parent ? { parent: parent.id } : {}),
        });
        themes.push(id);
        here = { id };
      }
      idOfGuid.set(normalise(c.guid), here.id);
      walk(c.children, here);
    }
  };
  walk(codes, undefined);
  return { draft, idOfGuid, themes };
}

/** The `beneficiary` key back from its two lists (both or neither: half of it is no rule). */
function beneficiaryOf(after: string[] | undefined, with_: string[] | undefined) {
  return after?.length && with_?.length ? { after, with: with_ } : undefined;
}
