import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodebook } from '../../src/codebook/load.js';
import { openCorpus } from '../../src/corpus/manifest.js';
import { readDocument } from '../../src/corpus/read.js';
import { tempDir } from '../helpers/cli.js';
import { errorLine } from './helpers.js';

// Issue 10, item 5 (outside CSV): every file read for a corpus or a codebook turns ENOENT, EISDIR,
// EACCES … into one line naming the file.
const root = process.getuid?.() === 0;

describe('files that cannot be read', () => {
  it('a missing or folder-shaped codebook', async () => {
    const dir = tempDir();
    expect(await errorLine(() => loadCodebook(join(dir, 'nope.yaml')))).toBe(
      `${join(dir, 'nope.yaml')}: codebook: no such file`,
    );
    mkdirSync(join(dir, 'book.yaml'));
    expect(await errorLine(() => loadCodebook(join(dir, 'book.yaml')))).toBe(
      `${join(dir, 'book.yaml')}: codebook: is a folder, not a file`,
    );
  });

  it('a corpus.yaml that is a folder, a manifest given by name that is missing', async () => {
    const dir = tempDir();
    expect(await errorLine(() => openCorpus(join(dir, 'corpus.yaml')))).toBe(
      `${join(dir, 'corpus.yaml')}: no such corpus folder or manifest`,
    );
    mkdirSync(join(dir, 'corpus.yaml'));
    writeFileSync(join(dir, 'a.txt'), 'Tekst.\n');
    // A folder named corpus.yaml is no manifest: the folder's files are read.
    expect((await openCorpus(dir)).documents.map((d) => d.id)).toEqual(['a']);
  });

  it('a document that went missing or became a folder between listing and reading', async () => {
    const dir = tempDir();
    const entry = { id: 'a', file: 'a.txt', format: 'text' as const, path: join(dir, 'a.txt') };
    expect(await errorLine(() => readDocument(entry))).toBe(`${join(dir, 'a.txt')}: no such file`);
    mkdirSync(join(dir, 'a.txt'));
    expect(await errorLine(() => readDocument(entry))).toBe(`${join(dir, 'a.txt')}: is a folder, not a file`);
  });

  it.skipIf(root)('an unreadable manifest and document (EACCES; root reads everything, so not as root)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Tekst.\n');
    writeFileSync(join(dir, 'corpus.yaml'), 'documents:\n  - id: a\n    file: a.txt\n');
    chmodSync(join(dir, 'corpus.yaml'), 0o000);
    expect(await errorLine(() => openCorpus(dir))).toBe(
      `${join(dir, 'corpus.yaml')}: corpus manifest: permission denied (cannot read)`,
    );
  });
});
