import { fixed, textTable } from '../tables/render.js';
import { terminalSafe } from '../text/safe.js';
import type { BootstrapResult } from './bootstrap.js';
import type { AgreementResult, CodingsRun, DataRun } from './run.js';
import { GATE_DEFAULT_REASON, type GateResult } from './gate.js';
import type { VariableAgreement } from './codings-mode.js';

/**
 * The agreement reports as text for a terminal. Names that come from the data (coders, codes, the
 * file name) pass through terminalSafe: a coder called "\x1b]0;…" must not retitle the terminal.
 * `paint` colours an α by Krippendorff's bands (the command decides whether there is colour).
 */
export type Paint = (alpha: number | null, text: string) => string;

const safe = (text: string) => terminalSafe(text, { newlines: false });

/** The report of `llo agreement` in either mode. */
export function renderAgreement(result: AgreementResult, paint: Paint): string {
  if (result.mode === 'data') return renderDataReport(result.file, result.run, result.gate?.minAlpha, paint);
  return renderCodingsReport(
    result.run,
    {
      ...(result.gate ? { gate: result.gate } : {}),
      ...(result.disagreementsBase !== undefined ? { disagreementsBase: result.disagreementsBase } : {}),
      ...(result.projects ? { projects: result.projects } : {}),
    },
    paint,
  );
}

export function renderDataReport(file: string, r: DataRun, minimum: number | undefined, paint: Paint): string {
  const out = [
    `${safe(file)}: ${r.units} units, ${r.pairableUnits} pairable, ${r.coders.length} coders, ${r.values} values, level ${r.level}\n\n`,
    textTable(
      ['coefficient', 'value'],
      Object.entries(r.coefficients).map(([k, v]) => [k, k === 'krippendorff_alpha' ? paint(v, fixed(v)) : fixed(v)]),
      ['left', 'right'],
    ),
  ];
  for (const [k, reason] of Object.entries(r.undefined)) out.push(`  n/a ${k}: ${reason}\n`);
  if (r.bootstrap) out.push(bootstrapLine(r.bootstrap, minimum));
  return out.join('');
}

export function renderCodingsReport(
  run: CodingsRun,
  options: { gate?: GateResult; disagreementsBase?: string; projects?: { files: string[]; alignment: string } },
  paint: Paint,
): string {
  const { report } = run;
  const coders = report.coders.map(safe);
  const unitWord = run.unit === 'character' ? 'characters' : 'segments';
  const p = options.projects;
  const out: string[] = [
    ...(p ? [`Projects: ${p.files.map(safe).join(', ')} (sources paired by ${p.alignment}).\n`] : []),
    `Agreement between ${coders.join(', ')} on ${report.units} ${unitWord} of ${run.documents.length} document(s); ${report.codedUnits} coded by at least one coder.\n`,
    `Units: the ${unitWord} of the documents every coder coded; a code absent from a unit is that coder's "no".\n\n`,
  ];
  const two = coders.length === 2;
  const headers = two
    ? ['', 'both', `only ${coders[0]}`, `only ${coders[1]}`, 'neither', 'agree', 'κ', 'π', 'α', 'AC1', 'BP']
    : ['', ...coders.map((_, k) => `yes by ${k}`), `yes by ${coders.length}`, 'agree', 'α', 'Fleiss κ', 'AC1', 'BP'];
  const reasons = new Map<string, string>();
  const row = (v: VariableAgreement) => {
    const c = v.coefficients;
    for (const [k, r] of Object.entries(v.undefined)) if (!reasons.has(r)) reasons.set(r, k);
    const counts =
      'both' in v.counts ? [v.counts.both, v.counts.onlyA, v.counts.onlyB, v.counts.neither] : v.counts.yesBy;
    const stats = two ? [c.percent_agreement, c.cohen_kappa, c.scott_pi] : [c.percent_agreement];
    return [
      safe(v.variable),
      ...counts.map(String),
      ...stats.map((x) => fixed(x)),
      paint(c.krippendorff_alpha, fixed(c.krippendorff_alpha)),
      ...(two ? [] : [fixed(c.fleiss_kappa)]),
      fixed(c.gwet_ac1),
      fixed(c.brennan_prediger),
    ];
  };
  const align = headers.map((_, i) => (i === 0 ? 'left' : 'right'));
  for (const [title, column, list] of [
    ['Per code', 'code', report.perCode],
    ['Per actor (the actor got any role)', 'actor', report.perActor],
    ['Per paradigm (any code of the paradigm)', 'paradigm', report.perParadigm],
  ] as const)
    out.push(`${title}\n`, textTable([column, ...headers.slice(1)], list.map(row), align), '\n');
  const o = report.overall;
  const kappa = two ? "Cohen's" : "Fleiss'";
  out.push(
    'Overall\n',
    `  α over sets of codes (MASI), all ${unitWord}:                 ${paint(o.alphaMasi, fixed(o.alphaMasi))}\n`,
    `  α over sets of codes (MASI), only ${unitWord} someone coded:   ${paint(o.alphaMasiCoded, fixed(o.alphaMasiCoded))}   (uncoded text inflates agreement)\n`,
    `  ${kappa} κ, mean over codes:                       ${fixed(o.meanKappa)}\n`,
    `  ${kappa} κ, pooled over codes: all ${fixed(o.pooledKappa)}; only coded ${unitWord} ${fixed(o.pooledKappaCoded)}\n`,
  );
  for (const [k, r] of Object.entries(o.reasons)) out.push(`  n/a ${k}: ${r}\n`);
  if (run.bootstrap) out.push(bootstrapLine(run.bootstrap, options.gate?.minAlpha));
  if (reasons.size > 0) out.push(`\nn/a means undefined: ${[...reasons.keys()].join('; ')}.\n`);
  out.push('α bands (Krippendorff): below 0.667 unreliable, 0.667–0.800 tentative, 0.800 and up reliable.\n');
  if (options.disagreementsBase !== undefined)
    out.push(`${run.disagreements.length} disagreement(s) written to ${safe(options.disagreementsBase)}.csv and .md\n`);
  if (options.gate) out.push(gateLine(options.gate, unitWord));
  return out.join('');
}

/** The gate's verdict, what it looked at, and why that is the default. */
export function gateLine(g: GateResult, unitWord = 'segments'): string {
  const what = `${g.which === 'overall' ? 'overall α' : "every code's α"} over ${g.on === 'all' ? `all ${unitWord}` : `the ${unitWord} someone coded`}`;
  const verdict = g.passed ? 'passed' : `failed: ${g.failing.map(safe).join(', ')}`;
  const why = g.on === 'all' ? ` (${GATE_DEFAULT_REASON.replace(/segments/gu, unitWord)})` : '';
  return `Gate --min-alpha ${g.minAlpha} on ${what}: ${verdict}${why}\n`;
}

export function bootstrapLine(b: BootstrapResult, minimum: number | undefined): string {
  const ci = b.ci95 ? `[${fixed(b.ci95[0])}, ${fixed(b.ci95[1])}]` : 'n/a';
  const below = minimum !== undefined ? `; P(α < ${minimum}) = ${fixed(b.pBelow)}` : '';
  const undefinedReplicates = b.undefinedReplicates ? `; ${b.undefinedReplicates} replicates undefined` : '';
  return `  bootstrap (${b.replicates} replicates, seed ${b.seed}): 95% interval for α ${ci}${below}${undefinedReplicates}\n`;
}
