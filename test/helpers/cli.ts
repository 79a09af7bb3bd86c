import { spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CORPUS = join(ROOT, 'corpus');
export const FIXTURES = join(ROOT, 'test/fixtures');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built llo program (bin/llo.js → dist/) as a user would, without a terminal. */
export function llo(args: readonly string[], cwd = ROOT, input?: string): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/llo.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

// The temp folders this test file made; test/setup.ts removes them when the file is done, so that
// a run of the suite leaves nothing behind in the system's temp folder.
const made: string[] = [];

export function tempDir(prefix = 'llo-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A copy of the bundled corpus in a temp folder, for tests that change it. */
export function copyCorpus(): string {
  const dir = tempDir();
  cpSync(CORPUS, join(dir, 'corpus'), { recursive: true });
  return dir;
}

/** Files in a folder that a test did not expect: temp files left behind by a failed write. */
export function leftovers(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.includes('.tmp')) : [];
}
