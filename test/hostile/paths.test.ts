import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCorpus } from '../../src/corpus/manifest.js';
import { tempDir } from '../helpers/cli.js';
import { inProcess } from '../helpers/run.js';
import { errorLine, manifest } from './helpers.js';

// Issue 10, item 10: `file: ../../../../etc/passwd` was ingested; an absolute path was silently
// re-rooted under the corpus folder.
function corpusBeside(): { dir: string; corpus: string; secret: string } {
  const dir = tempDir();
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  const secret = join(dir, 'secret.txt');
  writeFileSync(secret, 'Niet voor de corpus.\n');
  writeFileSync(join(corpus, 'a.txt'), 'Werkgevers investeren in scholing.\n');
  return { dir, corpus, secret };
}

describe('manifest paths stay inside the corpus folder', () => {
  it('a ../ path is refused with its line and column', async () => {
    const { corpus, secret } = corpusBeside();
    const file = manifest(corpus, '  - id: a\n    file: a.txt\n  - id: s\n    file: ../secret.txt\n');
    expect(await errorLine(() => openCorpus(corpus))).toBe(
      `${file}:5:5: corpus manifest: documents.1.file — outside the corpus folder: ${join(corpus, '../secret.txt')} leads to ${secret}; llo reads only files inside the corpus folder (--allow-outside permits it)`,
    );
  });

  it('a symbolic link that leads out is refused too, in a manifest and in a folder without one', async () => {
    const { corpus, secret } = corpusBeside();
    symlinkSync(secret, join(corpus, 'link.txt'));
    expect(await errorLine(() => openCorpus(corpus))).toBe(
      `${join(corpus, 'link.txt')}: outside the corpus folder: ${join(corpus, 'link.txt')} leads to ${secret}; llo reads only files inside the corpus folder (--allow-outside permits it)`,
    );
    manifest(corpus, '  - id: l\n    file: link.txt\n');
    expect(await errorLine(() => openCorpus(corpus))).toMatch(
      /corpus\.yaml:3:5: corpus manifest: documents\.0\.file — outside the corpus folder: /u,
    );
  });

  it('an absolute path is refused, --allow-outside or not', async () => {
    const { corpus, secret } = corpusBeside();
    const file = manifest(corpus, `  - id: s\n    file: ${secret}\n`);
    const expected = `${file}:3:5: corpus manifest: documents.0.file — absolute path "${secret}": write the path relative to the manifest's folder`;
    expect(await errorLine(() => openCorpus(corpus))).toBe(expected);
    expect(await errorLine(() => openCorpus(corpus, { allowOutside: true }))).toBe(expected);
  });

  it('llo ingest --allow-outside reads a ../ path and a link out; without it, exit 1', async () => {
    const { dir, corpus } = corpusBeside();
    manifest(corpus, '  - id: s\n    file: ../secret.txt\n');
    const out = join(dir, 'out.csv');
    expect((await inProcess(['ingest', corpus, '--out', out])).code).toBe(1);
    const run = await inProcess(['ingest', corpus, '--out', out, '--allow-outside']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
