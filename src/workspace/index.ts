import { loadCodebook, type LoadedCodebook } from '../codebook/load.js';
import type { Unit } from '../corpus/segments.js';
import { openCodings, type CodingsSet } from './codings.js';
import { findProject, type Project } from './project.js';
import { openSegments, type SegmentSet } from './segments.js';

export { findProject, PROJECT_FILE, BUNDLED_CODEBOOK, type Project } from './project.js';
export { openSegments, type SegmentSet, type SegmentInfo } from './segments.js';
export { openCodings, type CodingsSet, type FiledCoding } from './codings.js';
export { invalidCodings } from '../coding/validate.js';

/** Paths a command may be given; whatever is not given comes from the study (or the default layout). */
export interface WorkspaceOptions {
  corpus?: string;
  codebook?: string;
  segments?: string;
  unit?: Unit;
}

/**
 * One workspace for every command: the study's paths with the command's flags laid over them,
 * and the project's files opened and validated once — the codebook (with its source text, for
 * worker threads), the segments (one index, one document order) and codings (checked against
 * both, refused in one error format). Commands hand the plain data to their core `run*` function.
 */
export class Workspace {
  private codebookPromise?: Promise<LoadedCodebook>;
  private segmentPromises = new Map<string, Promise<SegmentSet>>();

  private constructor(
    readonly project: Project,
    readonly corpus: string,
    readonly codebookFile: string,
    readonly segmentsFile: string,
    readonly unit: Unit,
  ) {}

  static async open(options: WorkspaceOptions = {}, cwd = process.cwd()): Promise<Workspace> {
    const project = await findProject(cwd);
    return new Workspace(
      project,
      options.corpus ?? project.corpus,
      options.codebook ?? project.codebook,
      options.segments ?? join(project.out, 'segments.csv'),
      options.unit ?? project.unit,
    );
  }

  /** The codings file of a coder: `<out>/codings/<coder>.csv`. */
  codingsFile(coder: string): string {
    return join(this.project.out, 'codings', `${coder}.csv`);
  }

  /** The tables folder: `<out>/tables`. */
  get tablesDir(): string {
    return join(this.project.out, 'tables');
  }

  codebook(): Promise<LoadedCodebook> {
    return (this.codebookPromise ??= loadCodebook(this.codebookFile));
  }

  segments(options: { text?: boolean } = {}): Promise<SegmentSet> {
    const key = options.text === false ? 'no-text' : 'text';
    let p = this.segmentPromises.get(key);
    if (!p) this.segmentPromises.set(key, (p = openSegments(this.segmentsFile, options)));
    return p;
  }

  /** Codings files read and validated against this workspace's codebook and segments. */
  async codings(
    files: readonly string[],
    options: { checkTextChanges?: boolean; limit?: number } = {},
  ): Promise<CodingsSet> {
    return openCodings(
      files,
      async () => ({ codebook: (await this.codebook()).codebook, segments: await this.segments({ text: false }) }),
      options,
    );
  }
}

/** Joins with "/" and keeps "." out of the result, so printed paths read as typed (out/segments.csv). */
function join(dir: string, ...parts: string[]): string {
  return [dir === '.' ? '' : dir.replace(/\/+$/u, ''), ...parts].filter((p) => p !== '').join('/');
}
