import { emitKeypressEvents } from 'node:readline';
import type { CodingSession } from '../../coding/session-run.js';
import { keyActions, type Key } from './keys.js';
import { renderSession } from './session-view.js';

/**
 * The keyboard loop of a coding session: raw keys become actions, one after the other (a save
 * finishes before the next key is read), and the screen is drawn anew after each. Resolves when
 * the coder quits; the terminal is given back in every case.
 */
export async function runSessionKeys(session: CodingSession): Promise<void> {
  const color = !process.env['NO_COLOR'];
  const draw = () =>
    process.stdout.write(
      `\x1b[2J\x1b[H${renderSession(session.state, process.stdout.columns || 80, process.stdout.rows || 24, color)}`,
    );
  emitKeypressEvents(process.stdin);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = Promise.resolve();
      const onKey = (str: string | undefined, key?: Key) => {
        busy = busy
          .then(async () => {
            for (const action of keyActions(session.state, str, key)) await session.act(action);
            if (session.state.done) {
              process.stdin.off('keypress', onKey);
              resolve();
            } else draw();
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
  }
}
