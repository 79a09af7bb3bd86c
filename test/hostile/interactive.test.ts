import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODING_COLUMNS, type Coding } from '../../src/coding/codings.js';
import { SEGMENT_COLUMNS, type Segment } from '../../src/corpus/segments.js';
import { csvRows } from '../../src/io/csv.js';
import { CORPUS, ROOT, tempDir } from '../helpers/cli.js';
import { inProcess } from '../helpers/run.js';
import { codingOn } from '../helpers/segment.js';
import { Terminal } from '../helpers/tmux.js';

// Bad and hostile input for the interactive commands (`code --interactive`, `reconcile`) and for
// `llo code` on a coder's file: each case with the exact line the user sees, and what is left on disk.

/** A document that tries to retitle the terminal (OSC 0), clear the screen and write the clipboard (OSC 52). */
const EVIL = 'A\x1b]0;pwned\x07B\x1b[2JC\x1b]52;c;cHduZWQ=\x07D';
const SHOWN = 'A\\x1b]0;pwned\\x07B\\x1b[2JC\\x1b]52;c;cHduZWQ=\\x07D';
const SMALL = join(ROOT, 'test/fixtures/codebooks/base.yaml');
const LLO = `node ${join(ROOT, 'bin/llo.js')}`;

const seg = (n: number, text: string): Segment => ({
  document: 'd',
  segment: `d:${n}`,
  page: '',
  section: `Hoofdstuk ${EVIL}`,
  start: (n - 1) * 100,
  end: (n - 1) * 100 + text.length,
  hash: `h${n}`,
  text,
});
const coding = (coder: string, s: Segment, code: string, memo: string): Coding => codingOn(s, { coder, code, memo });

let dir: string;
let segments: string;
const S1 = seg(1, `De overheid stelt regels in de wet ${EVIL}.`);
const S2 = seg(2, `Werkgevers werken samen met het kabinet ${EVIL}.`);
beforeAll(() => {
  dir = tempDir();
  segments = join(dir, 'segments.csv');
  writeFileSync(segments, csvRows([S1, S2], SEGMENT_COLUMNS, true));
});

describe('reconcile and code: bad input leaves nothing behind', () => {
  const files = (d: string) => readdirSync(d).sort();
  const reconcile = (a: string, b: string, out: string) =>
    inProcess(['reconcile', a, b, '--out', out, '--strategy', 'union', '--segments', segments, '--codebook', SMALL]);
  const code = (segmentsFile: string, out: string) =>
    inProcess(['code', '--segments', segmentsFile, '--coder', 'anna', '--codebook', SMALL, '--out', out]);
  let a: string;
  beforeAll(() => {
    a = join(dir, 'anna.csv');
    writeFileSync(a, csvRows([coding('anna', S1, 'overheid.reguleren', '')], CODING_COLUMNS, true));
  });

  it('reconcile with a missing codings file: one line, no lock, no consensus file', async () => {
    const work = tempDir();
    const out = join(work, 'consensus.csv');
    const r = await reconcile(a, join(work, 'bem.csv'), out);
    expect(r.stderr).toBe(`llo: error: ${join(work, 'bem.csv')}: codings file: no such file\n`);
    expect(r.code).toBe(1);
    expect(files(work)).toEqual([]);
  });

  it('reconcile with a folder for a codings file: one line, no lock', async () => {
    const work = tempDir();
    const folder = join(work, 'ben');
    mkdirSync(folder);
    const r = await reconcile(a, folder, join(work, 'c.csv'));
    expect(r.stderr).toBe(`llo: error: ${folder}: codings file: is a folder, not a file\n`);
    expect(files(work)).toEqual(['ben']);
  });

  it('reconcile with a folder as --out: one line, no stale lock', async () => {
    const work = tempDir();
    const folder = join(work, 'consensus');
    mkdirSync(folder);
    const r = await reconcile(a, a, folder);
    expect(r.stderr).toBe(`llo: error: ${folder}: codings file: is a folder, not a file\n`);
    expect(r.code).toBe(1);
    expect(files(work)).toEqual(['consensus']);
  });

  it('code with a missing segments file: one line, no temp files, no lock, no codings file', async () => {
    const work = tempDir();
    const r = await code(join(work, 'segmnets.csv'), join(work, 'anna.csv'));
    expect(r.stderr).toBe(`llo: error: ${join(work, 'segmnets.csv')}: no such file\n`);
    expect(r.code).toBe(1);
    expect(files(work)).toEqual([]);
  });

  it('code with a folder as --out: one line, nothing written', async () => {
    const work = tempDir();
    const r = await code(segments, work);
    expect(r.stderr).toBe(`llo: error: ${work}: codings file: is a folder, not a file\n`);
    expect(files(work)).toEqual([]);
  });
});

