import { describe, expect, it } from 'vitest';
import { startSession, step, slug, type Action, type SessionItem, type SessionState } from '../src/coding/session.js';
import { fuzzySearch } from '../src/coding/fuzzy.js';

const segment = (n: number, document = 'd1') => ({
  document,
  segment: `${document}:${n}`,
  page: '',
  section: '',
  start: n * 10,
  end: n * 10 + 5,
  hash: 'h',
  text: `tekst ${n}`,
});
const items: SessionItem[] = [
  {
    segment: segment(1),
    title: 'T',
    cite: 'C',
    suggestions: [
      { code: 'o.a', evidence: 'we … stimuleren' },
      { code: 'b.b', evidence: 'mensen … leren' },
    ],
  },
  { segment: segment(2), title: 'T', cite: 'C', suggestions: [] },
  { segment: segment(1, 'd2'), title: 'T2', cite: 'C2', suggestions: [{ code: 'o.a', evidence: 'x … y' }] },
];
const codes = [
  { id: 'o.a', label: 'faciliteren en stimuleren', actor: 'o' },
  { id: 'b.b', label: 'zelfstandige actor', actor: 'b' },
  { id: 'm.c', label: 'samenwerkingspartner', actor: 'm' },
];
const start = (decisions = new Map(), blind = false) =>
  startSession({ items, decisions, codes, actors: ['o', 'b', 'm'], paradigms: ['TPA', 'NG'], blind });
function run(state: SessionState, actions: Action[]) {
  const saves: { segment: string; codes: string[]; memo: string }[] = [];
  let created;
  for (const a of actions) {
    const [next, effects] = step(state, a);
    state = next;
    if (effects.save) saves.push({ segment: effects.save.segment, ...effects.save.decision });
    if (effects.createCode) created = effects.createCode;
  }
  return { state, saves, created };
}
const type = (text: string): Action[] => [...text].map((ch) => ({ type: 'char', text: ch }));

describe('the coding session state machine', () => {
  it('accepts and rejects suggestions and saves the decision, then moves to the next undecided segment', () => {
    const { state, saves } = run(start(), [
      { type: 'toggle', n: 2 },
      { type: 'toggle', n: 1 },
      { type: 'toggle', n: 2 },
      { type: 'confirm' },
    ]);
    expect(saves).toEqual([{ segment: 'd1:1', codes: ['o.a'], memo: '' }]);
    expect(state.index).toBe(1);
    expect(state.message).toBe('Saved d1:1: o.a.');
  });

  it('saves "no code" when nothing is accepted', () => {
    const { saves } = run(start(), [{ type: 'confirm' }]);
    expect(saves).toEqual([{ segment: 'd1:1', codes: [], memo: '' }]);
  });

  it('adds a code by fuzzy search, with a memo', () => {
    const { saves } = run(start(), [
      { type: 'search' },
      ...type('samenw'),
      { type: 'enter' },
      { type: 'memo' },
      ...type('twijfel'),
      { type: 'enter' },
      { type: 'confirm' },
    ]);
    expect(saves).toEqual([{ segment: 'd1:1', codes: ['m.c'], memo: 'twijfel' }]);
  });

  it('searching a suggested code accepts the suggestion; x removes the last added code', () => {
    const { state } = run(start(), [
      { type: 'search' },
      ...type('fac'),
      { type: 'enter' },
      { type: 'search' },
      ...type('samen'),
      { type: 'enter' },
      { type: 'remove-added', n: 1 },
    ]);
    expect([...state.accepted]).toEqual(['o.a']);
    expect(state.added).toEqual([]);
  });

  it('creates an inductive code step by step and adds it when the codebook confirms it', () => {
    const asked = run(start(), [
      { type: 'new-code' },
      ...type('Leerplek bieden'),
      { type: 'enter' },
      ...type('3'),
      { type: 'enter' },
      ...type('NG'),
      { type: 'enter' },
      ...type('Bedrijven bieden leerplekken.'),
      { type: 'enter' },
    ]);
    expect(asked.created).toEqual({
      id: 'm.leerplek-bieden',
      actor: 'm',
      role: 'Leerplek bieden',
      paradigms: ['NG'],
      definition: 'Bedrijven bieden leerplekken.',
    });
    const [after] = step(asked.state, {
      type: 'code-created',
      code: { id: 'm.leerplek-bieden', label: 'Leerplek bieden', actor: 'm' },
    });
    expect(after.added).toEqual(['m.leerplek-bieden']);
    expect(after.codes.map((c) => c.id)).toContain('m.leerplek-bieden');
  });

  it('refuses a wrong actor number and an unknown paradigm, and Esc cancels', () => {
    const r = run(start(), [{ type: 'new-code' }, ...type('rol'), { type: 'enter' }, ...type('9'), { type: 'enter' }]);
    expect(r.state.message).toBe('Choose an actor by number (1-3).');
    const p = run(r.state, [...type('1'), { type: 'enter' }, ...type('XYZ'), { type: 'enter' }]);
    expect(p.state.message).toBe('Give one or more of TPA, NG (not: XYZ).');
    expect(run(p.state, [{ type: 'escape' }]).state.mode).toBe('browse');
  });

  it('resumes at the first undecided segment and shows saved decisions when going back', () => {
    const decisions = new Map([['d1:1', { codes: ['b.b', 'm.c'], memo: 'm' }]]);
    const s = start(decisions);
    expect(s.index).toBe(1);
    const back = run(s, [{ type: 'back' }]).state;
    expect([...back.accepted]).toEqual(['b.b']);
    expect(back.added).toEqual(['m.c']);
    expect(back.memo).toBe('m');
  });

  it('blind coding shows no suggestions', () => {
    const s = start(new Map(), true);
    expect(run(s, [{ type: 'toggle', n: 1 }]).state.message).toBe('There is no suggestion 1.');
    expect(run(s, [{ type: 'accept-all' }, { type: 'confirm' }]).saves).toEqual([
      { segment: 'd1:1', codes: [], memo: '' },
    ]);
  });

  it('jumps to a document, skips and quits', () => {
    const j = run(start(), [{ type: 'jump' }, ...type('d2'), { type: 'enter' }]).state;
    expect(j.items[j.index]!.segment.segment).toBe('d2:1');
    expect(run(start(), [{ type: 'skip' }]).state.index).toBe(1);
    expect(run(start(), [{ type: 'quit' }]).state.done).toBe(true);
  });
});

describe('helpers', () => {
  it('fuzzy search finds codes by parts of id or label', () => {
    expect(fuzzySearch('fac sti', codes).map((c) => c.id)[0]).toBe('o.a');
    expect(fuzzySearch('zelfst', codes).map((c) => c.id)).toEqual(['b.b']);
    expect(fuzzySearch('qqq', codes)).toEqual([]);
  });
  it('slugs role labels into code ids', () => {
    expect(slug('Coördinérende rol!')).toBe('coordinerende-rol');
  });
});
