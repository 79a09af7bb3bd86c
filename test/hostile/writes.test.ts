import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendJournal, journalFile, readJournal, type JournalEntry } from '../../src/coding/journal.js';
import { AtomicWriter, removeStaleTemps, writeFileAtomic, type WriteHandle } from '../../src/io/atomic.js';
import { MANIFEST, writeOutputFolder } from '../../src/io/output-folder.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { inProcess } from '../helpers/run.js';
import { errorLine } from './helpers.js';

// Issue 10, item 2 and the ENOSPC part of item 6: a full disk or a file-size limit must fail with one
// line naming the file, leave the previous output as it was and leave no temporary file.

const PARAGRAPH = 'Werkgevers investeren in scholing van hun werknemers, en de overheid faciliteert dat.\n\n';

/** A real file handle whose writes go wrong the way a full or limited disk makes them go wrong. */
async function failingHandle(tmp: string, fail: 'short' | 'ENOSPC'): Promise<WriteHandle> {
  const real = await open(tmp, 'wx');
  return {
    async write(buffer, offset, length) {
      if (fail === 'ENOSPC')
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      // The first call writes half, every later call nothing: a disk that filled up mid-write.
      if (offset > 0) return { bytesWritten: 0 };
      return real.write(buffer, offset, Math.ceil(length / 2));
    },
    sync: () => real.sync(),
    close: () => real.close(),
  };
}

describe('writes that the disk cuts short', () => {
  it('a file-size limit (ulimit -f, EFBIG) fails ingest with one line, keeps the previous segments file, leaves no temp file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), PARAGRAPH);
    const ingest = (limit: string) =>
      spawnSync(
        'sh',
        ['-c', `${limit} exec "$0" "$1" ingest . --out f.csv`, process.execPath, join(ROOT, 'bin/llo.js')],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        },
      );
    expect(ingest('').status).toBe(0);
    const previous = readFileSync(join(dir, 'f.csv'));
    writeFileSync(join(dir, 'a.txt'), PARAGRAPH.repeat(4000)); // about 350 KB of segments
    const run = ingest('ulimit -f 16;');
    expect(run.stderr).toBe(
      'llo: error: f.csv: file too large for this system or its limits (ulimit -f); the previous file is unchanged\n',
    );
    expect(run.status).toBe(1);
    expect(readFileSync(join(dir, 'f.csv')).equals(previous)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'f.csv']);
  });

  it('a short write (the disk accepts half, then nothing) is an error, not a truncated file', async () => {
    const dir = tempDir();
    const file = join(dir, 'codings.csv');
    writeFileSync(file, 'previous\n');
    const line = await errorLine(() =>
      writeFileAtomic(file, 'x'.repeat(1000), { openFile: (tmp) => failingHandle(tmp, 'short') }),
    );
    expect(line).toBe(
      `${file}: the disk accepted only part of the data (short write after 500 bytes); the previous file is unchanged`,
    );
    expect(readFileSync(file, 'utf8')).toBe('previous\n');
    expect(readdirSync(dir)).toEqual(['codings.csv']);
  });

  it('ENOSPC while streaming a large output is one line naming the file (no stack trace)', async () => {
    const dir = tempDir();
    const file = join(dir, 'segments.csv');
    writeFileSync(file, 'previous\n');
    const writer = await AtomicWriter.open(file, { openFile: (tmp) => failingHandle(tmp, 'ENOSPC') });
    const line = await errorLine(async () => {
      try {
        for (let i = 0; i < 3000; i++) await writer.write(PARAGRAPH.repeat(10));
        await writer.commit();
      } catch (err) {
        await writer.abort();
        throw err;
      }
    });
    expect(line).toBe(`${file}: no space left on the device; the previous file is unchanged`);
    expect(readFileSync(file, 'utf8')).toBe('previous\n');
    expect(readdirSync(dir)).toEqual(['segments.csv']);
  });
});

describe('temporary files of killed runs', () => {
  it('are removed on the next write when their process is gone; a live run, other names and foreign files stay', async () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    const files = {
      killed: `.segments.csv.${deadPid}.m1abc2.tmp`,
      live: `.segments.csv.${process.pid}.m1abc3.tmp`,
      otherOutput: `.codings.csv.${deadPid}.m1abc4.tmp`,
      foreign: '.segments.csv.notes.tmp',
    };
    for (const f of Object.values(files)) writeFileSync(join(dir, f), 'x');
    await writeFileAtomic(join(dir, 'segments.csv'), 'new\n');
    expect(existsSync(join(dir, files.killed))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual([files.otherOutput, files.live, files.foreign, 'segments.csv'].sort());
    expect(await removeStaleTemps(dir, 'codings.csv')).toEqual([files.otherOutput]);
  });
});

