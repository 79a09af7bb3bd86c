import chalk from 'chalk';
import { LloError } from '../errors.js';
import type { Unit } from '../corpus/segments.js';

/** Prints an error as one line (plus the further problems a validator found), red on a terminal. */
export function printError(err: unknown): void {
  const color = process.stderr.isTTY && !process.env['NO_COLOR'];
  const red = color ? chalk.red : (s: string) => s;
  if (err instanceof LloError) {
    process.stderr.write(`${red('llo: error:')} ${err.format()}\n`);
    for (const line of err.details.slice(1)) process.stderr.write(`  ${line}\n`);
    return;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && 'code' in e && e.path) {
    process.stderr.write(
      `${red('llo: error:')} ${e.path}: ${e.code === 'ENOENT' ? 'no such file or folder' : e.message}\n`,
    );
    return;
  }
  process.stderr.write(`${red('llo: internal error:')} ${(e as Error)?.stack ?? String(err)}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A progress bar on stderr, only on a terminal; a no-op otherwise (CI logs stay clean). */
export interface Progress {
  tick(label: string): void;
  stop(): void;
}

export async function progress(total: number, what: string): Promise<Progress> {
  if (!process.stderr.isTTY || total < 2) return { tick() {}, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${what} {bar} {value}/{total} {label}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    tick: (label) => bar.increment(1, { label }),
    stop: () => bar.stop(),
  };
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** A whole-number option, or one clear error naming the option. */
export function wholeNumber(text: string, option: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new LloError(
      'LLO_OPTION',
      `${option} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`}, got "${text}"`,
    );
  }
  return v;
}

export function segmentUnit(text: string): Unit {
  if (text !== 'paragraph' && text !== 'sentence')
    throw new LloError('LLO_OPTION', `--unit must be paragraph or sentence, got "${text}"`);
  return text;
}
