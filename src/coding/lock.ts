import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { LloError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { fileError } from '../io/file-errors.js';
import { shortHash } from '../text/hash.js';

/**
 * The lock beside a codings file (`<codings>.lock`) that keeps two writers — two coding sessions,
 * a session and `llo code`, a reconciliation — off one file. The lock holds "pid host nonce".
 *
 * Creating it is create-exclusive (a hard link of a complete temporary file, so no reader ever
 * sees a lock without its owner). A lock whose owner is dead (same host, no such process) is taken
 * over, and taking over is itself exclusive: only the process that creates the takeover marker
 * named after that very lock's content may replace it, and it replaces it only after checking that
 * the lock still holds that content. Two sessions started together over a dead process's lock:
 * exactly one runs, the other is refused.
 */
export interface Lock {
  readonly path: string;
  /** True when a lock left by a dead process was taken over. */
  readonly tookOver: boolean;
  /** Removes the lock if it is still this process's. */
  release(): Promise<void>;
}

export interface LockOptions {
  /**
   * Called after a stale lock was read and before the takeover starts. Tests use it to hold two
   * claimers at the worst moment (both have seen the dead owner) and prove that one still loses.
   */
  onStale?: () => Promise<void>;
}

/** What a lock that could not be written leaves: it is taken before any output is written. */
const LOCK_FAILURE = { what: 'lock file', outcome: 'the lock was not taken, so nothing was written' };

/** How deep a takeover of a takeover may go (a taker killed while taking over, and so on). */
const MAX_DEPTH = 3;

export async function claimLock(path: string, file: string, options: LockOptions = {}, depth = 0): Promise<Lock> {
  const mine = `${process.pid} ${hostname()} ${randomUUID()}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(path, mine)) return held(path, mine, false);
    const seen = await readIfThere(path);
    if (seen === undefined) continue; // Released between the two calls: try again.
    refuseIfLive(seen, path, file);
    await options.onStale?.();
    if (depth >= MAX_DEPTH) break;
    const marker = await claimLock(`${path}.takeover-${shortHash(seen)}`, file, {}, depth + 1);
    try {
      if ((await readIfThere(path)) === seen) {
        await writeFileAtomic(path, mine, { failure: LOCK_FAILURE });
        return held(path, mine, true);
      }
    } finally {
      await marker.release();
    }
    // Another process took the lock over first: look again (it is normally alive, so: refused).
  }
  throw starting(path, file);
}

function starting(path: string, file: string): LloError {
  return new LloError(
    'LLO_LOCKED',
    `another llo session is starting on this file; try again, or delete ${path} if no session runs`,
    { file },
  );
}

function refuseIfLive(content: string, path: string, file: string): void {
  if (content === '') throw starting(path, file);
  const [pid, host] = content.trim().split(' ');
  if (!pid || !host || !/^\d+$/u.test(pid)) return; // Not a lock llo wrote: treat as stale.
  const here = host === hostname();
  if (here && !isAlive(Number(pid))) return;
  throw new LloError(
    'LLO_LOCKED',
    `another llo session (process ${pid} on ${host}) is coding into this file; finish it first${here ? '' : `, or delete ${path} if that session is gone`}`,
    { file },
  );
}

async function createExclusive(path: string, content: string): Promise<boolean> {
  const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, content, { flag: 'wx' });
    await link(tmp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: exclusive creation still holds, only the content follows a
    // moment later (a reader in that moment sees an empty lock: "starting", refused, never stale).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return createPlain(path, content);
    throw fileError(err, path, 'writing', LOCK_FAILURE.what, LOCK_FAILURE.outcome);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function createPlain(path: string, content: string): Promise<boolean> {
  try {
    await writeFile(path, content, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw fileError(err, path, 'writing', LOCK_FAILURE.what, LOCK_FAILURE.outcome);
  }
}

function held(path: string, mine: string, tookOver: boolean): Lock {
  return {
    path,
    tookOver,
    async release() {
      if ((await readIfThere(path)) === mine) await unlink(path).catch(() => undefined);
    },
  };
}

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileError(err, path, 'reading', 'lock file');
  }
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process not yet reaped (a zombie) still answers; on Linux, /proc tells.
  try {
    return !/^State:\s+Z/mu.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}
