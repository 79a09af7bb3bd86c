import { describe, expect, it } from 'vitest';
import {
  neighbours,
  startSession,
  step,
  slug,
  type Action,
  type SessionItem,
  type SessionState,
} from '../src/coding/session.js';
import { keyActions, type Key } from '../src/cli/tui/keys.js';
import { renderSession } from '../src/cli/tui/session-view.js';
import { testSegment } from './helpers/segment.js';
import { fuzzySearch } from '../src/coding/fuzzy.js';

const segment = testSegment;
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
  const saves: { segment: string; codes: string[]; memo: string; evidence?: Record<string, string> }[] = [];
  let created;
  for (const a of actions) {
    const [next, effects] = step(state, a);
    state = next;
    if (effects.save) {
      const { evidence, ...rest } = effects.save.decision;
      // Evidence is checked where it is the subject; elsewhere only when there is some.
      saves.push({
        segment: effects.save.segment,
        ...rest,
        ...(evidence && Object.keys(evidence).length ? { evidence } : {}),
      });
    }
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
    expect(saves).toEqual([{ segment: 'd1:1', codes: ['o.a'], memo: '', evidence: { 'o.a': 'we … stimuleren' } }]);
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

describe('what a decision keeps', () => {
  it('an accepted suggestion is saved with its evidence; a code added by hand has none', () => {
    const { saves } = run(start(), [
      { type: 'toggle', n: 2 },
      { type: 'search' },
      ...type('samenw'),
      { type: 'enter' },
      { type: 'confirm' },
    ]);
    expect(saves).toEqual([
      { segment: 'd1:1', codes: ['b.b', 'm.c'], memo: '', evidence: { 'b.b': 'mensen … leren' } },
    ]);
  });

  it('a saved decision keeps its evidence when it is saved again in a blind session', () => {
    const decisions = new Map([['d1:1', { codes: ['o.a'], memo: '', evidence: { 'o.a': 'we … stimuleren' } }]]);
    const { saves } = run(start(decisions, true), [{ type: 'back' }, { type: 'confirm' }]);
    expect(saves[0]).toEqual({ segment: 'd1:1', codes: ['o.a'], memo: '', evidence: { 'o.a': 'we … stimuleren' } });
  });
});

describe('keys', () => {
  const press = (state: SessionState, keys: [string | undefined, Key][]) => {
    const saves: { segment: string; codes: string[] }[] = [];
    for (const [str, key] of keys)
      for (const action of keyActions(state, str, key)) {
        const [next, effects] = step(state, action);
        state = next;
        if (effects.save) saves.push({ segment: effects.save.segment, codes: effects.save.decision.codes });
      }
    return { state, saves };
  };
  const chars = (text: string): [string, Key][] => [...text].map((c) => [c, { name: c, sequence: c }]);

  it('Esc then Enter within half a second (readline: meta+Return) cancels the search, then saves without the code', () => {
    const { saves, state } = press(start(), [
      ['/', { sequence: '/' }],
      ...chars('samenw'),
      [undefined, { name: 'return', meta: true, sequence: '\x1b\r' }],
    ]);
    expect(saves).toEqual([{ segment: 'd1:1', codes: [] }]);
    expect(state.added).toEqual([]);
  });

  it('Esc then a letter (meta+letter) cancels the memo and then acts on the letter', () => {
    const { state } = press(start(), [
      ['m', { name: 'm', sequence: 'm' }],
      ...chars('tekst'),
      [undefined, { name: 'a', meta: true, sequence: '\x1ba' }],
    ]);
    expect(state.mode).toBe('browse');
    expect(state.memo).toBe('');
    expect([...state.accepted].sort()).toEqual(['b.b', 'o.a']);
  });

  it('a lone Esc cancels; Enter in the search adds the chosen code', () => {
    const cancelled = press(start(), [
      ['/', {}],
      ...chars('samenw'),
      [undefined, { name: 'escape', meta: true, sequence: '\x1b' }],
    ]);
    expect(cancelled.state.mode).toBe('browse');
    const added = press(start(), [['/', {}], ...chars('samenw'), ['\r', { name: 'return', sequence: '\r' }]]);
    expect(added.state.added).toEqual(['m.c']);
  });
});

describe('the screen', () => {
  it('context (c) stays within the document: the first segment of a document shows no "before"', () => {
    const s = run(start(), [{ type: 'jump' }, ...type('d2'), { type: 'enter' }, { type: 'context' }]).state;
    expect(neighbours(s)).toEqual({});
    const screen = renderSession(s, 80, 24, false);
    expect(screen).not.toContain('tekst 2');
    expect(screen).not.toContain('(before)');
    const inside = run(start(), [{ type: 'skip' }, { type: 'context' }]).state;
    expect(renderSession(inside, 80, 24, false)).toContain('(before) tekst 1');
  });

  it('shows text from documents, memos and codebooks with its control characters made visible', () => {
    const evil = 'a\x1b]0;pwned\x07b\x1b[2Jc\x1b]52;c;cHduZWQ=\x07d\x9b31m\u202e';
    const hostile: SessionItem[] = [
      {
        segment: { ...segment(1), segment: `d1:1${evil}`, page: evil, section: evil, text: `Tekst ${evil} einde` },
        title: evil,
        cite: evil,
        suggestions: [{ code: `o.a${evil}`, evidence: evil }],
      },
      { segment: { ...segment(2), text: `volgende ${evil}` }, title: evil, cite: evil, suggestions: [] },
    ];
    const base = startSession({
      items: hostile,
      decisions: new Map([['d1:1', { codes: [], memo: evil }]]),
      codes: [{ id: `o.a${evil}`, label: evil, actor: evil }],
      actors: [evil],
      paradigms: [evil],
      blind: false,
    });
    const screens = [
      run(base, [{ type: 'back' }, { type: 'memo' }, ...type(evil)]).state,
      run(base, [{ type: 'back' }, { type: 'context' }, { type: 'search' }, ...type('o')]).state,
      run(base, [{ type: 'new-code' }, ...type(evil), { type: 'enter' }]).state,
      run(base, [{ type: 'new-code' }, ...type('x'), { type: 'enter' }, ...type('1'), { type: 'enter' }]).state,
      run(base, [{ type: 'jump' }, ...type(evil), { type: 'enter' }]).state,
      { ...base, index: 0, message: evil },
    ].map((s) => renderSession(s, 80, 40, false));
    for (const screen of screens) {
      // eslint-disable-next-line no-control-regex
      expect(screen).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/u);
    }
    expect(screens.join('\n')).toContain('\\x1b]0;pwned\\x07');
  });
});
