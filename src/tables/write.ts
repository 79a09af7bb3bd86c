import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { lineDiff } from './diff.js';

const GENERATED = /\.(csv|md|svg)$/u;

/** Files below a folder that llo generates (by extension), as paths relative to it. */
async function generatedFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else if (GENERATED.test(e.name)) out.push(relative(dir, join(d, e.name)).split('\\').join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/** Writes the tables (each file atomically, only when it changed) and removes stale generated files. */
export async function writeTables(
  dir: string,
  files: ReadonlyMap<string, string>,
): Promise<{ written: number; unchanged: number; removed: string[] }> {
  let written = 0;
  let unchanged = 0;
  for (const [path, content] of files) {
    const full = join(dir, path);
    if ((await readFile(full, 'utf8').catch(() => undefined)) === content) unchanged++;
    else {
      await writeFileAtomic(full, content);
      written++;
    }
  }
  const removed = (await generatedFiles(dir)).filter((p) => !files.has(p));
  for (const p of removed) await rm(join(dir, p));
  // Folders emptied by the removal (an old --by split) go too, deepest first; rmdir refuses non-empty ones.
  const folders = new Set(
    removed.flatMap((p) =>
      p
        .split('/')
        .slice(0, -1)
        .map((_, k, parts) => parts.slice(0, k + 1).join('/')),
    ),
  );
  for (const f of [...folders].sort((a, b) => b.length - a.length)) await rmdir(join(dir, f)).catch(() => undefined);
  return { written, unchanged, removed };
}

/** Compares the tables on disk with regenerated ones: the differences as a readable diff, or [] when up to date. */
export async function checkTables(dir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const problems: string[] = [];
  for (const [path, content] of files) {
    const onDisk = await readFile(join(dir, path), 'utf8').catch(() => undefined);
    if (onDisk === undefined) problems.push(`missing: ${join(dir, path)}\n`);
    else if (onDisk !== content) problems.push(lineDiff(onDisk, content, join(dir, path)));
  }
  for (const p of await generatedFiles(dir))
    if (!files.has(p)) problems.push(`not generated any more: ${join(dir, p)}\n`);
  return problems;
}
