import { runCodingsAgreement } from '../agreement/run.js';

/**
 * What the report says about intercoder agreement. The report reaches the agreement core only
 * through `agreementSummary` below, so that a change of that core means changing one function.
 */
export interface VariableSummary {
  /** A code id, or an actor or paradigm id. */
  id: string;
  alpha: number | null;
  /** Cohen's κ with two coders, Fleiss' κ with more. */
  kappa: number | null;
  percent: number | null;
}

export interface AgreementSummary {
  coders: string[];
  /** Documents every compared coder coded: the units come from these. */
  documents: number;
  units: number;
  codedUnits: number;
  /** Krippendorff's α over the sets of codes per segment (MASI distance), all segments and only coded ones. */
  alpha: number | null;
  alphaCoded: number | null;
  meanKappa: number | null;
  pooledKappa: number | null;
  kappaName: string;
  bootstrap?: { replicates: number; seed: number; ci95: [number, number] | null };
  perActor: VariableSummary[];
  perParadigm: VariableSummary[];
  perCode: VariableSummary[];
}

export interface AgreementInput {
  files: string[];
  coders: string[];
  segments: string;
  codebook: string;
  bootstrap?: { replicates: number; seed: number };
}

/** The one adapter between the report and `llo agreement`'s core (segment units). */
export async function agreementSummary(input: AgreementInput): Promise<AgreementSummary> {
  const run = await runCodingsAgreement({
    files: input.files,
    coders: input.coders,
    segments: input.segments,
    codebook: input.codebook,
    unit: 'segment',
    ...(input.bootstrap ? { bootstrap: input.bootstrap } : {}),
  });
  const { report } = run;
  const two = report.coders.length === 2;
  const variable = (v: (typeof report.perCode)[number]): VariableSummary => ({
    id: v.variable.replace(/^(actor|paradigm):/u, ''),
    alpha: v.coefficients.krippendorff_alpha,
    kappa: two ? v.coefficients.cohen_kappa : v.coefficients.fleiss_kappa,
    percent: v.coefficients.percent_agreement,
  });
  return {
    coders: report.coders,
    documents: run.documents.length,
    units: report.units,
    codedUnits: report.codedUnits,
    alpha: report.overall.alphaMasi,
    alphaCoded: report.overall.alphaMasiCoded,
    meanKappa: report.overall.meanKappa,
    pooledKappa: report.overall.pooledKappa,
    kappaName: two ? "Cohen's κ" : "Fleiss' κ",
    ...(run.bootstrap
      ? { bootstrap: { replicates: run.bootstrap.replicates, seed: run.bootstrap.seed, ci95: run.bootstrap.ci95 } }
      : {}),
    perActor: report.perActor.map(variable),
    perParadigm: report.perParadigm.map(variable),
    perCode: report.perCode.map(variable),
  };
}
