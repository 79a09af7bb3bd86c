import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Segment } from '../corpus/segments.js';
import { writeFileAtomic } from '../io/atomic.js';
import { csvRows } from '../io/csv.js';
import { fileError } from '../io/file-errors.js';
import { shortHash } from '../text/hash.js';
import { CODING_COLUMNS, compareCodings, readCodings, type Coding } from './codings.js';
import { groupBySegment } from './group.js';
import { HASH_COLUMNS, hashesFile, readHashes } from './hashes.js';
import { appendJournal, clearJournal, readJournal, type JournalEntry } from './journal.js';
import { claimLock, type Lock, type LockOptions } from './lock.js';
import type { Decision } from './session.js';

/**
 * Where a human coder's decisions live, written so that no confirmed decision is ever lost and no
 * hand edit is ever undone: every decision is first appended to the journal (flushed to disk), then
 * the codings file is rewritten atomically (temporary file, fsync, rename), then the journal is
 * emptied. On opening, what the journal still holds is replayed — but only onto the file it was
 * written for (see journal.ts), so a later edit of the codings file by hand wins. A lock keeps every
 * other writer off the file (see lock.ts).
 */
export class CodingStore {
  private constructor(
    readonly file: string,
    readonly coder: string,
    private rows: Coding[],
    private readonly hashes: Map<string, string>,
    private readonly order: ReadonlyMap<string, number>,
    private readonly lock: Lock,
    /** The content hash of the codings file as it is on disk now. */
    private onDisk: string,
  ) {}

  get tookOverLock(): boolean {
    return this.lock.tookOver;
  }

  static async open(
    file: string,
    coder: string,
    documentOrder: ReadonlyMap<string, number>,
    options: LockOptions = {},
  ): Promise<CodingStore> {
    await prepareTarget(file);
    const lock = await claimLock(`${file}.lock`, file, options);
    try {
      const { rows, hashes, onDisk } = await recover(file, coder, documentOrder);
      return new CodingStore(file, coder, rows, hashes, documentOrder, lock, onDisk);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  /** The decisions already made: every segment with a manual row of this coder. */
  decisions(): Map<string, Decision> {
    const mine = this.rows.filter((r) => r.coder === this.coder && r.origin === 'manual');
    const out = new Map<string, Decision>();
    for (const [segment, g] of groupBySegment(mine))
      out.set(segment, { codes: g.codes, memo: g.memo, evidence: g.evidence });
    return out;
  }

  /** Saves one decision: journal first (flushed), then the codings file (atomic), then the journal is emptied. */
  async save(segment: Segment, decision: Decision): Promise<void> {
    await this.saveAll([[segment, decision]]);
  }

  /** Saves several decisions the same way, with one journal flush and one rewrite for all. */
  async saveAll(decisions: readonly (readonly [Segment, Decision])[]): Promise<void> {
    if (decisions.length === 0) return;
    const at = new Date().toISOString();
    const entries: JournalEntry[] = decisions.map(([segment, decision]) => ({
      coder: this.coder,
      segment: segment.segment,
      hash: segment.hash,
      document: segment.document,
      start: segment.start,
      end: segment.end,
      codes: decision.codes,
      memo: decision.memo,
      ...(decision.evidence && Object.keys(decision.evidence).length > 0 ? { evidence: decision.evidence } : {}),
      at,
      before: this.onDisk,
    }));
    const rows = entries.reduce((acc, e) => applyEntry(acc, e, this.coder), this.rows);
    const text = serialise(rows, this.order);
    const after = shortHash(text);
    for (const e of entries) e.after = after;
    await appendJournal(this.file, entries);
    await writeFileAtomic(this.file, text);
    this.rows = rows;
    this.onDisk = after;
    for (const e of entries) if (e.hash) this.hashes.set(e.segment, e.hash);
    await writeHashes(this.file, this.hashes);
    await clearJournal(this.file);
  }

  async close(): Promise<void> {
    await this.lock.release();
  }
}

/**
 * Reads a codings file and brings in what its journal still holds; writes the result and empties
 * the journal. The caller holds the file's lock. `llo code` calls it too, so an automatic run
 * after a killed session keeps that session's last decision.
 */
export async function recover(
  file: string,
  coder: string,
  order: ReadonlyMap<string, number> = new Map(),
): Promise<{ rows: Coding[]; hashes: Map<string, string>; onDisk: string }> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw fileError(err, file, 'reading', 'codings file');
  });
  let rows: Coding[] = [];
  if (text !== '') for await (const { line: _, ...row } of readCodings(file)) rows.push(row);
  const hashes = (await readHashes(file)) ?? new Map<string, string>();
  const found = shortHash(text);
  let onDisk = found;
  const journal = await readJournal(file);
  let applied = false;
  for (const entry of journal) {
    // Only onto the file the entry was made for or made; entries of older llo versions carry no
    // hashes and are replayed as they always were.
    if (entry.before !== undefined && found !== entry.before && found !== entry.after) continue;
    rows = applyEntry(rows, entry, coder);
    if (entry.hash) hashes.set(entry.segment, entry.hash);
    onDisk = shortHash(serialise(rows, order));
    applied = true;
  }
  if (applied) {
    await writeFileAtomic(file, serialise(rows, order));
    await writeHashes(file, hashes);
  }
  if (journal.length > 0) await clearJournal(file);
  return { rows, hashes, onDisk };
}

/**
 * The target of a store must be a file (or not exist yet, in a folder llo may create). Checked
 * before the lock is taken, so a mistyped `--out` leaves nothing behind.
 */
async function prepareTarget(file: string): Promise<void> {
  const s = await stat(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw fileError(err, file, 'reading', 'codings file');
  });
  if (s && !s.isFile()) throw fileError({ code: 'EISDIR' }, file, 'writing', 'codings file');
  await mkdir(dirname(file), { recursive: true }).catch((err: unknown) => {
    throw fileError(err, dirname(file), 'writing');
  });
}

/** A decision replaces every row of its coder on the segment (automatic suggestions included). */
function applyEntry(rows: readonly Coding[], e: JournalEntry, sessionCoder: string): Coding[] {
  const coder = e.coder ?? sessionCoder;
  const out = rows.filter((r) => !(r.coder === coder && r.segment === e.segment));
  const base = {
    coder,
    document: e.document,
    segment: e.segment,
    start: e.start,
    end: e.end,
    origin: 'manual' as const,
    memo: e.memo,
  };
  if (e.codes.length === 0) out.push({ ...base, code: '', evidence: '' });
  else for (const code of e.codes) out.push({ ...base, code, evidence: e.evidence?.[code] ?? '' });
  return out;
}

function serialise(rows: readonly Coding[], order: ReadonlyMap<string, number>): string {
  return csvRows([...rows].sort(compareCodings(order)), CODING_COLUMNS, true);
}

async function writeHashes(file: string, hashes: ReadonlyMap<string, string>): Promise<void> {
  const rows = [...hashes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([segment, hash]) => ({ segment, hash }));
  await writeFileAtomic(hashesFile(file), csvRows(rows, HASH_COLUMNS, true));
}
