import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CODEBOOK, findProject, Workspace } from '../src/workspace/index.js';
import { initStudy } from '../src/workspace/init.js';
import { CORPUS, ROOT, tempDir } from './helpers/cli.js';
import { inProcess as run } from './helpers/run.js';

describe('the study around the current folder', () => {
  it('outside a study: the README layout, with the codebook that ships with llo when there is none', async () => {
    const dir = tempDir();
    expect(await findProject(dir)).toEqual({
      corpus: 'corpus',
      codebook: BUNDLED_CODEBOOK,
      out: 'out',
      unit: 'paragraph',
      coders: [],
    });
    expect((await findProject(ROOT)).codebook).toBe('codebooks/llo.yaml');
  });

  it('inside a study, from a subfolder: the project file’s paths, as seen from there', async () => {
    const dir = tempDir();
    await initStudy(join(dir, 'study'), { coders: ['anna', 'ben'] });
    mkdirSync(join(dir, 'study/notes/draft'), { recursive: true });
    const project = await findProject(join(dir, 'study/notes/draft'));
    expect(project).toMatchObject({
      file: '../../llo.project.yaml',
      name: 'study',
      corpus: '../../corpus',
      codebook: '../../codebooks/llo.yaml',
      out: '../../out',
      coders: ['anna', 'ben'],
    });
    const ws = await Workspace.open({ segments: 'mine.csv' }, join(dir, 'study/notes/draft'));
    expect([ws.segmentsFile, ws.codingsFile('anna'), ws.tablesDir]).toEqual([
      'mine.csv',
      '../../out/codings/anna.csv',
      '../../out/tables',
    ]);
  });

  it('a malformed project file is one line with its place', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'llo.project.yaml'), 'unit: word\n');
    await expect(findProject(dir)).rejects.toThrow(/invalid project file/u);
  });
});

describe('llo init', () => {
  it('creates a study that every command then finds from a subfolder, without flags', async () => {
    const dir = tempDir();
    expect((await run(['init', 'study'], dir)).code).toBe(0);
    for (const f of ['llo.project.yaml', 'corpus/corpus.yaml', 'codebooks/llo.yaml', '.gitignore', 'README.md', 'out'])
      expect(existsSync(join(dir, 'study', f)), f).toBe(true);
    expect(readFileSync(join(dir, 'study/codebooks/llo.yaml'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'codebooks/llo.yaml'), 'utf8'),
    );
    for (const f of ['kst-30012-142.excerpt.txt', 'kst-30012-156.excerpt.txt'])
      cpSync(join(CORPUS, f), join(dir, 'study/corpus', f));
    const sub = join(dir, 'study/sub');
    mkdirSync(sub);
    expect(await run(['ingest'], sub)).toMatchObject({ code: 0, stderr: '' });
    expect((await run(['code', '--coder', 'auto'], sub)).code).toBe(0);
    const tables = await run(['tables'], sub);
    expect(tables.stdout).toContain('Tables in ../out/tables/');
    expect(readFileSync(join(dir, 'study/out/tables/README.md'), 'utf8')).toContain(
      '- Codings: `../out/codings/auto.csv`',
    );
    expect(existsSync(join(dir, 'study/out/segments.csv'))).toBe(true);
  });

  it('never overwrites: a second init in the same folder is refused', async () => {
    const dir = tempDir();
    expect((await run(['init'], dir)).code).toBe(0);
    const again = await run(['init'], dir);
    expect(again).toMatchObject({
      code: 1,
      stderr: `llo: error: ${join('.', 'llo.project.yaml')}: this folder is a study already\n`,
    });
  });
});

