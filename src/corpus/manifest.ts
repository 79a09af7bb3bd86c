import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, sep, win32 } from 'node:path';
import { z } from 'zod';
import { LloError } from '../errors.js';
import { fileError } from '../io/file-errors.js';
import { locate, parseYaml, problemsError, readYamlSource, type YamlProblem } from '../io/yaml.js';
import { checkPattern } from '../text/patterns.js';
import { parsePageRanges } from './pages.js';

/** The file formats llo reads, and the file endings that select them. */
export const FORMATS = { pdf: ['.pdf'], xml: ['.xml'], html: ['.html', '.htm'], text: ['.txt', '.text'], markdown: ['.md', '.markdown'] } as const;
export type Format = keyof typeof FORMATS;

const ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
const pattern = z.string().superRefine((p, ctx) => {
  const problem = checkPattern(p);
  if (problem) ctx.addIssue({ code: 'custom', message: `pattern ${JSON.stringify(p)} ${problem}` });
});
const pageRanges = z
  .union([z.string(), z.number().int().positive()])
  .transform((v) => String(v))
  .refine((v) => parsePageRanges(v) !== undefined, { message: 'use page numbers and ranges such as "19-27, 30"' });

const Select = z.strictObject({
  pages: pageRanges.optional(),
  sections: z.array(pattern).min(1).optional(),
  keywords: z.array(pattern).min(1).optional(),
  radius: z.number().int().min(0).max(50).optional(),
});

const Entry = z.strictObject({
  id: z.string().regex(ID, 'use letters, digits, ".", "_" or "-" (it becomes part of every segment id)'),
  file: z.string().min(1),
  title: z.string().optional(),
  type: z.string().optional(),
  date: z
    .union([z.string(), z.number()])
    .transform(String)
    .superRefine((d, ctx) => {
      if (!isCalendarDate(d)) ctx.addIssue({ code: 'custom', message: `use a real calendar date, YYYY-MM-DD (or YYYY-MM, YYYY); got "${d}"` });
    })
    .optional(),
  dossier: z.union([z.string(), z.number()]).transform(String).optional(),
  identifier: z.string().optional(),
  cite: z.string().optional(),
  source: z.string().optional(),
  format: z.enum(Object.keys(FORMATS) as [Format, ...Format[]]).optional(),
  paragraphs: z.enum(['blank-lines', 'lines', 'wrapped']).optional(),
  select: Select.optional(),
  notes: z.string().optional(),
});

const Manifest = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  // Without a list, every file of a supported format in the folder is a document (as without a manifest).
  documents: z.array(Entry).min(1, 'the corpus lists no documents').optional(),
});

export type Selection = z.infer<typeof Select>;
export type CorpusEntry = z.infer<typeof Entry> & { format: Format; path: string };

export interface Corpus {
  dir: string;
  /** The manifest file, if the corpus has one. */
  manifest?: string;
  name?: string;
  documents: CorpusEntry[];
}

export const MANIFEST_NAME = 'corpus.yaml';

export interface OpenOptions {
  /**
   * Read documents outside the corpus folder (a `../` path, or a symbolic link that leads out).
   * Off by default: a manifest from someone else must not make llo read `../../etc/passwd`.
   */
  allowOutside?: boolean;
}

/**
 * Opens a corpus folder: its `corpus.yaml` if there is one, otherwise every file of a supported
 * format in the folder (not below it), each with its file name (without extension) as id.
 */
export async function openCorpus(dir: string, options: OpenOptions = {}): Promise<Corpus> {
  const info = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new LloError('LLO_NOT_FOUND', 'no such corpus folder or manifest', { file: dir });
    throw fileError(err, dir, 'reading', 'corpus');
  });
  if (info.isFile()) return loadManifest(dir, options);
  const manifest = join(dir, MANIFEST_NAME);
  if (await stat(manifest).then((s) => s.isFile(), () => false)) return loadManifest(manifest, options);
  return { dir, documents: await folderDocuments(dir, options) };
}

