import { loadCodebook } from '../codebook/load.js';
import { addCode, writeCodebook } from '../codebook/write.js';
import type { Unit } from '../corpus/segments.js';
import { codeChoices, sessionItems } from './session-items.js';
import { startSession, step, type Action, type Effects, type SessionState } from './session.js';
import { CodingStore } from './store.js';

export interface SessionOptions {
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
 * A coding session with its files: the state machine of session.ts joined to the store (a
 * confirmed decision is saved before `act` returns, so before the next screen is drawn) and to the
 * codebook (an inductive code is validated and written before it is added). The terminal layer only
 * turns keys into actions and draws the state.
 */
export interface CodingSession {
  state: SessionState;
  /** Decisions saved since the session opened. */
  saved: number;
  /** Performs one action with its effects and returns the new state (also kept in `state`). */
  act(action: Action): Promise<SessionState>;
  close(): Promise<void>;
  summary(): { saved: number; coded: number; total: number; out: string };
}

export async function openCodingSession(o: SessionOptions): Promise<CodingSession> {
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
  const start = startSession({
    items,
    decisions: store.decisions(),
    codes: codeChoices(loaded.codebook),
    actors: loaded.codebook.actors.map((a) => a.id),
    paradigms: loaded.codebook.paradigms.map((p) => p.id),
    blind: o.blind,
  });
  const session: CodingSession = {
    state: store.tookOverLock
      ? { ...start, message: 'A previous session ended without closing; its saved decisions are all here.' }
      : start,
    saved: 0,
    async act(action) {
      const [next, effects] = step(session.state, action);
      session.state = next;
      await perform(effects);
      return session.state;
    },
    close: () => store.close(),
    summary: () => ({ saved: session.saved, coded: session.state.decisions.size, total: items.length, out: o.out }),
  };

  async function perform(effects: Effects): Promise<void> {
    if (effects.save) {
      const item = items.find((it) => it.segment.segment === effects.save!.segment)!;
      await store.save(item.segment, effects.save.decision);
      session.saved++;
    }
    const c = effects.createCode;
    if (!c) return;
    const item = session.state.items[session.state.index]!;
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
      [session.state] = step(session.state, {
        type: 'code-created',
        code: { id: c.id, label: c.role, actor: c.actor },
      });
    } catch (err) {
      // The session goes on: the coder sees why, and the codebook on disk is unchanged.
      const why = err instanceof Error ? err.message : String(err);
      session.state = { ...session.state, message: `The code was not created: ${why}` };
    }
  }
  return session;
}
