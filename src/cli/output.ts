import chalk from 'chalk';
import { LloError } from '../errors.js';
import { terminalSafe } from '../text/safe.js';

/**
 * Everything llo prints passes through here: text from documents, memos, codebooks and file names
 * is data, so control characters are shown as visible escapes (src/text/safe.ts) before they reach
 * the terminal or a log.
 */
export function say(text: string): void {
  process.stdout.write(terminalSafe(text));
}

export function warn(text: string): void {
  process.stderr.write(`llo: warning: ${terminalSafe(text, { newlines: false })}\n`);
}

/** Prints an error as one line (plus the further problems a validator found), red on a terminal. */
export function printError(err: unknown): void {
  const color = process.stderr.isTTY && !process.env['NO_COLOR'];
  const red = color ? chalk.red : (s: string) => s;
  const line = (s: string) => terminalSafe(s, { newlines: false });
  if (err instanceof LloError) {
    process.stderr.write(`${red('llo: error:')} ${line(err.format())}\n`);
    for (const detail of err.details.slice(1)) process.stderr.write(`  ${line(detail)}\n`);
    return;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && 'code' in e && e.path) {
    process.stderr.write(
      `${red('llo: error:')} ${line(e.path)}: ${e.code === 'ENOENT' ? 'no such file or folder' : line(e.message)}\n`,
    );
    return;
  }
  process.stderr.write(`${red('llo: internal error:')} ${terminalSafe((e as Error)?.stack ?? String(err))}\n`);
}

/** JSON on stdout. JSON.stringify escapes C0 controls; C1 controls and bidi overrides are escaped here too. */
export function printJson(value: unknown): void {
  process.stdout.write(
    JSON.stringify(value, null, 2).replace(
      /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu,
      (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`,
    ) + '\n',
  );
}

/** A progress bar on stderr, only on a terminal; a no-op otherwise (CI logs stay clean). */
export interface Progress {
  tick(label: string): void;
  stop(): void;
}

/** A bar for `total` steps, or a running count when the total is not known in advance (undefined). */
export async function progress(total: number | undefined, what: string, unit = ''): Promise<Progress> {
  if (!process.stderr.isTTY || (total !== undefined && total < 2)) return { tick() {}, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: total === undefined ? `${what} {value}${unit} {label}` : `${what} {bar} {value}/{total} {label}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total ?? 0, 0, { label: '' });
  return {
    tick: (label) => bar.increment(1, { label: terminalSafe(label, { newlines: false }) }),
    stop: () => bar.stop(),
  };
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}
