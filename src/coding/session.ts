import type { Segment } from '../corpus/segments.js';
import { fuzzySearch } from './fuzzy.js';

/**
 * The interactive coding session as a pure state machine: the terminal layer turns keys into
 * actions, `step` returns the next state and, when a decision is confirmed, the decision to save.
 * Nothing here reads the keyboard or writes files, so every path is unit-tested.
 */
export interface Suggestion {
  code: string;
  evidence: string;
}

export interface SessionItem {
  segment: Segment;
  /** Document title and citation key, for the header. */
  title: string;
  cite: string;
  suggestions: Suggestion[];
}

export interface Decision {
  /** The codes the coder gives the segment (empty: read, no role). */
  codes: string[];
  memo: string;
  /** What matched, per code accepted from the automatic suggestions: kept with the decision. */
  evidence?: Record<string, string>;
}

export interface CodeChoice {
  id: string;
  label: string;
  actor: string;
}

export type Mode = 'browse' | 'search' | 'memo' | 'jump' | 'new-code' | 'help';

export interface NewCodeDraft {
  step: 'role' | 'actor' | 'paradigms' | 'definition';
  role: string;
  actor: string;
  paradigms: string[];
}

export interface SessionState {
  items: readonly SessionItem[];
  index: number;
  decisions: ReadonlyMap<string, Decision>;
  codes: readonly CodeChoice[];
  actors: readonly string[];
  paradigms: readonly string[];
  blind: boolean;
  /** The current segment's choices before they are saved. */
  accepted: ReadonlySet<string>;
  added: readonly string[];
  memo: string;
  mode: Mode;
  input: string;
  results: readonly CodeChoice[];
  selected: number;
  newCode?: NewCodeDraft;
  showContext: boolean;
  message: string;
  done: boolean;
}

export type Action =
  | { type: 'toggle'; n: number }
  | { type: 'accept-all' }
  | { type: 'remove-added'; n: number }
  | { type: 'confirm' }
  | { type: 'back' }
  | { type: 'skip' }
  | { type: 'search' }
  | { type: 'memo' }
  | { type: 'jump' }
  | { type: 'new-code' }
  | { type: 'context' }
  | { type: 'help' }
  | { type: 'char'; text: string }
  | { type: 'backspace' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'enter' }
  | { type: 'escape' }
  | { type: 'quit' }
  | { type: 'code-created'; code: CodeChoice };

export interface Effects {
  /** A decision to write now (journal + codings file). */
  save?: { segment: string; decision: Decision };
  /** A new code to add to the codebook (the terminal layer validates and writes it, then sends 'code-created'). */
  createCode?: { id: string; actor: string; role: string; paradigms: string[]; definition: string };
}

export function startSession(init: {
  items: readonly SessionItem[];
  decisions: ReadonlyMap<string, Decision>;
  codes: readonly CodeChoice[];
  actors: readonly string[];
  paradigms: readonly string[];
  blind: boolean;
}): SessionState {
  const first = init.items.findIndex((it) => !init.decisions.has(it.segment.segment));
  const base: SessionState = {
    ...init,
    index: first === -1 ? 0 : first,
    accepted: new Set(),
    added: [],
    memo: '',
    mode: 'browse',
    input: '',
    results: [],
    selected: 0,
    showContext: false,
    message: first === -1 && init.items.length > 0 ? 'Every segment is coded; b goes back, j jumps to a document.' : '',
    done: false,
  };
  return load(base, base.index);
}

/** Moves to segment i and loads its saved decision (or the suggestions, none accepted yet). */
function load(state: SessionState, i: number): SessionState {
  const item = state.items[i];
  if (!item) return { ...state, index: i, accepted: new Set(), added: [], memo: '' };
  const saved = state.decisions.get(item.segment.segment);
  const suggested = new Set(visibleSuggestions(state, item).map((s) => s.code));
  return {
    ...state,
    index: i,
    accepted: new Set(saved ? saved.codes.filter((c) => suggested.has(c)) : []),
    added: saved ? saved.codes.filter((c) => !suggested.has(c)) : [],
    memo: saved?.memo ?? '',
    showContext: false,
  };
}

export function visibleSuggestions(
  state: SessionState,
  item: SessionItem | undefined = state.items[state.index],
): Suggestion[] {
  return state.blind || !item ? [] : item.suggestions;
}

export function progress(state: SessionState): {
  done: number;
  total: number;
  documentDone: number;
  documentTotal: number;
} {
  const doc = state.items[state.index]?.segment.document;
  const inDoc = state.items.filter((it) => it.segment.document === doc);
  return {
    done: state.items.filter((it) => state.decisions.has(it.segment.segment)).length,
    total: state.items.length,
    documentDone: inDoc.filter((it) => state.decisions.has(it.segment.segment)).length,
    documentTotal: inDoc.length,
  };
}

