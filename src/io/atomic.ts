import { lstat, open, rename, unlink, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { LloError } from '../errors.js';
import { fileError, shortWriteError } from './file-errors.js';

/**
 * Writes a file so that readers only ever see the old or the complete new content: the data goes
 * to a temporary file in the same folder (same file system, so rename is atomic), every write is
 * checked to have written all its bytes, the file is flushed to disk (fsync), renamed over the
 * target, and the folder is flushed so the rename itself survives a power cut. If anything fails
 * — a full disk, a file-size limit (`ulimit -f`), a short write — the temporary file is removed,
 * the old file is untouched, and the error is one line naming the target file.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicOptions = {},
): Promise<void> {
  const out = await AtomicWriter.open(path, options);
  try {
    await out.write(data);
    await out.commit();
  } catch (err) {
    await out.abort();
    throw err;
  }
}

/** The part of a file handle the writer uses; tests hand in one that fails on purpose. */
export interface WriteHandle {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface AtomicOptions {
  /** Opens the temporary file; by default `fs.open(tmp, 'wx')`. For tests of failing disks. */
  openFile?: (tmp: string) => Promise<WriteHandle>;
  /**
   * How an error of a write names the file and what the failure leaves (see `fileError`), for a
   * file that is no output (a lock): by default the file alone, "the previous file is unchanged".
   */
  failure?: { what?: string; outcome?: string };
}

/** `.<name>.<pid>.<time>.tmp`: the temporary files llo writes beside `name`. */
function tempName(name: string): string {
  return `.${name}.${process.pid}.${Date.now().toString(36)}.tmp`;
}

/** Streaming form of writeFileAtomic, for outputs too large to build in memory. */
export class AtomicWriter {
  private constructor(
    /** The file as the user named it: what errors name. */
    readonly path: string,
    /** The file the rename replaces: `path`, or the file a symbolic link at `path` points to. */
    private readonly target: string,
    private readonly tmp: string,
    private readonly handle: WriteHandle,
    private readonly failure: NonNullable<AtomicOptions['failure']>,
  ) {}

  private fail(err: unknown): LloError {
    return writeError(err, this.path, this.failure);
  }

  static async open(path: string, options: AtomicOptions = {}): Promise<AtomicWriter> {
    const fail = (err: unknown) => writeError(err, path, options.failure ?? {});
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (err) {
      throw fail(err);
    }
    const target = await regularTarget(path);
    const dir = dirname(target);
    await removeStaleTemps(dir, basename(target));
    const tmp = join(dir, tempName(basename(target)));
    let handle: WriteHandle;
    try {
      handle = await (options.openFile ?? ((t: string) => open(t, 'wx')))(tmp);
    } catch (err) {
      throw fail(err);
    }
    return new AtomicWriter(path, target, tmp, handle, options.failure ?? {});
  }

  // Small writes are gathered in a buffer of 1 MiB and written when it is full: one system call
  // per row would cost more than producing the rows. Text is encoded straight into the buffer.
  private buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  /** Data that did not fit the buffer, written (in order) after it. */
  private overflow: Uint8Array[] = [];

  /**
   * Adds text without waiting for the disk; returns true when `drain()` should be awaited before
   * more is added. The streaming form of `write` for many small pieces (the rows of a file).
   */
  append(text: string): boolean {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.overflow.length === 0 && text.length * 3 <= this.buffer.length - this.used) {
      this.used += this.buffer.write(text, this.used, 'utf8');
      return this.used >= this.buffer.length - 4096;
    }
    this.overflow.push(Buffer.from(text, 'utf8'));
    return true;
  }

  /**
   * Adds data and writes when enough has gathered. A caller's buffer is copied (it may reuse it
   * before the chunk is written) unless `copy: false` says it is handed over.
   */
  async write(data: string | Uint8Array, options: { copy?: boolean } = {}): Promise<void> {
    let full: boolean;
    if (typeof data === 'string') full = this.append(data);
    else if (this.overflow.length === 0 && data.length <= this.buffer.length - this.used) {
      // Small pieces are gathered like text.
      this.buffer.set(data, this.used);
      this.used += data.length;
      full = this.used >= this.buffer.length - 4096;
    } else {
      this.overflow.push(options.copy === false ? data : Buffer.from(data));
      full = true;
    }
    if (full) await this.drain();
  }

  /** Writes what has been added. */
  async drain(): Promise<void> {
    if (this.used > 0) await writeFully(this.handle, this.buffer.subarray(0, this.used), this.path, this.failure);
    this.used = 0;
    const rest = this.overflow;
    this.overflow = [];
    for (const chunk of rest) await writeFully(this.handle, chunk, this.path, this.failure);
  }

  /**
   * Writes what is left and flushes the temporary file to disk, without renaming it yet: a
   * multi-file output seals every file before it renames any (src/io/output-folder.ts), so a full
   * disk leaves all the old files, never a mix of old and new.
   */
  async seal(): Promise<void> {
    if (this.closed) return;
    await this.drain();
    try {
      await this.handle.sync();
      await this.handle.close();
    } catch (err) {
      throw this.fail(err);
    }
    this.closed = true;
  }

  async commit(): Promise<void> {
    await this.seal();
    try {
      await rename(this.tmp, this.target);
    } catch (err) {
      throw this.fail(err);
    }
    await syncFolder(dirname(this.target));
  }

  private closed = false;

  async abort(): Promise<void> {
    if (!this.closed) await this.handle.close().catch(() => undefined);
    this.closed = true;
    await unlink(this.tmp).catch(() => undefined);
  }
}

/**
 * Writes all of `data`: a write may write fewer bytes than asked (a file-size limit is reached
 * mid-buffer, a disk fills), so the rest is written again, and a write that makes no progress is a
 * full disk. The error of the retry (EFBIG, ENOSPC) is what names the cause.
 */
export async function writeFully(
  handle: Pick<WriteHandle, 'write'>,
  data: Uint8Array,
  path: string,
  failure: NonNullable<AtomicOptions['failure']> = {},
): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    let written: number;
    try {
      ({ bytesWritten: written } = await handle.write(data, offset, data.length - offset));
    } catch (err) {
      throw writeError(err, path, failure);
    }
    if (written <= 0) throw shortWriteError(path, offset, failure.what, failure.outcome);
    offset += written;
  }
}

