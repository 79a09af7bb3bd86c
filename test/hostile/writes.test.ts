import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicWriter, removeStaleTemps, writeFileAtomic, type WriteHandle } from '../../src/io/atomic.js';
import { ROOT, tempDir } from '../helpers/cli.js';
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