export function step(state: SessionState, action: Action): [SessionState, Effects] {
  const s = { ...state, message: '' };
  if (action.type === 'quit' && s.mode === 'browse') return [{ ...s, done: true }, {}];
  if (s.mode !== 'browse' && s.mode !== 'help') return typing(s, action);
  if (s.mode === 'help') return [{ ...s, mode: 'browse' }, {}];
  const item = s.items[s.index];
  const suggestions = visibleSuggestions(s);
  switch (action.type) {
    case 'toggle': {
      const sug = suggestions[action.n - 1];
      if (!sug) return [{ ...s, message: `There is no suggestion ${action.n}.` }, {}];
      const accepted = new Set(s.accepted);
      if (accepted.has(sug.code)) accepted.delete(sug.code);
      else accepted.add(sug.code);
      return [{ ...s, accepted }, {}];
    }
    case 'accept-all':
      return [{ ...s, accepted: new Set(suggestions.map((x) => x.code)) }, {}];
    case 'remove-added': {
      if (!s.added[action.n - 1]) return [{ ...s, message: 'Nothing to remove.' }, {}];
      return [{ ...s, added: s.added.filter((_, i) => i !== action.n - 1) }, {}];
    }
    case 'confirm': {
      if (!item) return [s, {}];
      const decision = decide(s, item);
      const decisions = new Map(s.decisions).set(item.segment.segment, decision);
      const next = nextUndecided({ ...s, decisions }, s.index);
      const moved =
        next === -1
          ? { ...s, decisions, message: 'Saved. Every segment is coded; q quits.' }
          : load({ ...s, decisions }, next);
      return [
        {
          ...moved,
          message:
            moved.message ||
            `Saved ${item.segment.segment}: ${decision.codes.length ? decision.codes.join(', ') : 'no code'}.`,
        },
        { save: { segment: item.segment.segment, decision } },
      ];
    }
    case 'back':
      return [s.index === 0 ? { ...s, message: 'This is the first segment.' } : load(s, s.index - 1), {}];
    case 'skip':
      return [
        s.index + 1 >= s.items.length ? { ...s, message: 'This is the last segment.' } : load(s, s.index + 1),
        {},
      ];
    case 'search':
      return [{ ...s, mode: 'search', input: '', results: s.codes.slice(0, 8), selected: 0 }, {}];
    case 'memo':
      return [{ ...s, mode: 'memo', input: s.memo }, {}];
    case 'jump':
      return [{ ...s, mode: 'jump', input: '' }, {}];
    case 'new-code':
      return [{ ...s, mode: 'new-code', input: '', newCode: { step: 'role', role: '', actor: '', paradigms: [] } }, {}];
    case 'context':
      return [{ ...s, showContext: !s.showContext }, {}];
    case 'help':
      return [{ ...s, mode: 'help' }, {}];
    case 'code-created':
      return [
        {
          ...s,
          codes: [...s.codes, action.code],
          added: [...s.added, action.code.id],
          message: `Created ${action.code.id} and added it to this segment.`,
        },
        {},
      ];
    default:
      return [s, {}];
  }
}

/** The line-input modes: search, memo, jump and the new-code questions. */
function typing(s: SessionState, action: Action): [SessionState, Effects] {
  if (action.type === 'escape')
    return [{ ...s, mode: 'browse', input: '', newCode: undefined, message: 'Cancelled.' }, {}];
  if (action.type === 'char' || action.type === 'backspace') {
    const input = action.type === 'char' ? s.input + action.text : s.input.slice(0, -1);
    const results =
      s.mode === 'search'
        ? fuzzySearch(
            input,
            s.codes.map((c) => ({ ...c, label: `${c.label} ${c.actor}` })),
          ).map((r) => s.codes.find((c) => c.id === r.id)!)
        : s.results;
    return [{ ...s, input, results, selected: 0 }, {}];
  }
  if (s.mode === 'search' && (action.type === 'up' || action.type === 'down')) {
    const n = s.results.length;
    return [{ ...s, selected: n === 0 ? 0 : (s.selected + (action.type === 'down' ? 1 : n - 1)) % n }, {}];
  }
  if (action.type !== 'enter') return [s, {}];
  switch (s.mode) {
    case 'search': {
      const pick = s.results[s.selected];
      if (!pick) return [{ ...s, message: 'No code matches; type less, or n to create one.' }, {}];
      const suggested = visibleSuggestions(s).some((x) => x.code === pick.id);
      if (suggested)
        return [
          { ...s, mode: 'browse', accepted: new Set([...s.accepted, pick.id]), message: `Accepted ${pick.id}.` },
          {},
        ];
      return [
        {
          ...s,
          mode: 'browse',
          added: s.added.includes(pick.id) ? s.added : [...s.added, pick.id],
          message: `Added ${pick.id}.`,
        },
        {},
      ];
    }
    case 'memo':
      return [{ ...s, mode: 'browse', memo: s.input.trim(), message: 'Memo set (saved with the segment).' }, {}];
    case 'jump': {
      const q = s.input.trim();
      const at = s.items.findIndex((it) => it.segment.document === q || it.segment.segment === q);
      const fuzzy = at !== -1 ? at : s.items.findIndex((it) => it.segment.document.includes(q));
      if (q === '' || fuzzy === -1) return [{ ...s, mode: 'browse', message: `No document or segment "${q}".` }, {}];
      return [{ ...load(s, fuzzy), mode: 'browse' }, {}];
    }
    case 'new-code':
      return newCodeStep(s);
    default:
      return [s, {}];
  }
}

