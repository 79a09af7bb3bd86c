import { existsSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyCorpus, CORPUS, leftovers, tempDir } from './helpers/cli.js';
import { inProcess } from './helpers/run.js';
import { makePdf, column } from './helpers/pdf.js';

describe('llo ingest on the bundled corpus', () => {
  it('ingests every document and is byte-identical on a second run, reporting no changes', async () => {
    const dir = tempDir();
    const out = join(dir, 'segments.csv');
    const first = await inProcess(['ingest', CORPUS, '--out', out, '--json']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.documents).toBe(8);
    expect(summary.perDocument.map((d: { status: string }) => d.status)).toEqual(Array(8).fill('new'));
    const bytes = readFileSync(out);
    expect(bytes.toString('utf8').split('\n')[0]).toBe('document,segment,page,section,start,end,hash,text');
    expect(bytes.includes('\r')).toBe(false);

    const second = await inProcess(['ingest', CORPUS, '--out', out, '--json']);
    expect(readFileSync(out).equals(bytes)).toBe(true);
    expect(JSON.parse(second.stdout).perDocument.every((d: { status: string }) => d.status === 'unchanged')).toBe(true);
  });

  it('reports the document that changed since the last run', async () => {
    const dir = copyCorpus();
    const out = join(dir, 'segments.csv');
    expect((await inProcess(['ingest', 'corpus', '--out', out], dir)).code).toBe(0);
    const file = join(dir, 'corpus/kst-30012-142.excerpt.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Den Haag, 25 februari 2022', 'Den Haag, 26 februari 2022'));
    const run = await inProcess(['ingest', 'corpus', '--out', out], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/kst-30012-142 +text +7 segments +changed/u);
    expect(run.stdout).toContain('Changed since the last run: kst-30012-142');
  });

  it('splits sentences with ids <document>:<n>.<m>', async () => {
    const out = join(tempDir(), 's.csv');
    expect((await inProcess(['ingest', CORPUS, '--unit', 'sentence', '--out', out])).code).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.some((l) => l.startsWith('kst-30012-142,kst-30012-142:6.2,,'))).toBe(true);
  });

  it('reads a folder without a manifest, ids from file names', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'brief-a.txt'), 'Werkgevers investeren in scholing.\n');
    writeFileSync(join(dir, 'notities.md'), '# Kop\n\nDe overheid faciliteert.\n');
    writeFileSync(join(dir, 'plaatje.png'), 'not read');
    const run = await inProcess(['ingest', dir, '--out', join(dir, 'out.csv'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).perDocument.map((d: { id: string }) => d.id)).toEqual(['brief-a', 'notities']);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toContain('notities,notities:1,,Kop,');
  });
});