/** Every file of a supported format in a folder (not below it), each with its file name (without extension) as id. */
async function folderDocuments(dir: string, options: OpenOptions): Promise<CorpusEntry[]> {
  const names = (
    await readdir(dir).catch((err: unknown) => {
      throw fileError(err, dir, 'reading', 'corpus folder');
    })
  ).sort();
  const root = await realpath(dir);
  const documents: CorpusEntry[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const format = formatOf(name);
    if (!format || name.startsWith('.')) continue;
    const id = basename(name, extname(name)).replace(/[^\p{L}\p{N}._-]+/gu, '-');
    const other = seen.get(id);
    if (other) throw new LloError('LLO_DUPLICATE_ID', `documents ${other} and ${name} would both get the id "${id}"; add a ${MANIFEST_NAME} to name them`, { file: join(dir, name) });
    seen.set(id, name);
    const path = join(dir, name);
    const problem = await checkPath(root, path, options);
    if (problem === MISSING || problem === NOT_A_FILE) continue;
    if (problem) throw new LloError('LLO_OUTSIDE', problem, { file: path });
    documents.push({ id, file: name, format, path });
  }
  if (documents.length === 0) throw new LloError('LLO_EMPTY_CORPUS', `no documents in a supported format (${Object.values(FORMATS).flat().join(' ')})`, { file: dir });
  return documents;
}

export async function loadManifest(file: string, options: OpenOptions = {}): Promise<Corpus> {
  const source = await readYamlSource(file, 'corpus manifest');
  // A manifest of comments only (as `llo init` writes it) lists nothing: the folder's files are the corpus.
  const { value, document, lineCounter } = parseYaml(
    source.split('\n').every((l) => /^\s*(#.*)?$/u.test(l)) ? '{}' : source,
    file,
    Manifest,
    'corpus manifest',
  );
  const dir = join(file, '..');
  if (!value.documents) {
    return { dir, manifest: file, ...(value.name ? { name: value.name } : {}), documents: await folderDocuments(dir, options) };
  }
  const root = await realpath(dir);
  const problems: YamlProblem[] = [];
  const seen = new Set<string>();
  const documents: CorpusEntry[] = [];
  for (const [i, entry] of value.documents.entries()) {
    if (seen.has(entry.id)) problems.push(locate(document, lineCounter, ['documents', i, 'id'], `duplicate document id "${entry.id}"`));
    seen.add(entry.id);
    const format = entry.format ?? formatOf(entry.file);
    if (!format) {
      problems.push(locate(document, lineCounter, ['documents', i, 'file'], `unknown file type "${extname(entry.file)}": use ${Object.values(FORMATS).flat().join(' ')}, or set format`));
      continue;
    }
    const at = (message: string) => problems.push(locate(document, lineCounter, ['documents', i, 'file'], message));
    if (isAbsolute(entry.file) || win32.isAbsolute(entry.file)) {
      at(`absolute path "${entry.file}": write the path relative to the manifest's folder`);
      continue;
    }
    const path = join(dir, entry.file);
    const problem = await checkPath(root, path, options);
    if (problem === MISSING) at(`file not found: ${relative(process.cwd(), path) || path}`);
    else if (problem === NOT_A_FILE) at(`not a file (a folder?): ${relative(process.cwd(), path) || path}`);
    else if (problem) at(problem);
    else documents.push({ ...entry, format, path });
  }
  if (problems.length > 0) throw problemsError('LLO_MANIFEST', file, 'corpus manifest', problems);
  return { dir, manifest: file, ...(value.name ? { name: value.name } : {}), documents };
}

const MISSING = 'missing';
const NOT_A_FILE = 'not a file';

/**
 * Why a document path may not be read, or undefined when it may: it must be a file, and its real
 * location (symbolic links followed) must lie inside the corpus folder unless allowOutside.
 */
async function checkPath(root: string, path: string, options: OpenOptions): Promise<string | undefined> {
  let real: string;
  try {
    real = await realpath(path);
    if (!(await stat(real)).isFile()) return NOT_A_FILE;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return MISSING;
    return fileError(err, path).message;
  }
  if (options.allowOutside || real.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  return `outside the corpus folder: ${path} leads to ${real}; llo reads only files inside the corpus folder (--allow-outside permits it)`;
}

/** YYYY, YYYY-MM or YYYY-MM-DD, and a day that exists in that month (no 2021-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && day >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function formatOf(name: string): Format | undefined {
  const ext = extname(name).toLowerCase();
  return (Object.keys(FORMATS) as Format[]).find((f) => (FORMATS[f] as readonly string[]).includes(ext));
}
