import { LloError } from '../errors.js';
import type { BootstrapResult } from './bootstrap.js';
import { bootstrapAlpha } from './bootstrap-alpha.js';
import type { CodingsRun, CodingsRunOptions } from './codings-run.js';
import { analyseData, readReliabilityData, type DataReport } from './data-mode.js';
import { gate, type GateOn, type GateResult, type GateWhich } from './gate.js';
import { prepareAlpha, type Level } from './krippendorff-alpha.js';

export type { CodingsRun, CodingsRunOptions } from './codings-run.js';

/** Codings mode (see codings-run.ts), loaded only when used: data mode starts faster without it. */
export async function runCodingsAgreement(options: CodingsRunOptions): Promise<CodingsRun> {
  return (await import('./codings-run.js')).runCodingsAgreement(options);
}

export interface BootstrapOptions {
  replicates: number;
  seed: number;
}

export interface DataRun extends DataReport {
  bootstrap?: BootstrapResult;
}

/** Data mode: agreement on any reliability data in `unit,coder,value` form. */
export async function runDataAgreement(
  file: string,
  level: Level,
  boot?: BootstrapOptions & { minimum?: number },
): Promise<DataRun> {
  const { report, counts } = analyseData(await readReliabilityData(file), level, file);
  const run: DataRun = report;
  if (boot) {
    run.bootstrap = await bootstrapAlpha(counts, level, prepareAlpha(counts, level), boot);
  }
  return run;
}

export interface AgreementOptions extends Omit<CodingsRunOptions, 'bootstrap' | 'disagreements'> {
  /** Reliability data instead of codings. */
  data?: string;
  level: Level;
  bootstrap?: BootstrapOptions;
  minAlpha?: number;
  gate: GateWhich;
  gateOn: GateOn;
  /** Write the disagreements to `<base>.csv` and `<base>.md`. */
  disagreements?: string;
  /** Write the disagreements' CSV for Excel in a comma-decimal locale (io/people-csv.ts). */
  excel?: boolean;
}

export type AgreementResult =
  | { mode: 'data'; file: string; run: DataRun; gate?: { minAlpha: number; passed: boolean }; json: object }
  | {
      mode: 'codings';
      run: CodingsRun;
      gate?: GateResult;
      disagreementsBase?: string;
      /** Agreement straight on REFI-QDA projects: which, and how their sources were paired. */
      projects?: { files: string[]; alignment: 'guid' | 'path' | 'name' };
      json: object;
    };

/**
 * `llo agreement` as one call: either mode, the bootstrap, the gate and the disagreement files;
 * returns the results and the JSON the command prints.
 */
export async function runAgreement(o: AgreementOptions): Promise<AgreementResult> {
  const boot = o.bootstrap && { ...o.bootstrap, ...(o.minAlpha !== undefined ? { minimum: o.minAlpha } : {}) };
  if (o.data !== undefined) {
    if (o.files.length > 0) throw new LloError('LLO_OPTION', 'give either codings files or --data, not both');
    const run = await runDataAgreement(o.data, o.level, boot);
    const alpha = run.coefficients.krippendorff_alpha;
    const g =
      o.minAlpha === undefined ? undefined : { minAlpha: o.minAlpha, passed: alpha !== null && alpha >= o.minAlpha };
    return { mode: 'data', file: o.data, run, ...(g ? { gate: g } : {}), json: { ...run, ...(g ? { gate: g } : {}) } };
  }
  if (o.excel && o.disagreements === undefined)
    throw new LloError('LLO_OPTION', '--excel is for the disagreements file: give --disagreements FILE too');
  if (o.files.length === 0)
    throw new LloError('LLO_OPTION', 'give the codings files to compare (or --data FILE); see llo agreement --help');
  const projects = o.files.filter((f) => /\.qdpx$/iu.test(f));
  if (projects.length > 0 && projects.length < o.files.length)
    throw new LloError('LLO_OPTION', 'give either REFI-QDA projects (.qdpx) or codings files, not both');
  if (projects.length > 0) {
    if (o.segments !== undefined || o.codebook !== undefined)
      throw new LloError(
        'LLO_OPTION',
        'a .qdpx project holds its own segments and codebook: leave out --segments and --codebook',
      );
    const { projectAgreementFiles } = await import('../interop/agreement.js');
    const input = await projectAgreementFiles(projects, { unit: o.unit });
    try {
      const result = await runAgreement({
        ...o,
        files: input.codings,
        segments: input.segments,
        codebook: input.codebook,
      });
      if (result.mode === 'codings') {
        result.projects = { files: projects, alignment: input.alignment };
        result.json = { ...result.json, projects: result.projects };
      }
      return result;
    } finally {
      await input.dispose();
    }
  }
  const run = await runCodingsAgreement({
    files: o.files,
    ...(o.segments !== undefined ? { segments: o.segments } : {}),
    ...(o.codebook !== undefined ? { codebook: o.codebook } : {}),
    unit: o.unit,
    ...(o.coders ? { coders: o.coders } : {}),
    ...(o.documents ? { documents: o.documents } : {}),
    ...(boot ? { bootstrap: boot } : {}),
    disagreements: o.disagreements !== undefined,
  });
  const base = o.disagreements?.replace(/\.(csv|md)$/u, '');
  if (base !== undefined)
    await (await import('./codings-run.js')).writeDisagreements(base, run, { excel: o.excel === true });
  const g = o.minAlpha === undefined ? undefined : gate(run.report, o.minAlpha, o.gate, o.gateOn);
  const json = {
    mode: 'codings',
    unit: run.unit,
    documents: run.documents,
    ...run.report,
    ...(base !== undefined ? { disagreements: run.disagreements.length } : {}),
    ...(run.bootstrap ? { bootstrap: run.bootstrap } : {}),
    ...(g ? { gate: g } : {}),
  };
  return {
    mode: 'codings',
    run,
    ...(g ? { gate: g } : {}),
    ...(base !== undefined ? { disagreementsBase: base } : {}),
    json,
  };
}