describe('llo ingest refuses bad input with one clear line, exit 1 and no segments file', () => {
  const manifest = (dir: string, entries: string) => writeFileSync(join(dir, 'corpus.yaml'), `documents:\n${entries}`);
  const cases: [string, (dir: string) => void, RegExp][] = [
    [
      'a manifest pointing at a missing file',
      (d) => manifest(d, '  - id: a\n    file: missing.txt\n'),
      /corpus\.yaml:3:5: corpus manifest: documents\.0\.file — file not found: .*missing\.txt$/u,
    ],
    [
      'an unknown extension',
      (d) => (writeFileSync(join(d, 'a.docx'), 'x'), manifest(d, '  - id: a\n    file: a.docx\n')),
      /corpus\.yaml:3:5: .*unknown file type "\.docx"/u,
    ],
    [
      'duplicate document ids',
      (d) => (
        writeFileSync(join(d, 'a.txt'), 'x'),
        manifest(d, '  - id: a\n    file: a.txt\n  - id: a\n    file: a.txt\n')
      ),
      /corpus\.yaml:4:5: corpus manifest: documents\.1\.id — duplicate document id "a"$/u,
    ],
    [
      'a typo in the manifest',
      (d) => (writeFileSync(join(d, 'a.txt'), 'x'), manifest(d, '  - id: a\n    file: a.txt\n    tittle: X\n')),
      /corpus\.yaml:4:5: invalid corpus manifest: documents\.0\.tittle — unknown key "tittle"$/u,
    ],
    [
      'malformed YAML',
      (d) => writeFileSync(join(d, 'corpus.yaml'), 'documents:\n  - id: [a\n'),
      /corpus\.yaml:\d+:\d+: invalid YAML in the corpus manifest/u,
    ],
    [
      'a corrupt PDF',
      (d) => writeFileSync(join(d, 'a.pdf'), makePdf([column(['Tekst.'])]).subarray(0, 300)),
      /a\.pdf: the PDF cannot be read/u,
    ],
    [
      'a PDF without text',
      (d) => writeFileSync(join(d, 'scan.pdf'), makePdf([[]], { drawOnly: true })),
      /scan\.pdf: the PDF has no text layer/u,
    ],
    [
      'malformed XML',
      (d) => writeFileSync(join(d, 'a.xml'), '<officiele-publicatie>\n<al>tekst</alx>\n</officiele-publicatie>'),
      /a\.xml:2:10: end tag <\/alx> does not match <al>/u,
    ],
    [
      'an entity-expansion XML',
      (d) =>
        writeFileSync(
          join(d, 'lol.xml'),
          '<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<officiele-publicatie>&b;</officiele-publicatie>',
        ),
      /lol\.xml:1:1: the document declares entities/u,
    ],
    [
      'a wrong encoding',
      (d) => writeFileSync(join(d, 'a.txt'), Buffer.concat([Buffer.from('één '), Buffer.from([0xe9])])),
      /a\.txt \(byte 6\): cannot decode the text/u,
    ],
    ['an empty file', (d) => writeFileSync(join(d, 'leeg.txt'), ''), /leeg\.txt: the file is empty$/u],
    ['a missing corpus folder', () => undefined, /nope: no such corpus folder or manifest$/u],
  ];

  it.each(cases)('%s', async (_, setup, message) => {
    const dir = tempDir();
    const corpus = join(dir, 'c');
    mkdirSync(corpus);
    // A good document next to the bad one: the run must still write nothing.
    writeFileSync(join(corpus, 'goed.txt'), 'Goede tekst.\n');
    setup(corpus);
    const out = join(dir, 'out', 'segments.csv');
    const run = await inProcess([
      'ingest',
      message.source.startsWith('nope') ? join(dir, 'nope') : corpus,
      '--out',
      out,
    ]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^llo: error: /u);
    expect(lines[0]).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(leftovers(join(dir, 'out'))).toEqual([]);
  });

  it('keeps the previous segments file when a later run fails', async () => {
    const dir = copyCorpus();
    const out = join(dir, 'segments.csv');
    expect((await inProcess(['ingest', 'corpus', '--out', out], dir)).code).toBe(0);
    const before = readFileSync(out);
    copyFileSync(join(dir, 'corpus/corpus.yaml'), join(dir, 'backup.yaml'));
    writeFileSync(join(dir, 'corpus/kst-30012-142.excerpt.txt'), Buffer.from([0x61, 0x81]));
    const run = await inProcess(['ingest', 'corpus', '--out', out], dir);
    expect(run.code).toBe(1);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('rejects an unknown --unit', async () => {
    const run = await inProcess(['ingest', CORPUS, '--unit', 'word', '--out', join(tempDir(), 'x.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "llo: error: option '-u, --unit <unit>' argument 'word' is invalid. Allowed choices are paragraph, sentence.\n(run with --help for usage)\n",
    );
  });
});

describe('llo --help', () => {
  it('lists the commands with examples', async () => {
    const run = await inProcess(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ingest \[options\] \[corpus\] +cut documents/u);
    expect(run.stdout).toMatch(/Examples:/u);
  });
});