describe('an --out that is not a regular file', () => {
  const isRoot = process.getuid?.() === 0;

  /** A folder with a one-paragraph corpus and a special file made by `command` (mkfifo, mknod) named `out`. */
  function corpusBeside(command: string[]): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'corpus'));
    writeFileSync(join(dir, 'corpus', 'a.txt'), PARAGRAPH);
    const made = spawnSync(command[0]!, [...command.slice(1)], { cwd: dir, encoding: 'utf8' });
    expect(made.stderr).toBe('');
    return dir;
  }

  it('a FIFO is refused with one line and stays a FIFO (a rename would have replaced it)', async () => {
    const dir = corpusBeside(['mkfifo', 'out']);
    const run = await inProcess(['ingest', 'corpus', '--out', 'out'], dir);
    expect(run.stderr).toBe(
      'llo: error: out: is a FIFO (named pipe), not a regular file; llo writes only regular files\n',
    );
    expect(run.code).toBe(1);
    expect(statSync(join(dir, 'out')).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['corpus', 'out']);
  });

  // The case of the audit: `--out /dev/full` replaced the device. Made here with mknod (root only), never in /dev.
  it.skipIf(!isRoot)('a character device (a copy of /dev/full made with mknod) is refused and survives', async () => {
    const dir = corpusBeside(['mknod', 'full', 'c', '1', '7']);
    const run = await inProcess(['ingest', 'corpus', '--out', 'full'], dir);
    expect(run.stderr).toBe(
      'llo: error: full: is a character device, not a regular file; llo writes only regular files\n',
    );
    expect(run.code).toBe(1);
    expect(statSync(join(dir, 'full')).isCharacterDevice()).toBe(true);
  });

  it('a folder is refused with one line, before any temporary file is made', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'segments.csv'));
    expect(await errorLine(() => writeFileAtomic(join(dir, 'segments.csv'), 'new\n'))).toBe(
      `${join(dir, 'segments.csv')}: is a folder, not a file`,
    );
    expect(readdirSync(dir)).toEqual(['segments.csv']);
  });

  it('a symbolic link is followed: the file it points to is replaced atomically and the link stays', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'codings.csv'), 'previous\n');
    symlinkSync(join('data', 'codings.csv'), join(dir, 'link.csv'));
    await writeFileAtomic(join(dir, 'link.csv'), 'new\n');
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.csv'))).toBe(join('data', 'codings.csv'));
    expect(readFileSync(join(dir, 'data', 'codings.csv'), 'utf8')).toBe('new\n');
    // The temporary file was made beside the target (same file system), and is gone.
    expect(readdirSync(join(dir, 'data'))).toEqual(['codings.csv']);
    expect(readdirSync(dir).sort()).toEqual(['data', 'link.csv']);
  });

  it('a symbolic link to a FIFO is refused like the FIFO; a dangling link is refused', async () => {
    const dir = corpusBeside(['mkfifo', 'pipe']);
    symlinkSync('pipe', join(dir, 'to-pipe'));
    symlinkSync('missing.csv', join(dir, 'dangling'));
    expect(await errorLine(() => writeFileAtomic(join(dir, 'to-pipe'), 'x'))).toBe(
      `${join(dir, 'to-pipe')}: is a FIFO (named pipe), not a regular file; llo writes only regular files`,
    );
    expect(await errorLine(() => writeFileAtomic(join(dir, 'dangling'), 'x'))).toBe(
      `${join(dir, 'dangling')}: is a symbolic link to a file that does not exist; llo writes only regular files (name the file itself)`,
    );
    expect(statSync(join(dir, 'pipe')).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['corpus', 'dangling', 'pipe', 'to-pipe']);
  });
});

