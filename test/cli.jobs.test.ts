import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';

describe('--jobs: worker threads give byte-identical output', () => {
  it('llo ingest --jobs 2 equals --jobs 1', async () => {
    const dir = tempDir();
    expect((await inProcess(['ingest', CORPUS, '--unit', 'sentence', '--out', join(dir, 'a.csv')])).code).toBe(0);
    expect(
      (await inProcess(['ingest', CORPUS, '--unit', 'sentence', '--out', join(dir, 'b.csv'), '--jobs', '2'])).code,
    ).toBe(0);
    expect(readFileSync(join(dir, 'b.csv')).equals(readFileSync(join(dir, 'a.csv')))).toBe(true);
  });

  it('llo code --jobs 2 equals --jobs 1, over several batches', async () => {
    const dir = tempDir();
    // The whole coalition agreement in sentences: 1,222 segments, more than one batch of 1,000.
    copyFileSync(join(CORPUS, 'coalitieakkoord-2021.pdf'), join(dir, 'ca.pdf'));
    const segments = join(dir, 'segments.csv');
    expect((await inProcess(['ingest', dir, '--unit', 'sentence', '--out', segments])).code).toBe(0);
    expect(readFileSync(segments, 'utf8').trimEnd().split('\n').length - 1).toBeGreaterThan(1000);
    expect((await inProcess(['code', '--segments', segments, '--coder', 'x', '--out', join(dir, 'a.csv')])).code).toBe(
      0,
    );
    expect(
      (await inProcess(['code', '--segments', segments, '--coder', 'x', '--out', join(dir, 'b.csv'), '--jobs', '2']))
        .code,
    ).toBe(0);
    expect(readFileSync(join(dir, 'b.csv')).equals(readFileSync(join(dir, 'a.csv')))).toBe(true);
  });

  it('reports an error raised in a worker as one line naming the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Goede tekst.\n');
    writeFileSync(join(dir, 'b.txt'), Buffer.from([0x61, 0x81]));
    const run = await inProcess(['ingest', dir, '--jobs', '2', '--out', join(dir, 'x.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `llo: error: ${join(dir, 'b.txt')} (byte 1): cannot decode the text: the file is neither UTF-8 nor Windows-1252\n`,
    );
  });
});
