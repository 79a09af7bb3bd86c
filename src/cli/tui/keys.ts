import type { Action, SessionState } from '../../coding/session.js';

/** A key as node's readline reports it (`emitKeypressEvents`). */
export interface Key {
  name?: string;
  ctrl?: boolean;
  meta?: boolean;
  sequence?: string;
}

/**
 * The actions a key stands for. Usually one; two when readline joined an Esc with the key typed
 * right after it: within half a second it reads Esc + Enter as one "meta+Return" (and Esc + a as
 * "meta+a"). That is still an Esc, and Esc always cancels, so it becomes Esc followed by the key —
 * never the key alone, which in the search would add the code the coder just cancelled.
 */
export function keyActions(state: SessionState, str: string | undefined, key: Key = {}): Action[] {
  const seq = key.sequence ?? '';
  if (key.meta && key.name !== 'escape' && seq.length === 2 && seq.startsWith('\x1b')) {
    const rest = seq.slice(1);
    const cancelled = state.mode === 'browse' ? [] : [{ type: 'escape' } as const];
    const after = typing(state.mode === 'browse' ? state : { ...state, mode: 'browse' }, rest);
    return [...cancelled, ...after];
  }
  const action = toAction(state, str, key);
  return action ? [action] : [];
}

/** The key typed after an Esc, read on its own (Esc has put the session back in browse mode). */
function typing(state: SessionState, rest: string): Action[] {
  if (rest === '\r' || rest === '\n') return toActions(state, undefined, { name: 'return' });
  // eslint-disable-next-line no-control-regex
  if (/^[^\x00-\x1f\x7f]$/u.test(rest)) return toActions(state, rest, { name: rest, sequence: rest });
  return [];
}

function toActions(state: SessionState, str: string | undefined, key: Key): Action[] {
  const a = toAction(state, str, key);
  return a ? [a] : [];
}

const BROWSE = new Map<string, Action>([
  ['a', { type: 'accept-all' }],
  ['b', { type: 'back' }],
  ['s', { type: 'skip' }],
  ['/', { type: 'search' }],
  ['m', { type: 'memo' }],
  ['j', { type: 'jump' }],
  ['n', { type: 'new-code' }],
  ['c', { type: 'context' }],
  ['?', { type: 'help' }],
  ['q', { type: 'quit' }],
]);

function toAction(state: SessionState, str: string | undefined, key: Key): Action | undefined {
  if (key.ctrl && key.name === 'c') return state.mode === 'browse' ? { type: 'quit' } : { type: 'escape' };
  if (state.mode !== 'browse' && state.mode !== 'help') {
    if (key.name === 'return' || key.name === 'enter') return { type: 'enter' };
    if (key.name === 'escape') return { type: 'escape' };
    if (key.name === 'backspace') return { type: 'backspace' };
    if (key.name === 'up') return { type: 'up' };
    if (key.name === 'down') return { type: 'down' };
    // A printable key: no control characters (they are the terminal's, not the coder's text).
    // eslint-disable-next-line no-control-regex
    if (str && !key.ctrl && /^[^\x00-\x1f\x7f]+$/u.test(str)) return { type: 'char', text: str };
    return undefined;
  }
  if (key.name === 'return' || key.name === 'enter') return { type: 'confirm' };
  if (str && /^[1-9]$/u.test(str)) return { type: 'toggle', n: Number(str) };
  const action = str === 'x' ? { type: 'remove-added' as const, n: state.added.length } : BROWSE.get(str ?? '');
  return action ?? (state.mode === 'help' ? { type: 'help' } : undefined);
}
