import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { z } from 'zod';
import { LloError } from '../errors.js';
import { locate, parseYaml, problemsError } from '../io/yaml.js';
import { checkPattern } from '../text/patterns.js';

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
  date: z.union([z.string(), z.number()]).transform(String).optional(),
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

/**
 * Opens a corpus folder: its `corpus.yaml` if there is one, otherwise every file of a supported
 * format in the folder (not below it), each with its file name (without extension) as id.
 */
export async function openCorpus(dir: string): Promise<Corpus> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new LloError('LLO_NOT_FOUND', 'no such corpus folder or manifest', { file: dir });
  if (info.isFile()) return loadManifest(dir);
  const manifest = join(dir, MANIFEST_NAME);
  if (await stat(manifest).then((s) => s.isFile(), () => false)) return loadManifest(manifest);
  return { dir, documents: await folderDocuments(dir) };
}

/** Every file of a supported format in a folder (not below it), each with its file name (without extension) as id. */
async function folderDocuments(dir: string): Promise<CorpusEntry[]> {
  const names = (await readdir(dir)).sort();
  const documents: CorpusEntry[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const format = formatOf(name);
    if (!format || name.startsWith('.')) continue;
    const id = basename(name, extname(name)).replace(/[^\p{L}\p{N}._-]+/gu, '-');
    const other = seen.get(id);
    if (other) throw new LloError('LLO_DUPLICATE_ID', `documents ${other} and ${name} would both get the id "${id}"; add a ${MANIFEST_NAME} to name them`, { file: join(dir, name) });
    seen.set(id, name);
    documents.push({ id, file: name, format, path: join(dir, name) });
  }
  if (documents.length === 0) throw new LloError('LLO_EMPTY_CORPUS', `no documents in a supported format (${Object.values(FORMATS).flat().join(' ')})`, { file: dir });
  return documents;
}

export async function loadManifest(file: string): Promise<Corpus> {
  const source = await readFile(file, 'utf8').catch(() => {
    throw new LloError('LLO_NOT_FOUND', 'cannot read the corpus manifest', { file });
  });
  // A manifest of comments only (as `llo init` writes it) lists nothing: the folder's files are the corpus.
  const { value, document, lineCounter } = parseYaml(
    source.split('\n').every((l) => /^\s*(#.*)?$/u.test(l)) ? '{}' : source,
    file,
    Manifest,
    'corpus manifest',
  );
  const dir = join(file, '..');
  if (!value.documents) return { dir, manifest: file, ...(value.name ? { name: value.name } : {}), documents: await folderDocuments(dir) };
  const problems = [];
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
    const path = join(dir, entry.file);
    if (!(await stat(path).then((s) => s.isFile(), () => false))) {
      problems.push(locate(document, lineCounter, ['documents', i, 'file'], `file not found: ${relative(process.cwd(), path) || path}`));
      continue;
    }
    documents.push({ ...entry, format, path });
  }
  if (problems.length > 0) throw problemsError('LLO_MANIFEST', file, 'corpus manifest', problems);
  return { dir, manifest: file, ...(value.name ? { name: value.name } : {}), documents };
}

function formatOf(name: string): Format | undefined {
  const ext = extname(name).toLowerCase();
  return (Object.keys(FORMATS) as Format[]).find((f) => (FORMATS[f] as readonly string[]).includes(ext));
}

/** "19-27, 30" → [[19, 27], [30, 30]]; undefined when malformed. */
export function parsePageRanges(spec: string): [number, number][] | undefined {
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$/u.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return undefined;
    ranges.push([from, to]);
  }
  return ranges;
}