/** The one line for a failed write of `path`. */
function writeError(err: unknown, path: string, failure: NonNullable<AtomicOptions['failure']>): LloError {
  return fileError(err, path, 'writing', failure.what, failure.outcome);
}

/**
 * The file a write of `path` replaces. A rename replaces whatever has the name — a device, a FIFO,
 * a socket, a symbolic link — so what `path` names is checked first (`llo ingest --out /dev/full`
 * once replaced the device with a CSV): a missing file or a regular file is written as named; a
 * symbolic link is followed, and the new file is written beside the file it points to and renamed
 * over that file, so the link stays and shows the new content; anything else is refused with one
 * line, since renaming over it would destroy it. A folder is refused too (rename cannot replace it).
 */
async function regularTarget(path: string): Promise<string> {
  const info = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw fileError(err, path, 'writing');
  });
  if (info === undefined || info.isFile()) return path;
  let kind = info;
  if (info.isSymbolicLink()) {
    let target: string;
    try {
      target = await realpath(path);
      kind = await stat(target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new LloError(
          'LLO_OUT_NOT_REGULAR',
          'is a symbolic link to a file that does not exist; llo writes only regular files (name the file itself)',
          { file: path },
        );
      throw fileError(err, path, 'writing');
    }
    if (kind.isFile()) return target;
  }
  if (kind.isDirectory()) throw fileError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), path, 'writing');
  throw new LloError('LLO_OUT_NOT_REGULAR', `is ${fileKind(kind)}, not a regular file; llo writes only regular files`, {
    file: path,
  });
}

function fileKind(info: Stats): string {
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * Flushes a folder's entry list, so that a rename into it is on disk. Some systems cannot open or
 * flush a folder (EISDIR, EINVAL, EPERM); there the rename is as durable as the system makes it.
 */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!['EISDIR', 'EINVAL', 'EPERM', 'ENOTSUP', 'EACCES', 'EBADF'].includes(code ?? ''))
      throw fileError(err, dir, 'writing');
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Removes temporary files that a killed run of llo left beside `name`: only files named as llo
 * names them (`.<name>.<pid>.<time>.tmp`) and only when that process is gone, so a run still
 * writing (another terminal, another thread of this one) keeps its file.
 */
export async function removeStaleTemps(dir: string, name: string): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  const prefix = `.${name}.`;
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const m = /^(\d+)\.([0-9a-z]+)\.tmp$/u.exec(entry.slice(prefix.length));
    if (!m || processAlive(Number(m[1]))) continue;
    await unlink(join(dir, entry)).then(
      () => removed.push(entry),
      () => undefined,
    );
  }
  return removed;
}

function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
