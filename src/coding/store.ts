import { readFileSync } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Segment } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { csvRows } from '../io/csv.js';
import { CODING_COLUMNS, compareCodings, readCodings, type Coding } from './codings.js';
import { HASH_COLUMNS, hashesFile, readHashes } from './hashes.js';
import type { Decision } from './session.js';

/**
 * Where a human coder's decisions live, written so that no confirmed decision is ever lost:
 * every decision is first appended to a journal (`<codings>.journal`, one JSON line, flushed to
 * disk) and then the codings file is rewritten atomically (temporary file, fsync, rename). On
 * opening, the journal is replayed over the codings file (replay is idempotent), so a kill between
 * the two steps loses nothing. A lock file (`<codings>.lock`) keeps a second session off the same
 * file; a lock left by a dead process on this machine is taken over.
 */
export interface JournalEntry {
  segment: string;
  /** The segment's text hash when it was coded. */
  hash: string;
  document: string;
  start: number;
  end: number;
  codes: string[];
  memo: string;
  at: string;
}

export class CodingStore {
  private constructor(
    readonly file: string,
    readonly coder: string,
    private rows: Coding[],
    private readonly hashes: Map<string, string>,
    private readonly order: ReadonlyMap<string, number>,
    private readonly lock: string,
    readonly tookOverLock: boolean,
  ) {}

  static async open(file: string, coder: string, documentOrder: ReadonlyMap<string, number>): Promise<CodingStore> {
    const lock = `${file}.lock`;
    const tookOver = await acquireLock(lock, file);
    try {
      const rows: Coding[] = [];
      if (await exists(file)) for await (const { line: _, ...row } of readCodings(file)) rows.push(row);
      const store = new CodingStore(
        file,
        coder,
        rows,
        (await readHashes(file)) ?? new Map<string, string>(),
        documentOrder,
        lock,
        tookOver,
      );
      const journal = await readJournal(`${file}.journal`);
      if (journal.length > 0) {
        const before = store.serialise();
        for (const entry of journal) store.apply(entry);
        if (store.serialise() !== before) await store.writeFiles();
      }
      return store;
    } catch (err) {
      await unlink(lock).catch(() => undefined);
      throw err;
    }
  }

  /** The decisions already made: every segment with a manual row of this coder. */
  decisions(): Map<string, Decision> {
    const out = new Map<string, Decision>();
    for (const r of this.rows) {
      if (r.coder !== this.coder || r.origin !== 'manual') continue;
      const d = out.get(r.segment) ?? { codes: [], memo: '' };
      if (r.code !== '' && !d.codes.includes(r.code)) d.codes.push(r.code);
      if (r.memo !== '' && d.memo === '') d.memo = r.memo;
      out.set(r.segment, d);
    }
    for (const d of out.values()) d.codes.sort();
    return out;
  }

  /** Saves one decision: journal first (flushed), then the codings file (atomic). */
  async save(segment: Segment, decision: Decision): Promise<void> {
    const entry: JournalEntry = {
      segment: segment.segment,
      hash: segment.hash,
      document: segment.document,
      start: segment.start,
      end: segment.end,
      codes: decision.codes,
      memo: decision.memo,
      at: new Date().toISOString(),
    };
    const handle = await open(`${this.file}.journal`, 'a');
    try {
      await handle.write(JSON.stringify(entry) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.apply(entry);
    await this.writeFiles();
  }

  private async writeFiles(): Promise<void> {
    await writeFileAtomic(this.file, this.serialise());
    const hashes = [...this.hashes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([segment, hash]) => ({ segment, hash }));
    await writeFileAtomic(hashesFile(this.file), csvRows(hashes, HASH_COLUMNS, true));
  }

  async close(): Promise<void> {
    await unlink(this.lock).catch(() => undefined);
  }

  /** A decision replaces every row of this coder on the segment (automatic suggestions included). */
  private apply(e: JournalEntry): void {
    this.rows = this.rows.filter((r) => !(r.coder === this.coder && r.segment === e.segment));
    if (e.hash) this.hashes.set(e.segment, e.hash);
    const base = {
      coder: this.coder,
      document: e.document,
      segment: e.segment,
      start: e.start,
      end: e.end,
      origin: 'manual' as const,
      evidence: '',
    };
    if (e.codes.length === 0) this.rows.push({ ...base, code: '', memo: e.memo });
    else for (const code of e.codes) this.rows.push({ ...base, code, memo: e.memo });
  }

  private serialise(): string {
    return csvRows([...this.rows].sort(compareCodings(this.order)), CODING_COLUMNS, true);
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function readJournal(file: string): Promise<JournalEntry[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // A line cut short by a kill during the append: that decision was never confirmed on screen.
    }
  }
  return entries;
}

async function acquireLock(lock: string, file: string): Promise<boolean> {
  const mine = `${process.pid} ${hostname()}\n`;
  try {
    const handle = await open(lock, 'wx');
    await handle.write(mine);
    await handle.close();
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const [pid, host] = (await readFile(lock, 'utf8').catch(() => '')).trim().split(' ');
  const alive = host === hostname() && pid !== undefined && isAlive(Number(pid));
  if (alive || (host !== undefined && host !== hostname())) {
    throw new LloError(
      'LLO_LOCKED',
      `another llo session (process ${pid ?? '?'} on ${host ?? '?'}) is coding into this file; finish it first${alive ? '' : `, or delete ${lock} if that session is gone`}`,
      { file },
    );
  }
  await writeFileAtomic(lock, mine);
  return true;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process not yet reaped (a zombie) still answers; on Linux, /proc tells.
  return !/^State:\s+Z/mu.test(readFileSyncSafe(`/proc/${pid}/status`));
}

function readFileSyncSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
