import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCodebook } from '../codebook/load.js';
import { CODING_COLUMNS } from '../coding/codings.js';
import { SEGMENT_COLUMNS } from '../corpus/segments.js';
import { writeFileAtomic } from '../io/atomic.js';
import { csvRows } from '../io/csv.js';
import type { Codebook } from '../codebook/schema.js';
import type { Segment } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import type { Coding } from '../coding/codings.js';
import { normaliseGuid } from './guid.js';
import { codebookYaml } from './import.js';
import { readQdpx } from './read.js';
import {
  projectToLlo,
  type ImportedDocument,
  type ImportedProject,
  type ImportReport,
  type ImportUnit,
} from './to-llo.js';
import type { ZipLimits } from './zip.js';

/**
 * Agreement straight on REFI-QDA projects: one project with several users, or several projects
 * (typically one export per coder of the same study), turned into exactly what codings-mode
 * agreement takes — a codebook, the segments, and each coder's codings — without writing a file.
 *
 * The sources of the projects are aligned by GUID (a package keeps a source's GUID across its
 * exports), failing that by the path of the plain text, failing that by the source's name; the
 * first of these that pairs every source of every project with the first project's is used, and
 * returned as `alignment`. Aligned sources must hold the same text; the first project's document
 * ids, segments and codebook are the common ones, and the codes of the others are matched by id.
 */

export type Alignment = 'guid' | 'path' | 'name';

export interface ProjectCodings {
  codebook: Codebook;
  /** The common codebook as YAML (what `llo import` would write). */
  codebookText: string;
  segments: Segment[];
  /** Coder → their codings (coder names made unique across projects: "anna (B.qdpx)"). */
  codings: Map<string, Coding[]>;
  documents: string[];
  alignment: Alignment;
  reports: { file: string; report: ImportReport }[];
}

const keys: Record<Alignment, (d: ImportedDocument) => string | undefined> = {
  guid: (d) => normaliseGuid(d.guid),
  path: (d) => d.path,
  name: (d) => d.name || undefined,
};

export async function projectsToCodings(
  files: readonly string[],
  options: { unit?: ImportUnit; limits?: ZipLimits } = {},
): Promise<ProjectCodings> {
  if (files.length === 0)
    throw new LloError('LLO_AGREEMENT_CODERS', 'agreement on projects needs at least one .qdpx file');
  const projects: { file: string; data: ImportedProject }[] = [];
  for (const file of files)
    projects.push({ file, data: projectToLlo(await readQdpx(file, options.limits), options.unit ?? 'segment') });
  const base = projects[0]!;
  const alignment = (['guid', 'path', 'name'] as const).find((a) =>
    projects.every((p) =>
      p.data.documents.every((d) => {
        const k = keys[a](d);
        return k !== undefined && base.data.documents.some((b) => keys[a](b) === k);
      }),
    ),
  );
  if (!alignment)
    throw new LloError(
      'LLO_QDPX_ALIGN',
      `the sources of ${files.join(' and ')} cannot be paired by GUID, text path or name; are they exports of the same project?`,
    );
  const codings = new Map<string, Coding[]>();
  const names = new Map<string, string>();
  for (const p of projects) {
    const idOf = new Map<string, string>();
    for (const d of p.data.documents) {
      const b = base.data.documents.find((x) => keys[alignment](x) === keys[alignment](d))!;
      if (b.text !== d.text)
        throw new LloError(
          'LLO_QDPX_ALIGN',
          `source "${d.name}" holds another text than in ${base.file} (aligned by ${alignment})`,
          {
            file: p.file,
          },
        );
      idOf.set(d.id, b.id);
    }
    const baseSegments = new Set(base.data.segments.map((s) => s.segment));
    for (const coder of p.data.coders) {
      const name = codings.has(coder) && names.get(coder) !== p.file ? `${coder} (${p.file.split('/').pop()!})` : coder;
      names.set(name, p.file);
      const rows = p.data.codings
        .filter((c) => c.coder === coder)
        .map((c) => {
          const document = idOf.get(c.document)!;
          return { ...c, coder: name, document, segment: document + c.segment.slice(c.document.length) };
        });
      const stray = rows.find((r) => !baseSegments.has(r.segment));
      if (stray)
        throw new LloError(
          'LLO_QDPX_ALIGN',
          `segment "${stray.segment}" of ${p.file} is not a segment of ${base.file}; the projects are segmented differently`,
          {
            file: p.file,
          },
        );
      codings.set(name, [...(codings.get(name) ?? []), ...rows]);
    }
    // Codes the other projects add (their own themes) join the common codebook.
    for (const code of p.data.codebook.codes)
      if (!base.data.codebook.codes.some((c) => c['id'] === code['id'])) base.data.codebook.codes.push(code);
  }
  const codebookText = codebookYaml(base.data.codebook, base.file);
  const { codebook } = parseCodebook(codebookText, base.file);
  return {
    codebook,
    codebookText,
    segments: base.data.segments,
    codings,
    documents: base.data.documents.map((d) => d.id),
    alignment,
    reports: projects.map((p) => ({ file: p.file, report: p.data.report })),
  };
}

/** The files codings-mode agreement reads, made from projects in a private temporary folder. */
export interface ProjectAgreementFiles {
  codings: string[];
  segments: string;
  codebook: string;
  alignment: Alignment;
  /** Removes the temporary folder. */
  dispose(): Promise<void>;
}

/**
 * `llo agreement A.qdpx B.qdpx`: the projects' segments, codebook and each coder's codings written
 * as llo files into a temporary folder, so that agreement on projects runs exactly the code (and
 * gives exactly the numbers) agreement on the equivalent codings files does.
 */
export async function projectAgreementFiles(
  files: readonly string[],
  options: { unit?: ImportUnit; limits?: ZipLimits } = {},
): Promise<ProjectAgreementFiles> {
  const project = await projectsToCodings(files, options);
  const dir = await mkdtemp(join(tmpdir(), 'llo-agreement-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const segments = join(dir, 'segments.csv');
    const codebook = join(dir, 'codebook.yaml');
    await writeFileAtomic(segments, csvRows(project.segments, SEGMENT_COLUMNS, true));
    await writeFileAtomic(codebook, project.codebookText);
    const codings: string[] = [];
    for (const [k, rows] of [...project.codings.values()].entries()) {
      const file = join(dir, `coder-${k + 1}.csv`);
      await writeFileAtomic(file, csvRows(rows, CODING_COLUMNS, true));
      codings.push(file);
    }
    return { codings, segments, codebook, alignment: project.alignment, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
