import { emitKeypressEvents } from 'node:readline';
import { addCode, writeCodebook } from '../codebook/write.js';
import { loadCodebook } from '../codebook/load.js';
import { codeChoices, sessionItems } from '../coding/interactive.js';
import { startSession, step, type Action, type SessionState } from '../coding/session.js';
import { CodingStore } from '../coding/store.js';
import type { Unit } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { renderSession } from './session-view.js';

export interface InteractiveOptions {
  corpus: string;
  segments?: string;
  unit: Unit;
  coder: string;
  codebook: string;
  out: string;
  documents?: string[];
  blind: boolean;
  /** `--learn-from`: hand codings whose model's codes join the suggestions (issue 11). */
  learnFrom?: { files: string[]; segments?: string[] | undefined };
}

/**
 * The keyboard session of `llo code --interactive`. Keys become actions for the session state
 * machine; a confirmed decision is saved before the next screen is drawn, so what the coder has
 * seen confirmed survives a crash or a kill.
 */
export async function runInteractive(o: InteractiveOptions): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new LloError(
      'LLO_NO_TERMINAL',
      'interactive coding needs a terminal; for scripts use `llo code` (automatic) or write the codings CSV yourself',
    );
  }
  let loaded = await loadCodebook(o.codebook);
  const items = await sessionItems({
    corpus: o.corpus,
    unit: o.unit,
    codebook: loaded.codebook,
    ...(o.segments ? { segments: o.segments } : {}),
    ...(o.documents ? { documents: o.documents } : {}),
    ...(o.learnFrom ? { learnFrom: o.learnFrom } : {}),
  });
  const order = new Map<string, number>();
  for (const it of items) if (!order.has(it.segment.document)) order.set(it.segment.document, order.size);
  const store = await CodingStore.open(o.out, o.coder, order);
  let state: SessionState = startSession({
    items,
    decisions: store.decisions(),
    codes: codeChoices(loaded.codebook),
    actors: loaded.codebook.actors.map((a) => a.id),
    paradigms: loaded.codebook.paradigms.map((p) => p.id),
    blind: o.blind,
  });
  if (store.tookOverLock)
    state = { ...state, message: 'A previous session ended without closing; its saved decisions are all here.' };
  const color = !process.env['NO_COLOR'];
  const draw = () =>
    process.stdout.write(
      `\x1b[2J\x1b[H${renderSession(state, process.stdout.columns || 80, process.stdout.rows || 24, color)}`,
    );

  emitKeypressEvents(process.stdin);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let saved = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = Promise.resolve();
      const onKey = (str: string | undefined, key: { name?: string; ctrl?: boolean; sequence?: string } = {}) => {
        // Keys are handled one after the other: a save finishes before the next key is read.
        busy = busy
          .then(async () => {
            const action = toAction(state, str, key);
            if (!action) return;
            const [next, effects] = step(state, action);
            state = next;
            if (effects.save) {
              const item = items.find((it) => it.segment.segment === effects.save!.segment)!;
              await store.save(item.segment, effects.save.decision);
              saved++;
            }
            if (effects.createCode) {
              const item = state.items[state.index]!;
              const c = effects.createCode;
              try {
                loaded = await loadCodebook(o.codebook);
                const { text } = addCode(loaded, {
                  id: c.id,
                  actor: c.actor,
                  role: c.role,
                  paradigms: c.paradigms,
                  origin: 'inductive',
                  definition: c.definition,
                  provenance: {
                    coder: o.coder,
                    date: new Date().toISOString(),
                    document: item.segment.document,
                    segment: item.segment.segment,
                    quote: item.segment.text.slice(0, 300),
                  },
                });
                await writeCodebook(o.codebook, text);
                [state] = step(state, { type: 'code-created', code: { id: c.id, label: c.role, actor: c.actor } });
              } catch (err) {
                state = {
                  ...state,
                  message: `The code was not created: ${err instanceof LloError ? err.message : String(err)}`,
                };
              }
            }
            if (state.done) {
              process.stdin.off('keypress', onKey);
              resolve();
              return;
            }
            draw();
          })
          .catch((err: unknown) => {
            process.stdin.off('keypress', onKey);
            reject(err instanceof Error ? err : new Error(String(err)));
          });
      };
      process.stdin.on('keypress', onKey);
      draw();
    });
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
    await store.close();
  }
  const coded = state.decisions.size;
  process.stdout.write(
    `\x1b[2J\x1b[HSaved ${saved} decision(s) this session; ${coded} of ${items.length} segments coded in ${o.out}. Run the same command to go on.\n`,
  );
}

function toAction(
  state: SessionState,
  str: string | undefined,
  key: { name?: string; ctrl?: boolean; sequence?: string },
): Action | undefined {
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
  switch (str) {
    case 'a':
      return { type: 'accept-all' };
    case 'x':
      return { type: 'remove-added', n: state.added.length };
    case 'b':
      return { type: 'back' };
    case 's':
      return { type: 'skip' };
    case '/':
      return { type: 'search' };
    case 'm':
      return { type: 'memo' };
    case 'j':
      return { type: 'jump' };
    case 'n':
      return { type: 'new-code' };
    case 'c':
      return { type: 'context' };
    case '?':
      return { type: 'help' };
    case 'q':
      return { type: 'quit' };
    default:
      return state.mode === 'help' ? { type: 'help' } : undefined;
  }
}