describe('terminal injection: escape sequences in documents, memos, coder names and codebooks are shown, never obeyed', () => {
  const terminals: Terminal[] = [];
  let keep: Terminal;
  beforeAll(() => {
    // A terminal that only keeps this file's tmux server up, so that OSC 52 may fill its paste buffers.
    keep = Terminal.start('llo-hostile-keep', 'sleep 600');
    terminals.push(keep);
    Terminal.option('set-clipboard', 'on');
  });
  afterAll(() => {
    terminals.forEach((t) => t.stop());
    Terminal.stopServer();
  });

  it('code --interactive: segment text, section, memo and code labels', async () => {
    const out = join(dir, 'anna-i.csv');
    writeFileSync(out, csvRows([coding('anna', S1, '', `memo ${EVIL}`)], CODING_COLUMNS, true));
    const book = join(dir, 'evil.yaml');
    writeFileSync(
      book,
      readFileSync(SMALL, 'utf8').replace('role: reguleren', 'role: "reguleren \\e]0;pwned\\a \\e[2J"'),
    );
    const t = Terminal.start(
      'llo-hostile-code',
      `${LLO} code ${CORPUS} --interactive --coder anna --segments ${segments} --codebook ${book} --out ${out}`,
    );
    terminals.push(t);
    await t.waitFor(/^llo code · 1\/2 coded/mu);
    t.keys('b');
    await t.waitFor(/memo: memo A\\x1b/u);
    t.keys('c');
    await t.waitFor(/\(after\) Werkgevers/u);
    t.keys('/');
    t.type('regul');
    const screen = await t.waitFor(/> overheid\.reguleren {2}\(reguleren \\x1b\]0;pwned\\x07 \\x1b\[2J\)/u);
    expect(screen.split('\n')[0]).toMatch(/^llo code · 1\/2 coded/u);
    expect(screen).toContain(SHOWN);
    expect(t.title()).not.toContain('pwned');
    expect(Terminal.buffers()).toBe('');
    t.keys('Escape');
    t.keys('q');
    await t.waitFor(/Saved 0 decision/u);
    expect(t.title()).not.toContain('pwned');
  });

  it('reconcile --interactive: coder names, memos and segment text', async () => {
    const a = join(dir, 'a-evil.csv');
    const b = join(dir, 'b-evil.csv');
    writeFileSync(a, csvRows([coding(`ann${EVIL}`, S1, 'overheid.reguleren', `zie ${EVIL}`)], CODING_COLUMNS, true));
    writeFileSync(
      b,
      csvRows([coding('ben', S1, 'markt.samenwerkingspartner', `twijfel ${EVIL}`)], CODING_COLUMNS, true),
    );
    const out = join(dir, 'consensus-evil.csv');
    const t = Terminal.start(
      'llo-hostile-reconcile',
      `${LLO} reconcile ${a} ${b} --out ${out} --interactive --segments ${segments} --codebook ${SMALL}`,
    );
    terminals.push(t);
    await t.waitFor(/a = A, b = B/u);
    const screen = t.screen(true);
    expect(screen).toContain(`A ann${SHOWN}: overheid.reguleren  — zie ${SHOWN}`);
    expect(screen).toContain(`B ben: markt.samenwerkingspartner  — twijfel ${SHOWN}`);
    expect(screen).toContain(`── 1/1 · d:1`);
    expect(t.title()).not.toContain('pwned');
    expect(Terminal.buffers()).toBe('');
    t.type('u');
    t.keys('Enter');
    await t.waitFor(/reason:/u);
    t.type('beide');
    t.keys('Enter');
    await t.waitFor(/segments settled/u);
    // The consensus file keeps the data exact: both memos, escapes and all (only the screen is made safe).
    expect(readFileSync(out, 'utf8')).toContain(`beide | ann${EVIL}: zie ${EVIL} | ben: twijfel ${EVIL}`);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});
