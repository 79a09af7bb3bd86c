import { LloError } from '../errors.js';

/**
 * The one translation of operating-system errors into a line a researcher understands. Every
 * reader and writer of llo passes its failures through here, so a mistyped file name, a folder
 * where a file belongs or a full disk reads the same in every command — and never as a stack trace.
 */
const REASONS: Record<string, { code: string; reading: string; writing: string; full?: boolean }> = {
  ENOENT: { code: 'LLO_NOT_FOUND', reading: 'no such file', writing: 'the folder does not exist' },
  EISDIR: { code: 'LLO_NOT_FOUND', reading: 'is a folder, not a file', writing: 'is a folder, not a file' },
  ENOTDIR: {
    code: 'LLO_NOT_FOUND',
    reading: 'a part of the path is a file, not a folder',
    writing: 'a part of the path is a file, not a folder',
  },
  EACCES: {
    code: 'LLO_ACCESS',
    reading: 'permission denied (cannot read)',
    writing: 'permission denied (cannot write)',
  },
  EPERM: { code: 'LLO_ACCESS', reading: 'operation not permitted', writing: 'operation not permitted' },
  ENOSPC: {
    code: 'LLO_DISK_FULL',
    reading: 'no space left on the device',
    writing: 'no space left on the device',
    full: true,
  },
  EDQUOT: {
    code: 'LLO_DISK_FULL',
    reading: 'disk quota exceeded',
    writing: 'disk quota exceeded',
    full: true,
  },
  EFBIG: {
    code: 'LLO_DISK_FULL',
    reading: 'file too large',
    writing: 'file too large for this system or its limits (ulimit -f)',
    full: true,
  },
  EROFS: { code: 'LLO_ACCESS', reading: 'read-only file system', writing: 'read-only file system' },
  EMFILE: { code: 'LLO_IO', reading: 'too many open files', writing: 'too many open files' },
  EIO: { code: 'LLO_IO', reading: 'input/output error', writing: 'input/output error' },
};

/** What a failed write of an output leaves: llo writes atomically (src/io/atomic.ts). */
export const KEEPS_PREVIOUS = 'the previous file is unchanged';

/**
 * An LloError naming `file` for an error thrown by a file-system call; an LloError passes through
 * unchanged. `what` says what the file was for ("codings file", "segments file") where that helps;
 * `outcome` says what a write that ran out of room (full disk, quota, size limit) leaves behind —
 * for an output, the previous file; a lock or a journal says its own.
 */
export function fileError(
  err: unknown,
  file: string,
  mode: 'reading' | 'writing' = 'reading',
  what?: string,
  outcome = KEEPS_PREVIOUS,
): LloError {
  if (err instanceof LloError) return err;
  const e = err as NodeJS.ErrnoException | undefined;
  const known = e?.code !== undefined ? REASONS[e.code] : undefined;
  let reason = known
    ? known[mode]
    : `cannot ${mode === 'reading' ? 'read' : 'write'} the file (${e?.code ?? e?.message ?? String(err)})`;
  if (mode === 'writing' && known?.full) reason += `; ${outcome}`;
  return new LloError(known?.code ?? 'LLO_IO', what ? `${what}: ${reason}` : reason, { file });
}

/** A write that made no progress (the disk accepted only part of the data): the usual one line. */
export function shortWriteError(file: string, written: number, what?: string, outcome = KEEPS_PREVIOUS): LloError {
  const reason = `the disk accepted only part of the data (short write after ${written} bytes); ${outcome}`;
  return new LloError('LLO_DISK_FULL', what ? `${what}: ${reason}` : reason, { file });
}
