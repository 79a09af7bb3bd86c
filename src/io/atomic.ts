import { open, rename, unlink, mkdir, type FileHandle } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/**
 * Writes a file so that readers only ever see the old or the complete new content: the data goes
 * to a temporary file in the same folder (same file system, so rename is atomic), is flushed to
 * disk, and then renamed over the target. If anything fails the temporary file is removed and the
 * old file is untouched — a crash never leaves a half-written segments or codings file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const out = await AtomicWriter.open(path);
  try {
    await out.write(data);
    await out.commit();
  } catch (err) {
    await out.abort();
    throw err;
  }
}

/** Streaming form of writeFileAtomic, for outputs too large to build in memory. */
export class AtomicWriter {
  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<AtomicWriter> {
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    const handle = await open(tmp, 'w');
    return new AtomicWriter(path, tmp, handle);
  }

  // Small writes are gathered and written in chunks of about 1 MiB: one system call per row would
  // cost more than producing the rows.
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  async write(data: string | Uint8Array): Promise<void> {
    const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const data = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.write(data);
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    await rename(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await unlink(this.tmp).catch(() => undefined);
  }
}
