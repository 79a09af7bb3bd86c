import { createHash } from 'node:crypto';
import { readFile, rm, rmdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { LloError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { fileError } from './file-errors.js';

/**
 * A folder of generated files (the tables, a report's assets) that llo may rewrite and tidy without
 * ever touching anything it did not write. Its manifest, `.llo-files`, lists every file llo wrote
 * there with the SHA-256 of the content it wrote (`<hash>  <path>`, as sha256sum prints). A file
 * is llo's to overwrite or remove only when it is listed — and to remove only while it still holds
 * what llo wrote; a file llo did not write is never overwritten: the run is refused instead.
 *
 * Crash safety: before any file is written the manifest is widened to the old and the new entries,
 * so a run killed half-way leaves a folder whose every file is still accounted for.
 */
export const MANIFEST = '.llo-files';

type Manifest = Map<string, Set<string>>;

function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw fileError(err, path);
  });
}

async function readManifest(dir: string): Promise<Manifest> {
  const manifest: Manifest = new Map();
  const text = await readText(join(dir, MANIFEST));
  for (const line of (text ?? '').split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/u.exec(line);
    if (!m) continue;
    let hashes = manifest.get(m[2]!);
    if (!hashes) manifest.set(m[2]!, (hashes = new Set()));
    hashes.add(m[1]!);
  }
  return manifest;
}

function manifestText(manifest: Manifest): string {
  const lines: string[] = [];
  for (const path of [...manifest.keys()].sort())
    for (const hash of [...manifest.get(path)!].sort()) lines.push(`${hash}  ${path}`);
  return lines.join('\n') + (lines.length > 0 ? '\n' : '');
}

/** The manifest the folder will hold once `files` are written: part of the output, so `--check` compares it too. */
export function manifestFor(files: ReadonlyMap<string, string>): string {
  return manifestText(new Map([...files].map(([path, content]) => [path, new Set([sha256(content)])])));
}

/**
 * Refuses an output folder that holds one of the command's inputs: rewriting or tidying it could
 * destroy the very files the output is made from.
 */
export function refuseOutputOverInputs(dir: string, inputs: readonly string[], option = '--out'): void {
  const out = resolve(dir);
  for (const input of inputs) {
    const full = resolve(input);
    if (full === out || full.startsWith(out + sep))
      throw new LloError(
        'LLO_OUT_HOLDS_INPUT',
        `${option} ${dir} holds the input ${input}; write the output to a folder of its own (e.g. out/tables)`,
        { file: dir },
      );
  }
}

export interface FolderWrite {
  written: number;
  unchanged: number;
  removed: string[];
  /** Files llo wrote earlier that are not generated any more but were changed since: kept. */
  kept: string[];
}

/** Writes `files` (relative path → content) into `dir`, each atomically and only when changed. */
export async function writeOutputFolder(dir: string, files: ReadonlyMap<string, string>): Promise<FolderWrite> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new LloError('LLO_OUT_NOT_FOLDER', 'is a file, not a folder', { file: dir });
  const old = await readManifest(dir);
  const wanted = new Map([...files].map(([path, content]) => [path, sha256(content)]));
  // A file already there that llo did not write is the user's: refuse before writing anything.
  const foreign: string[] = [];
  for (const [path, hash] of wanted) {
    if (old.has(path)) continue;
    const content = await readText(join(dir, path));
    if (content !== undefined && sha256(content) !== hash) foreign.push(path);
  }
  if (foreign.length > 0)
    throw new LloError(
      'LLO_OUT_FOREIGN_FILE',
      `${foreign.length === 1 ? 'a file' : `${foreign.length} files`} that llo did not write would be overwritten (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); move ${foreign.length === 1 ? 'it' : 'them'} or choose another folder`,
      { file: join(dir, foreign[0]!) },
    );
  const widened: Manifest = new Map([...old].map(([p, h]) => [p, new Set(h)]));
  for (const [path, hash] of wanted) {
    let hashes = widened.get(path);
    if (!hashes) widened.set(path, (hashes = new Set()));
    hashes.add(hash);
  }
  await writeFileAtomic(join(dir, MANIFEST), manifestText(widened));
  let written = 0;
  let unchanged = 0;
  for (const [path, content] of files) {
    if ((await readText(join(dir, path))) === content) unchanged++;
    else {
      await writeFileAtomic(join(dir, path), content);
      written++;
    }
  }
  const removed: string[] = [];
  const kept: string[] = [];
  for (const [path, hashes] of old) {
    if (wanted.has(path)) continue;
    const content = await readText(join(dir, path));
    if (content === undefined) continue;
    if (hashes.has(sha256(content))) {
      await rm(join(dir, path)).catch((err: unknown) => {
        throw fileError(err, join(dir, path), 'writing');
      });
      removed.push(path);
    } else kept.push(path);
  }
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
  await writeFileAtomic(join(dir, MANIFEST), manifestFor(files));
  return { written, unchanged, removed: removed.sort(), kept: kept.sort() };
}

/**
 * Compares a folder with what would be written: a readable difference per file, [] when up to
 * date. Files llo wrote earlier and would now remove are differences too.
 */
export async function checkOutputFolder(
  dir: string,
  files: ReadonlyMap<string, string>,
  diff: (onDisk: string, wanted: string, path: string) => string,
): Promise<string[]> {
  const problems: string[] = [];
  for (const [path, content] of files) {
    const onDisk = await readText(join(dir, path));
    if (onDisk === undefined) problems.push(`missing: ${join(dir, path)}\n`);
    else if (onDisk !== content) problems.push(diff(onDisk, content, join(dir, path)));
  }
  for (const path of (await readManifest(dir)).keys())
    if (!files.has(path) && (await readText(join(dir, path))) !== undefined)
      problems.push(`not generated any more: ${join(dir, path)}\n`);
  const manifest = await readText(join(dir, MANIFEST));
  if (manifest !== manifestFor(files)) problems.push(`out of date: ${join(dir, MANIFEST)}\n`);
  return problems;
}
