import chalk from 'chalk';
import type { Command } from 'commander';
import { LloError } from '../errors.js';
import { printJson, wholeNumber } from './output.js';
import { DEFAULT_CODEBOOK, DEFAULT_SEGMENTS } from './defaults.js';

interface Options {
  coders?: string;
  segments: string;
  codebook: string;
  documents?: string;
  unit: string;
  data?: string;
  level: string;
  bootstrap?: string;
  seed: string;
  minAlpha?: string;
  gate: string;
  disagreements?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('agreement')
    .summary('intercoder agreement per code and overall, and the disagreements to settle')
    .description(
      "Compares two or more coders' codings: per code, per actor and per paradigm percent agreement, Cohen's κ, Scott's π, " +
        "Krippendorff's α, Gwet's AC1 and Brennan–Prediger's κ (Fleiss' κ with more coders), and overall α over sets of codes (MASI). " +
        'The units are the segments of the documents every compared coder coded; a code absent from a segment is that coder\'s "no". ' +
        'With --data, any reliability data (unit,coder,value) at any level of measurement.',
    )
    .argument('[codings...]', 'codings files, one per coder (or one file with --coders)')
    .option('--coders <list>', 'coders to compare, comma-separated (default: all in the files)')
    .option('-s, --segments <file>', 'the segments file', DEFAULT_SEGMENTS)
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .option('--documents <ids>', 'compare on these documents (comma-separated) instead of those every coder coded')
    .option('-u, --unit <unit>', 'segment, or character for codings with arbitrary spans', 'segment')
    .option('--data <file>', 'reliability data with header unit,coder,value instead of codings')
    .option('--level <level>', 'with --data: nominal, ordinal, interval, ratio or masi', 'nominal')
    .option('--bootstrap <n>', '95% interval for α from n bootstrap replicates (resampling units)')
    .option('--seed <n>', 'seed for --bootstrap', '1')
    .option('--min-alpha <x>', 'exit 2 when α is below x (and, with --bootstrap, report P(α < x))')
    .option('--gate <which>', 'what --min-alpha checks: overall (α over all codes) or each (every code)', 'overall')
    .option('--disagreements <file>', 'write the disagreements as CSV and Markdown (file.csv, file.md)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  llo agreement out/codings/anna.csv out/codings/ben.csv --disagreements out/disagreements\n  llo agreement pilot.csv --coders anna,ben --min-alpha 0.8 --gate each\n  llo agreement --data ratings.csv --level ordinal --bootstrap 2000 --seed 7 --min-alpha 0.667 --json\n\nExit codes: 0 done, 1 error, 2 α below --min-alpha.',
    )
    .action(async (files: string[], opts: Options) => {
      const minimum = opts.minAlpha === undefined ? undefined : number(opts.minAlpha, '--min-alpha', 0, 1);
      const boot =
        opts.bootstrap === undefined
          ? undefined
          : {
              replicates: wholeNumber(opts.bootstrap, '--bootstrap', 1),
              seed: wholeNumber(opts.seed, '--seed', 0),
              ...(minimum !== undefined ? { minimum } : {}),
            };
      if (!['overall', 'each'].includes(opts.gate))
        throw new LloError('LLO_OPTION', `--gate must be overall or each, got "${opts.gate}"`);
      const color = process.stdout.isTTY === true && !process.env['NO_COLOR'];
      const band = (v: number | null, text: string) =>
        !color || v === null ? text : v >= 0.8 ? chalk.green(text) : v >= 0.667 ? chalk.yellow(text) : chalk.red(text);
      const w = (s: string) => process.stdout.write(s);
      const { fixed, textTable } = await import('../tables/render.js');

      if (opts.data) {
        if (files.length > 0) throw new LloError('LLO_OPTION', 'give either codings files or --data, not both');
        if (!['nominal', 'ordinal', 'interval', 'ratio', 'masi'].includes(opts.level))
          throw new LloError(
            'LLO_OPTION',
            `--level must be nominal, ordinal, interval, ratio or masi, got "${opts.level}"`,
          );
        const { runDataAgreement } = await import('../agreement/run.js');
        const r = await runDataAgreement(opts.data, opts.level as 'nominal', boot);
        const alpha = r.coefficients.krippendorff_alpha;
        const failed = minimum !== undefined && (alpha === null || alpha < minimum);
        if (opts.json)
          printJson({ ...r, ...(minimum !== undefined ? { gate: { minAlpha: minimum, passed: !failed } } : {}) });
        else {
          w(
            `${opts.data}: ${r.units} units, ${r.pairableUnits} pairable, ${r.coders.length} coders, ${r.values} values, level ${r.level}\n\n`,
          );
          w(
            textTable(
              ['coefficient', 'value'],
              Object.entries(r.coefficients).map(([k, v]) => [
                k,
                k === 'krippendorff_alpha' ? band(v, fixed(v)) : fixed(v),
              ]),
              ['left', 'right'],
            ),
          );
          for (const [k, reason] of Object.entries(r.undefined)) w(`  n/a ${k}: ${reason}\n`);
          if (r.bootstrap) w(bootstrapLine(r.bootstrap, minimum, fixed));
        }
        if (failed) process.exitCode = 2;
        return;
      }

      if (files.length === 0)
        throw new LloError(
          'LLO_OPTION',
          'give the codings files to compare (or --data FILE); see llo agreement --help',
        );
      if (opts.unit !== 'segment' && opts.unit !== 'character')
        throw new LloError('LLO_OPTION', `--unit must be segment or character, got "${opts.unit}"`);
      const { runCodingsAgreement } = await import('../agreement/run.js');
      const run = await runCodingsAgreement({
        files,
        segments: opts.segments,
        codebook: opts.codebook,
        unit: opts.unit,
        ...(opts.coders
          ? {
              coders: opts.coders
                .split(',')
                .map((c) => c.trim())
                .filter(Boolean),
            }
          : {}),
        ...(opts.documents
          ? {
              documents: opts.documents
                .split(',')
                .map((d) => d.trim())
                .filter(Boolean),
            }
          : {}),
        ...(boot ? { bootstrap: boot } : {}),
        disagreements: opts.disagreements !== undefined,
      });
      const { report } = run;
      const failing =
        minimum === undefined
          ? []
          : opts.gate === 'overall'
            ? report.overall.alphaMasi === null || report.overall.alphaMasi < minimum
              ? ['overall']
              : []
            : report.perCode
                .filter(
                  (c) => c.coefficients.krippendorff_alpha !== null && c.coefficients.krippendorff_alpha < minimum,
                )
                .map((c) => c.variable);

      if (opts.disagreements) {
        const { writeFileAtomic } = await import('../io/atomic.js');
        const { csvRows } = await import('../io/csv.js');
        const { DISAGREEMENT_COLUMNS, disagreementRow, disagreementsMarkdown } =
          await import('../agreement/disagreements.js');
        const base = opts.disagreements.replace(/\.(csv|md)$/u, '');
        await writeFileAtomic(
          `${base}.csv`,
          csvRows(run.disagreements.map(disagreementRow), DISAGREEMENT_COLUMNS, true),
        );
        await writeFileAtomic(`${base}.md`, disagreementsMarkdown(run.disagreements, report.coders));
      }
      if (opts.json) {
        printJson({
          mode: 'codings',
          unit: run.unit,
          documents: run.documents,
          ...report,
          ...(opts.disagreements ? { disagreements: run.disagreements.length } : {}),
          ...(run.bootstrap ? { bootstrap: run.bootstrap } : {}),
          ...(minimum !== undefined
            ? { gate: { minAlpha: minimum, which: opts.gate, passed: failing.length === 0, failing } }
            : {}),
        });
      } else {
        const unitWord = run.unit === 'character' ? 'characters' : 'segments';
        w(
          `Agreement between ${report.coders.join(', ')} on ${report.units} ${unitWord} of ${run.documents.length} document(s); ${report.codedUnits} coded by at least one coder.\n`,
        );
        w(
          `Units: the ${unitWord} of the documents every coder coded; a code absent from a unit is that coder's "no".\n\n`,
        );
        const two = report.coders.length === 2;
        const headers = two
          ? [
              '',
              'both',
              `only ${report.coders[0]}`,
              `only ${report.coders[1]}`,
              'neither',
              'agree',
              'κ',
              'π',
              'α',
              'AC1',
              'BP',
            ]
          : [
              '',
              ...report.coders.map((_, k) => `yes by ${k}`),
              `yes by ${report.coders.length}`,
              'agree',
              'α',
              'Fleiss κ',
              'AC1',
              'BP',
            ];
        const reasons = new Map<string, string>();
        const row = (v: (typeof report.perCode)[number]) => {
          const c = v.coefficients;
          for (const [k, r] of Object.entries(v.undefined)) if (!reasons.has(r)) reasons.set(r, k);
          const counts =
            'both' in v.counts ? [v.counts.both, v.counts.onlyA, v.counts.onlyB, v.counts.neither] : v.counts.yesBy;
          const stats = two ? [c.percent_agreement, c.cohen_kappa, c.scott_pi] : [c.percent_agreement];
          return [
            v.variable,
            ...counts.map(String),
            ...stats.map((x) => fixed(x)),
            band(c.krippendorff_alpha, fixed(c.krippendorff_alpha)),
            ...(two ? [] : [fixed(c.fleiss_kappa)]),
            fixed(c.gwet_ac1),
            fixed(c.brennan_prediger),
          ];
        };
        const align = headers.map((_, i) => (i === 0 ? 'left' : 'right'));
        for (const [title, list] of [
          ['Per code', report.perCode],
          ['Per actor (the actor got any role)', report.perActor],
          ['Per paradigm (any code of the paradigm)', report.perParadigm],
        ] as const) {
          w(`${title}\n`);
          w(
            textTable(
              [
                title.startsWith('Per code') ? 'code' : title.startsWith('Per actor') ? 'actor' : 'paradigm',
                ...headers.slice(1),
              ],
              list.map(row),
              align,
            ),
          );
          w('\n');
        }
        const o = report.overall;
        w('Overall\n');
        w(`  α over sets of codes (MASI), all ${unitWord}:                 ${band(o.alphaMasi, fixed(o.alphaMasi))}\n`);
        w(
          `  α over sets of codes (MASI), only ${unitWord} someone coded:   ${band(o.alphaMasiCoded, fixed(o.alphaMasiCoded))}   (uncoded text inflates agreement)\n`,
        );
        w(`  ${two ? "Cohen's" : "Fleiss'"} κ, mean over codes:                       ${fixed(o.meanKappa)}\n`);
        w(
          `  ${two ? "Cohen's" : "Fleiss'"} κ, pooled over codes: all ${fixed(o.pooledKappa)}; only coded ${unitWord} ${fixed(o.pooledKappaCoded)}\n`,
        );
        for (const [k, r] of Object.entries(o.reasons)) w(`  n/a ${k}: ${r}\n`);
        if (run.bootstrap) w(bootstrapLine(run.bootstrap, minimum, fixed));
        if (reasons.size > 0) w(`\nn/a means undefined: ${[...reasons.keys()].join('; ')}.\n`);
        w(`α bands (Krippendorff): below 0.667 unreliable, 0.667–0.800 tentative, 0.800 and up reliable.\n`);
        if (opts.disagreements)
          w(
            `${run.disagreements.length} disagreement(s) written to ${opts.disagreements.replace(/\.(csv|md)$/u, '')}.csv and .md\n`,
          );
        if (failing.length > 0) w(`Below --min-alpha ${minimum}: ${failing.join(', ')}\n`);
      }
      if (failing.length > 0) process.exitCode = 2;
    });
}

function bootstrapLine(
  b: {
    replicates: number;
    ci95: [number, number] | null;
    pBelow: number | null;
    undefinedReplicates: number;
    seed: number;
  },
  minimum: number | undefined,
  fixed: (v: number | null) => string,
): string {
  const ci = b.ci95 ? `[${fixed(b.ci95[0])}, ${fixed(b.ci95[1])}]` : 'n/a';
  return `  bootstrap (${b.replicates} replicates, seed ${b.seed}): 95% interval for α ${ci}${minimum !== undefined ? `; P(α < ${minimum}) = ${fixed(b.pBelow)}` : ''}${b.undefinedReplicates ? `; ${b.undefinedReplicates} replicates undefined` : ''}\n`;
}

function number(text: string, option: string, min: number, max: number): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v < min || v > max)
    throw new LloError('LLO_OPTION', `${option} must be a number from ${min} to ${max}, got "${text}"`);
  return v;
}