function newCodeStep(s: SessionState): [SessionState, Effects] {
  const draft = s.newCode!;
  const value = s.input.trim();
  switch (draft.step) {
    case 'role':
      if (value === '') return [{ ...s, message: 'Type the role label, e.g. "leerplek bieden".' }, {}];
      return [{ ...s, input: '', newCode: { ...draft, step: 'actor', role: value } }, {}];
    case 'actor': {
      const actor = s.actors[Number(value) - 1] ?? s.actors.find((a) => a === value);
      if (!actor) return [{ ...s, input: '', message: `Choose an actor by number (1-${s.actors.length}).` }, {}];
      return [{ ...s, input: '', newCode: { ...draft, step: 'paradigms', actor } }, {}];
    }
    case 'paradigms': {
      const ids = value.split(/[\s,]+/u).filter(Boolean);
      const bad = ids.filter((p) => !s.paradigms.includes(p));
      if (ids.length === 0 || bad.length > 0)
        return [
          {
            ...s,
            input: '',
            message: `Give one or more of ${s.paradigms.join(', ')}${bad.length ? ` (not: ${bad.join(', ')})` : ''}.`,
          },
          {},
        ];
      return [{ ...s, input: '', newCode: { ...draft, step: 'definition', paradigms: ids } }, {}];
    }
    case 'definition': {
      if (value === '') return [{ ...s, message: 'Write a one-line definition for other coders.' }, {}];
      const id = `${draft.actor}.${slug(draft.role)}`;
      if (s.codes.some((c) => c.id === id))
        return [
          {
            ...s,
            mode: 'browse',
            newCode: undefined,
            input: '',
            message: `A code ${id} exists already; add it with /.`,
          },
          {},
        ];
      return [
        { ...s, mode: 'browse', newCode: undefined, input: '' },
        { createCode: { id, actor: draft.actor, role: draft.role, paradigms: draft.paradigms, definition: value } },
      ];
    }
  }
}

/** The decision on screen: accepted suggestions and added codes, the memo, and the evidence of each code that has some. */
function decide(s: SessionState, item: SessionItem): Decision {
  const codes = [...new Set([...s.accepted, ...s.added])].sort();
  const saved = s.decisions.get(item.segment.segment)?.evidence ?? {};
  const suggested = new Map(visibleSuggestions(s, item).map((x) => [x.code, x.evidence]));
  const evidence: Record<string, string> = {};
  for (const code of codes) {
    const e = (s.accepted.has(code) ? suggested.get(code) : undefined) ?? saved[code];
    if (e) evidence[code] = e;
  }
  return { codes, memo: s.memo, evidence };
}

/** The segments before and after the current one, within its document (never another document's). */
export function neighbours(s: SessionState): { before?: SessionItem; after?: SessionItem } {
  const item = s.items[s.index];
  const same = (other: SessionItem | undefined) =>
    other && item && other.segment.document === item.segment.document ? other : undefined;
  const before = same(s.items[s.index - 1]);
  const after = same(s.items[s.index + 1]);
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

function nextUndecided(s: SessionState, from: number): number {
  for (let k = 1; k <= s.items.length; k++) {
    const i = (from + k) % s.items.length;
    if (!s.decisions.has(s.items[i]!.segment.segment)) return i;
  }
  return -1;
}

/** A role label as the second part of a code id: "Leerplek bieden!" → "leerplek-bieden". */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-+|-+$/gu, '') || 'rol'
  );
}
