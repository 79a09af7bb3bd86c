import { createHash } from 'node:crypto';
import { readFile, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { LloError } from '../errors.js';
import { AtomicWriter, writeFileAtomic, type AtomicOptions } from './atomic.js';
import { fileError } from './file-errors.js';

/**
 * A folder of generated files (the tables, a report's assets) that llo may rewrite and tidy without
 * ever touching anything it did not write. Its manifest, `.llo-files`, lists every file llo wrote
 * there with the SHA-256 of the content it wrote (`<hash>  <path>`, as sha256sum prints). A file
 * is llo's to overwrite or remove only when it is listed — and to remove only while it still holds
 * what llo wrote; a file llo did not write is never overwritten: the run is refused instead.
 *
 * Crash safety: every new file is written and flushed to a temporary file before any is renamed
 * into place, and before the renames the manifest is widened to the old and the new entries, so a
 * failed run leaves the previous outputs and a run killed half-way leaves a folder whose every
 * file is still accounted for.
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

/**
 * Writes `files` (relative path → content) into `dir`, only those that changed, all or none: on
 * failure the temporary files are removed and the previous outputs stay as they were.
 * `options.openFile` is for tests of failing disks.
 */
export async function writeOutputFolder(
  dir: string,
  files: ReadonlyMap<string, string>,
  options: AtomicOptions = {},
): Promise<FolderWrite> {
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
  // Two phases, so that a failure (a full disk, a file-size limit) leaves the folder as it was:
  // every changed file is written to its temporary file and flushed first, and only when all are
  // on disk are they renamed. In between, the manifest is widened to the old and the new entries,
  // so a run killed during the renames leaves a folder whose every file is still accounted for;
  // the exact manifest comes last.
  const created = await missingFolders(dir, [...files.keys()]);
  const pending: AtomicWriter[] = [];
  let unchanged = 0;
  try {
    for (const [path, content] of files) {
      if ((await readText(join(dir, path))) === content) {
        unchanged++;
        continue;
      }
      const writer = await AtomicWriter.open(join(dir, path), options);
      pending.push(writer);
      await writer.write(content);
      await writer.seal();
    }
    if (pending.length > 0) await writeFileAtomic(join(dir, MANIFEST), manifestText(widened), options);
    for (const writer of pending) await writer.commit();
  } catch (err) {
    for (const writer of pending) await writer.abort();
    // Folders this run made for its files (a fresh --out, a new --by split) go too; rmdir refuses non-empty ones.
    for (const f of created) await rmdir(f).catch(() => undefined);
    throw err;
  }
  const written = pending.length;
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

/** The folders (`dir` and those of `paths` below it) that do not exist yet, deepest first. */
async function missingFolders(dir: string, paths: readonly string[]): Promise<string[]> {
  const root = resolve(dir);
  const folders = new Set<string>([root]);
  for (const p of paths) for (let f = dirname(join(root, p)); f.length > root.length; f = dirname(f)) folders.add(f);
  const missing: string[] = [];
  for (const f of folders) if ((await stat(f).catch(() => undefined)) === undefined) missing.push(f);
  return missing.sort((a, b) => b.length - a.length);
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
