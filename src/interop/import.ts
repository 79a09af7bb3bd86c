import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { parseCodebook } from '../codebook/load.js';
import { CODING_COLUMNS } from '../coding/codings.js';
import { openCorpus } from '../corpus/manifest.js';
import { SEGMENT_COLUMNS } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { csvRows } from '../io/csv.js';
import { fileError } from '../io/file-errors.js';
import { qdaToCodebook, type CodebookDraft } from './codebook-map.js';
import { normaliseGuid } from './guid.js';
import type { QdaCode } from './project.js';
import { projectLabel, readQdpx } from './read.js';
import { projectToLlo, type ImportedProject, type ImportReport, type ImportUnit } from './to-llo.js';
import { childNamed, childrenNamed, parseXml, type XmlElement } from './xml.js';
import type { ZipLimits } from './zip.js';
import { QDC_NAMESPACE } from './export.js';

/**
 * `llo import qdpx|qdc FILE --out DIR`: a REFI-QDA project (or codebook) as llo files —
 * DIR/corpus/ (one .txt per document, the normalised text, and corpus.yaml), DIR/codebook.yaml,
 * DIR/segments.csv and DIR/codings/<coder>.csv, ready for `llo agreement`, `llo tables` and
 * `llo code --segments DIR/segments.csv`. Everything is checked and written into a fresh temporary
 * folder beside DIR, which is renamed into place only at the end: a refused project writes nothing.
 */

export interface ImportOptions {
  file: string;
  out: string;
  unit?: ImportUnit;
  limits?: ZipLimits;
}

export interface ImportSummary {
  out: string;
  name: string;
  documents: number;
  segments: number;
  codes: number;
  coders: { coder: string; file: string; codings: number }[];
  report: ImportReport;
}

/** A file name for a coder: letters, digits, ".", "_" and "-" only, unique in the folder. */
function coderFile(coder: string, taken: Set<string>): string {
  const base =
    coder
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^[.-]+/u, '') || 'coder';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
  taken.add(name.toLowerCase());
  return `${name}.csv`;
}