describe('llo init inside a study', () => {
  it('is refused with one line naming the outer project file, and nothing written; --nested creates it', async () => {
    const dir = tempDir();
    expect((await run(['init', 'study'], dir)).code).toBe(0);
    const notes = join(dir, 'study/notes');
    mkdirSync(notes);
    const refused = await run(['init', 'pilot'], notes);
    expect(refused).toMatchObject({
      code: 1,
      stderr:
        'llo: error: ../llo.project.yaml: pilot is inside the study of this project file; a study there would take over from it for every command run inside pilot (give --nested to create one anyway)\n',
    });
    expect(existsSync(join(notes, 'pilot'))).toBe(false);
    // The outer study still governs its subfolders.
    expect((await findProject(notes)).file).toBe('../llo.project.yaml');
    expect((await run(['init', 'pilot', '--nested'], notes)).code).toBe(0);
    expect((await findProject(join(notes, 'pilot'))).file).toBe('llo.project.yaml');
  });
});

describe('llo tables writes only what it owns', () => {
  const setup = () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out/codings'), { recursive: true });
    cpSync(join(ROOT, 'out/segments.csv'), join(dir, 'out/segments.csv'));
    cpSync(join(ROOT, 'out/codings/auto.csv'), join(dir, 'out/codings/coder-a.csv'));
    mkdirSync(join(dir, 'thesis'));
    writeFileSync(join(dir, 'thesis/notes.md'), 'my notes\n');
    writeFileSync(join(dir, 'thesis/data.csv'), 'a,b\n');
    return dir;
  };
  const args = (dir: string, out: string) => [
    'tables',
    join(dir, 'out/codings/coder-a.csv'),
    '--segments',
    join(dir, 'out/segments.csv'),
    '--out',
    out,
  ];

  it('refuses an --out that holds its own inputs, and deletes nothing', async () => {
    const dir = setup();
    const r = await run(args(dir, dir));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `llo: error: ${dir}: --out ${dir} holds the input ${join(dir, 'out/codings/coder-a.csv')}; write the output to a folder of its own (e.g. out/tables)\n`,
    );
    for (const f of ['out/segments.csv', 'out/codings/coder-a.csv', 'thesis/notes.md', 'thesis/data.csv'])
      expect(existsSync(join(dir, f)), f).toBe(true);
  });

  it('refuses to overwrite a file it did not write, and removes only its own stale files', async () => {
    const dir = setup();
    const out = join(dir, 'thesis');
    writeFileSync(join(out, 'README.md'), 'my own readme\n');
    const refused = await run(args(dir, out));
    expect(refused.stderr).toBe(
      `llo: error: ${join(out, 'README.md')}: a file that llo did not write would be overwritten (README.md); move it or choose another folder\n`,
    );
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('my own readme\n');
    // Without the collision llo writes beside the user's files; a later run with --by removes only its own.
    rmSync(join(out, 'README.md'));
    expect((await run([...args(dir, out), '--by', 'document'])).code).toBe(0);
    expect(existsSync(join(out, 'by-document'))).toBe(true);
    writeFileSync(join(out, 'by-document/extra.csv'), 'mine\n');
    const again = await run(args(dir, out));
    expect(again.stdout).toMatch(/stale removed/u);
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('my notes\n');
    expect(readFileSync(join(out, 'data.csv'), 'utf8')).toBe('a,b\n');
    expect(readFileSync(join(out, 'by-document/extra.csv'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(out, 'by-document/kst-30012-142/actors.csv'))).toBe(false);
  });

  it('keeps a generated file that was edited by hand after it went stale', async () => {
    const dir = setup();
    const out = join(dir, 'tables');
    expect((await run([...args(dir, out), '--by', 'type'])).code).toBe(0);
    const edited = resolve(out, 'by-type/regeling/actors.md');
    writeFileSync(edited, 'edited by hand\n');
    const r = await run(args(dir, out));
    expect(r.stdout).toContain(
      `Kept ${out}/by-type/regeling/actors.md: no longer generated, but changed since llo wrote it.`,
    );
    expect(readFileSync(edited, 'utf8')).toBe('edited by hand\n');
  });
});
