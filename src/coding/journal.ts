import { open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFully, type WriteHandle } from '../io/atomic.js';
import { fileError } from '../io/file-errors.js';

/**
 * The journal of a coding session (`<codings>.journal`): each decision is appended here and flushed
 * to disk before the codings file is rewritten, and the journal is emptied once the codings file
 * holds it. So the journal only ever holds decisions that may be missing from the codings file.
 *
 * Each entry records the content hash of the codings file just before (`before`) and just after
 * (`after`) the save that wrote it in (one save may write several decisions). An entry is replayed
 * only onto the file it was made for (`before`: the write did not happen) or the file it made
 * (`after`: the write happened, the journal was not yet emptied). A file that matches neither was
 * changed by someone since — a hand edit in a spreadsheet, say — and the hand edit wins: the entry
 * is dropped.
 */
export interface JournalEntry {
  /** The coder the decision is for (entries of older llo versions lack it: the session's coder). */
  coder?: string;
  segment: string;
  /** The segment's text hash when it was coded. */
  hash: string;
  document: string;
  start: number;
  end: number;
  codes: string[];
  memo: string;
  /** Evidence per code, for codes accepted from the automatic suggestions. */
  evidence?: Record<string, string>;
  at: string;
  before?: string;
  after?: string;
}

export function journalFile(codingsFile: string): string {
  return `${codingsFile}.journal`;
}

/** The entries of a journal; a line cut short by a kill during the append was never confirmed, and is skipped. */
export async function readJournal(codingsFile: string): Promise<JournalEntry[]> {
  const file = journalFile(codingsFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw fileError(err, file, 'reading', 'session journal');
  }
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // Cut short by a kill during the append.
    }
  }
  return entries;
}

/** The part of a file handle the journal uses; tests hand in one that fails on purpose. */
export interface JournalHandle extends WriteHandle {
  stat(): Promise<{ size: number }>;
  truncate(length: number): Promise<void>;
}

/** What a journal append that fails leaves: the save stops before the codings file is rewritten. */
const NOT_SAVED = 'the decision was not saved';

/**
 * Appends entries (the decisions of one save) and flushes them to disk. Every byte is checked to
 * be written (a write may write less than asked when the disk fills): a write that makes no
 * progress, or fails, cuts the journal back to its length before, so that no half line is left
 * for the next entry to be glued to, and the error is one line naming the journal.
 */
export async function appendJournal(
  codingsFile: string,
  entries: readonly JournalEntry[],
  openFile: (file: string) => Promise<JournalHandle> = (file) => open(file, 'a'),
): Promise<void> {
  const file = journalFile(codingsFile);
  const data = Buffer.from(entries.map((e) => JSON.stringify(e) + '\n').join(''), 'utf8');
  try {
    const handle = await openFile(file);
    try {
      const { size } = await handle.stat();
      try {
        await writeFully(handle, data, file, { what: 'session journal', outcome: NOT_SAVED });
      } catch (err) {
        await handle.truncate(size).catch(() => undefined);
        throw err;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw fileError(err, file, 'writing', 'session journal', NOT_SAVED);
  }
}

/**
 * Empties the journal once the codings file holds its entries. The folder is flushed first, so the
 * rename that put the new codings file in place is on disk before the journal entry goes.
 */
export async function clearJournal(codingsFile: string): Promise<void> {
  await syncFolder(dirname(codingsFile));
  await unlink(journalFile(codingsFile)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw fileError(err, journalFile(codingsFile), 'writing', 'session journal');
  });
}

async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems cannot sync a folder; the rename is still atomic there.
  }
}
