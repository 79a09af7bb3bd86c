import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PDF_LIMITS, readPdf } from '../../src/corpus/formats/pdf.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { errorLine } from './helpers.js';
import { flateBombPdf, nestedStatesPdf, plainPdf } from './pdf-files.js';

// Issue 10, item 7 (PDF): 100,000 nested `q` operators ran for minutes; a 3 MB Flate bomb took
// 4–6.5 GB and segfaulted, ended in a misleading "no text layer", or exited 0 with --jobs 2. The
// limits are set low here (the defaults are 10 s per page, 2048 MB, 512 MB inflated).
const TIME =
  'reading the PDF took longer than its time budget (1 s per page): a PDF built to exhaust readers, such as one of deeply nested graphics states, or a very slow one (the limit is LLO_PDF_SECONDS_PER_PAGE)';
const BOMB =
  "the PDF's compressed streams expand to more than 2 MB (a decompression bomb, or a document larger than llo reads; the limit is LLO_PDF_MAX_INFLATED_MB)";

describe('PDFs built to exhaust the reader', () => {
  it('100,000 nested graphics states: stopped at the time budget, one line naming the document', async () => {
    const limits = { ...DEFAULT_PDF_LIMITS, secondsPerPage: 1 };
    expect(await errorLine(() => readPdf(nestedStatesPdf(), 'nested.pdf', limits))).toBe(`nested.pdf: ${TIME}`);
    // The worker was replaced: the next document reads normally.
    expect((await readPdf(plainPdf(), 'plain.pdf', limits)).blocks.map((b) => b.text)).toEqual([
      'Werkgevers investeren in scholing.',
    ]);
  });

  it('a Flate bomb: refused by its decompressed size before pdf.js reads it', async () => {
    const limits = { ...DEFAULT_PDF_LIMITS, inflatedMb: 2 };
    expect(await errorLine(() => readPdf(flateBombPdf(3), 'bomb.pdf', limits))).toBe(`bomb.pdf: ${BOMB}`);
    expect((await readPdf(flateBombPdf(1), 'small.pdf', limits)).blocks.map((b) => b.text)).toEqual([
      'Werkgevers investeren in scholing.',
    ]);
  });

  it('with --jobs 2 the bomb fails the run (exit 1, one line, no segments file)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-plain.pdf'), plainPdf());
    writeFileSync(join(dir, 'b-bomb.pdf'), flateBombPdf(3));
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/llo.js'), 'ingest', dir, '--out', join(dir, 'out.csv'), '--jobs', '2'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', LLO_PDF_MAX_INFLATED_MB: '2' },
      },
    );
    expect(run.stderr).toBe(`llo: error: ${join(dir, 'b-bomb.pdf')}: ${BOMB}\n`);
    expect(run.status).toBe(1);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });
});