/** Writes into a fresh folder that replaces `out` only when everything is in it. */
async function intoFreshFolder(out: string, write: (dir: string) => Promise<void>): Promise<void> {
  const target = resolve(out);
  const existing = await readdir(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw fileError(err, out, 'writing', 'output folder');
  });
  if (existing && existing.length > 0)
    throw new LloError(
      'LLO_OUTPUT_EXISTS',
      'the output folder exists and is not empty; llo imports into a new folder',
      { file: out },
    );
  await mkdir(dirname(target), { recursive: true }).catch((err: unknown) => {
    throw fileError(err, dirname(out), 'writing', 'output folder');
  });
  const tmp = await mkdtemp(join(dirname(target), `.${basename(target)}.import-`));
  try {
    await write(tmp);
    if (existing) await rm(target, { recursive: false, force: true }).catch(() => undefined);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** The codebook as YAML, validated by llo's own codebook reader before it is written. */
export function codebookYaml(draft: CodebookDraft, file: string): string {
  const text =
    `# Imported from a REFI-QDA file by llo import. Codes marked "origin: theme" are a foreign\n` +
    `# project's codes without an actor role: agreement counts them, the tables by actor do not.\n` +
    stringify(draft, { lineWidth: 0 });
  parseCodebook(text, file);
  return text;
}

export async function writeImported(data: ImportedProject, out: string): Promise<ImportSummary['coders']> {
  const coders: ImportSummary['coders'] = [];
  await intoFreshFolder(out, async (dir) => {
    const corpus = join(dir, 'corpus');
    for (const d of data.documents)
      await writeFileAtomic(join(corpus, `${d.id}.txt`), d.text === '' ? '\n' : `${d.text}\n`);
    const manifest = {
      name: data.name,
      description: `Imported from a REFI-QDA project by llo import; ${data.report.origin ? `made by ${data.report.origin}` : 'origin unknown'}. The segments are in ../segments.csv.`,
      documents: data.documents.map((d) => ({
        id: d.id,
        file: `${d.id}.txt`,
        ...(d.title ? { title: d.title } : {}),
        ...(d.type ? { type: d.type } : {}),
        ...(d.date ? { date: d.date } : {}),
        ...(d.cite ? { cite: d.cite } : {}),
        ...(d.dossier ? { dossier: d.dossier } : {}),
        ...(d.identifier ? { identifier: d.identifier } : {}),
        ...(d.source ? { source: d.source } : {}),
        ...(d.notes ? { notes: d.notes } : {}),
        paragraphs: 'blank-lines',
      })),
    };
    if (data.documents.length > 0) {
      await writeFileAtomic(join(corpus, 'corpus.yaml'), stringify(manifest, { lineWidth: 0 }));
      await openCorpus(corpus); // the manifest must be one llo reads
    }
    await writeFileAtomic(join(dir, 'codebook.yaml'), codebookYaml(data.codebook, join(out, 'codebook.yaml')));
    if (data.documents.length > 0)
      await writeFileAtomic(join(dir, 'segments.csv'), csvRows(data.segments, SEGMENT_COLUMNS, true));
    const taken = new Set<string>();
    for (const coder of data.coders) {
      const rows = data.codings.filter((c) => c.coder === coder);
      const file = coderFile(coder, taken);
      await writeFileAtomic(join(dir, 'codings', file), csvRows(rows, CODING_COLUMNS, true));
      coders.push({ coder, file: join(out, 'codings', file), codings: rows.filter((r) => r.code !== '').length });
    }
  });
  return coders;
}

export async function runImportQdpx(options: ImportOptions): Promise<ImportSummary> {
  const loaded = await readQdpx(options.file, options.limits);
  const data = projectToLlo(loaded, options.unit ?? 'segment');
  const coders = await writeImported(data, options.out);
  return {
    out: options.out,
    name: data.name,
    documents: data.documents.length,
    segments: data.segments.length,
    codes: data.codebook.codes.length,
    coders,
    report: data.report,
  };
}

/** Reads a .qdc (REFI-QDA codebook): root CodeBook in urn:QDA-XML:codebook:1.0, Codes and Sets. */
export async function readQdc(file: string): Promise<CodebookDraft & { themes: string[] }> {
  const info = await stat(file).catch((err: unknown) => {
    throw fileError(err, file, 'reading', 'codebook file');
  });
  if (info.size > 64 * 1024 * 1024)
    throw new LloError('LLO_QDC', `the codebook file is ${info.size} bytes; llo reads at most 64 MiB`, { file });
  const root = parseXml(await readFile(file, 'utf8'), file);
  const fail = (el: XmlElement, message: string): never => {
    throw new LloError('LLO_QDPX_SCHEMA', `not a valid REFI-QDA codebook: ${message}`, {
      file,
      line: el.line,
      column: el.column,
    });
  };
  if (root.name !== 'CodeBook' || root.ns !== QDC_NAMESPACE)
    fail(root, `the root element is <${root.name}> in "${root.ns}", not <CodeBook> in "${QDC_NAMESPACE}"`);
  const codes = childNamed(root, 'Codes') ?? fail(root, '<CodeBook> misses <Codes>');
  const readCode = (el: XmlElement): QdaCode => {
    for (const a of ['guid', 'name', 'isCodable'])
      if (!el.attrs.has(a)) fail(el, `<Code> lacks the required attribute "${a}"`);
    return {
      guid: el.attrs.get('guid')!,
      name: el.attrs.get('name')!,
      isCodable: el.attrs.get('isCodable') === 'true',
      ...(el.attrs.get('color') ? { color: el.attrs.get('color')! } : {}),
      ...(childNamed(el, 'Description') ? { description: childNamed(el, 'Description')!.text } : {}),
      children: childrenNamed(el, 'Code').map(readCode),
    };
  };
  const sets = childrenNamed(childNamed(root, 'Sets') ?? root, 'Set').map((s) => ({
    guid: s.attrs.get('guid') ?? '',
    name: s.attrs.get('name') ?? '',
    ...(childNamed(s, 'Description') ? { description: childNamed(s, 'Description')!.text } : {}),
    codes: childrenNamed(s, 'MemberCode').map((m) => m.attrs.get('guid') ?? m.attrs.get('targetGUID') ?? ''),
    sources: [],
  }));
  const imported = qdaToCodebook(
    childrenNamed(codes, 'Code').map(readCode),
    sets,
    undefined,
    projectLabel(file),
    normaliseGuid,
  );
  return { ...imported.draft, themes: imported.themes };
}

/**
 * What a .qdc cannot hold: REFI-QDA's codebook element has only codes, sets and an `origin`
 * (Codebook.xsd 1.0), no name, version, description or extension. A .qdpx carries these in the
 * project's description; from a .qdc the codebook is named after the file, version 1, language
 * "und", with no description and no stop phrases.
 */
export const QDC_NOT_CARRIED = 'name, version, language, description and stop phrases';

export async function runImportQdc(options: {
  file: string;
  out: string;
}): Promise<{ out: string; codes: number; themes: string[]; name: string; version: string; language: string }> {
  const { themes, ...draft } = await readQdc(options.file);
  await intoFreshFolder(options.out, async (dir) => {
    await writeFileAtomic(join(dir, 'codebook.yaml'), codebookYaml(draft, join(options.out, 'codebook.yaml')));
  });
  const { name, version, language } = draft;
  return { out: options.out, codes: draft.codes.length, themes, name, version, language };
}