describe('a multi-file output (the tables folder) that fails half-way', () => {
  /** Every file below `dir` with its content, so a test can compare a folder before and after. */
  function snapshot(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isFile()) out[entry] = readFileSync(full, 'utf8');
    }
    return out;
  }

  /** Opens temporary files normally except the `nth` (1-based), whose writes fail with ENOSPC. */
  function failOn(nth: number): (tmp: string) => Promise<WriteHandle> {
    let opened = 0;
    return async (tmp) => (++opened === nth ? failingHandle(tmp, 'ENOSPC') : open(tmp, 'wx'));
  }

  const tables = (version: string) =>
    new Map([
      ['README.md', `# Tables ${version}\n`],
      ['roles.csv', `role,n\nklant,${version}\n`],
      ['by-document/kst-1.csv', `role,n\nklant,${version}\n`],
    ]);

  it('ENOSPC on the second file leaves every previous file and the manifest as they were, and no temp file', async () => {
    const dir = join(tempDir(), 'tables');
    await writeOutputFolder(dir, tables('1'));
    const before = snapshot(dir);
    expect(Object.keys(before)).toEqual([MANIFEST, 'README.md', 'by-document/kst-1.csv', 'roles.csv'].sort());
    const line = await errorLine(() => writeOutputFolder(dir, tables('2'), { openFile: failOn(2) }));
    expect(line).toBe(`${join(dir, 'roles.csv')}: no space left on the device; the previous file is unchanged`);
    expect(snapshot(dir)).toEqual(before);
    // The same files written whole afterwards: the folder holds only the new set.
    await writeOutputFolder(dir, tables('2'));
    expect(snapshot(dir)['roles.csv']).toBe('role,n\nklant,2\n');
  });

  it('a failure on a fresh folder leaves no folder and no manifest listing files that do not exist', async () => {
    const parent = tempDir();
    const dir = join(parent, 'tables');
    // The third file is the last: two temporary files are already complete when it fails.
    const line = await errorLine(() => writeOutputFolder(dir, tables('1'), { openFile: failOn(3) }));
    expect(line).toBe(
      `${join(dir, 'by-document/kst-1.csv')}: no space left on the device; the previous file is unchanged`,
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a failure writing the manifest (after every file) also leaves the previous outputs', async () => {
    const dir = join(tempDir(), 'tables');
    await writeOutputFolder(dir, tables('1'));
    const before = snapshot(dir);
    // Three files, then the widened manifest is the fourth temporary file.
    const line = await errorLine(() => writeOutputFolder(dir, tables('2'), { openFile: failOn(4) }));
    expect(line).toBe(`${join(dir, MANIFEST)}: no space left on the device; the previous file is unchanged`);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('the files beside a codings file that are no output: the lock and the journal', () => {
  it('a lock that cannot be written (ulimit -f 0) says the lock was not taken, not that a previous file is unchanged', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), PARAGRAPH);
    const llo = (limit: string, args: string) =>
      spawnSync('sh', ['-c', `${limit} exec "$0" "$1" ${args}`, process.execPath, join(ROOT, 'bin/llo.js')], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    expect(llo('', 'ingest . --out segments.csv').status).toBe(0);
    // The lock is the first file `llo code` writes: with no room at all, its content cannot be written.
    const run = llo('ulimit -f 0;', 'code --segments segments.csv --coder a --out codings.csv');
    expect(run.stderr).toBe(
      'llo: error: codings.csv.lock: lock file: file too large for this system or its limits (ulimit -f); the lock was not taken, so nothing was written\n',
    );
    expect(run.status).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'segments.csv']);
  });

  it('a short write of the session journal is one line, and the journal is cut back to what it held', async () => {
    const codings = join(tempDir(), 'codings.csv');
    const entry = (segment: string): JournalEntry => ({
      segment,
      hash: 'h',
      document: 'a',
      start: 0,
      end: 10,
      codes: ['markt.investeerder'],
      memo: 'x'.repeat(200),
      at: '2026-11-30T12:00:00Z',
    });
    await appendJournal(codings, [entry('a:1')]);
    const before = readFileSync(journalFile(codings), 'utf8');
    let asked = 0;
    const line = await errorLine(() =>
      appendJournal(codings, [entry('a:2')], async (file) => {
        const real = await open(file, 'a');
        return {
          // The first write takes half, the next nothing: a disk that filled up mid-append.
          async write(buffer, offset, length) {
            asked = asked || length;
            if (offset > 0) return { bytesWritten: 0 };
            return real.write(buffer, offset, Math.ceil(length / 2));
          },
          stat: () => real.stat(),
          truncate: (length) => real.truncate(length),
          sync: () => real.sync(),
          close: () => real.close(),
        };
      }),
    );
    expect(line).toBe(
      `${journalFile(codings)}: session journal: the disk accepted only part of the data (short write after ${Math.ceil(asked / 2)} bytes); the decision was not saved`,
    );
    // No half line left for the next entry to be glued to.
    expect(readFileSync(journalFile(codings), 'utf8')).toBe(before);
    await appendJournal(codings, [entry('a:3')]);
    expect((await readJournal(codings)).map((e) => e.segment)).toEqual(['a:1', 'a:3']);
  });
});
