import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/load.js';
import { openCorpus } from '../../src/corpus/manifest.js';
import { tempDir } from '../helpers/cli.js';
import { errorLine } from './helpers.js';

// Issue 10, item 6: a YAML "billion laughs" (aliases of aliases) in corpus.yaml or a codebook ended
// in "ReferenceError: Excessive alias count" with a stack trace.
const BOMB = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
].join('\n');
const REASON =
  'its aliases (*name) expand to too large a value (more than 100 expansions, the pattern of a "billion laughs" attack); write the values out instead';

describe('YAML alias bombs', () => {
  it('in corpus.yaml: one line with the line and column of the first alias that refers to aliases', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'corpus.yaml'), `name: x\n${BOMB}\n`);
    expect(await errorLine(() => openCorpus(dir))).toBe(
      `${join(dir, 'corpus.yaml')}:4:8: cannot read the corpus manifest: ${REASON}`,
    );
  });

  it('in a codebook', async () => {
    expect(await errorLine(() => parseCodebook(`name: x\nversion: 1\n${BOMB}\n`, 'bomb.yaml'))).toBe(
      `bomb.yaml:5:8: cannot read the codebook: ${REASON}`,
    );
  });

  it('a few aliases of plain values are still fine', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Tekst.\n');
    writeFileSync(
      join(dir, 'corpus.yaml'),
      'documents:\n  - id: a\n    file: a.txt\n    type: &t kamerbrief\n  - id: b\n    file: a.txt\n    type: *t\n',
    );
    expect((await openCorpus(dir)).documents.map((d) => d.type)).toEqual(['kamerbrief', 'kamerbrief']);
  });
});
