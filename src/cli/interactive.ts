import { openCodingSession, type SessionOptions } from '../coding/session-run.js';
import { LloError } from '../errors.js';
import { terminalSafe } from '../text/safe.js';
import { runSessionKeys } from './tui/session-loop.js';

export type InteractiveOptions = SessionOptions;

/**
 * `llo code --interactive`: opens the session (segments, suggestions, the coder's file and its
 * lock), hands the keyboard to the terminal UI, and says what was saved. Every confirmed decision
 * is on disk before the next screen is drawn, so quitting or a crash loses nothing.
 */
export async function runInteractive(o: InteractiveOptions): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new LloError(
      'LLO_NO_TERMINAL',
      'interactive coding needs a terminal; for scripts use `llo code` (automatic) or write the codings CSV yourself',
    );
  }
  const session = await openCodingSession(o);
  try {
    await runSessionKeys(session);
  } finally {
    await session.close();
  }
  const s = session.summary();
  process.stdout.write(
    `\x1b[2J\x1b[HSaved ${s.saved} decision(s) this session; ${s.coded} of ${s.total} segments coded in ${terminalSafe(s.out, { newlines: false })}. Run the same command to go on.\n`,
  );
}
