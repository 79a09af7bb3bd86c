import chalk from 'chalk';
import { Option, type Command } from 'commander';
import { GATE_ON, GATE_WHICH, type GateOn, type GateWhich } from '../agreement/gate.js';
import { LEVELS, type Level } from '../agreement/krippendorff-alpha.js';
import { renderAgreement, type Paint } from '../agreement/render.js';
import { runAgreement } from '../agreement/run.js';
import { EXCEL_OPTION_HELP } from '../io/people-csv.js';
import { codebookOption, jsonOption, list, numberIn, segmentsOption, wholeNumber } from './options.js';
import { printJson } from './output.js';

interface Options {
  coders?: string[];
  segments?: string;
  codebook?: string;
  documents?: string[];
  unit: 'segment' | 'character';
  data?: string;
  level: Level;
  bootstrap?: number;
  seed: number;
  minAlpha?: number;
  gate: GateWhich;
  gateOn: GateOn;
  disagreements?: string;
  excel?: boolean;
  json?: boolean;
}

const choice = (flags: string, help: string, values: readonly string[], fallback: string) =>
  new Option(flags, help).choices(values).default(fallback);
const OPTIONS = [
  new Option('--coders <list>', 'coders to compare, comma-separated (default: all in the files)').argParser(list),
  segmentsOption(),
  codebookOption(),
  new Option('--documents <ids>', 'compare on these documents (comma-separated), not those all coded').argParser(list),
  choice('-u, --unit <unit>', 'character: codings with arbitrary spans', ['segment', 'character'], 'segment'),
  new Option('--data <file>', 'reliability data with header unit,coder,value instead of codings').conflicts([
    'coders',
    'documents',
    'unit',
    'disagreements',
    'excel',
    'gate',
    'gateOn',
  ]),
  choice('--level <level>', 'with --data: how values compare (masi: sets; README)', LEVELS, 'nominal'),
  new Option('--bootstrap <n>', '95% interval for α from n bootstrap replicates (resampling units)').argParser(
    wholeNumber(1),
  ),
  new Option('--seed <n>', 'seed for --bootstrap').argParser(wholeNumber(0)).default(1),
  new Option('--min-alpha <x>', 'exit 2 when α is below x (with --bootstrap: report P(α < x))').argParser(
    numberIn(0, 1),
  ),
  choice('--gate <which>', 'what --min-alpha checks: the overall α, or each code', GATE_WHICH, 'overall'),
  choice('--gate-on <units>', 'α over all segments or only those someone coded (README)', GATE_ON, 'all'),
  new Option('--disagreements <file>', 'write the disagreements as CSV and Markdown (file.csv, file.md)'),
  new Option('--excel', `with --disagreements: ${EXCEL_OPTION_HELP}`),
  jsonOption(),
];

export function register(program: Command): void {
  const command = program
    .command('agreement')
    .summary('intercoder agreement per code and overall, and the disagreements to settle')
    .description(
      "Compares two or more coders' codings: per code, per actor and per paradigm percent agreement, Cohen's κ, Scott's π, " +
        "Krippendorff's α, Gwet's AC1 and Brennan–Prediger's κ (Fleiss' κ with more coders), and overall α over sets of codes (MASI). " +
        'The units are the segments of the documents every compared coder coded; a code absent from a segment is that coder\'s "no". ' +
        'With --data, any reliability data (unit,coder,value) at any level of measurement.',
    )
    .argument(
      '[codings...]',
      'codings files, one per coder (or one file with --coders); or REFI-QDA projects (.qdpx): one per coder, or one with several users',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  llo agreement out/codings/anna.csv out/codings/ben.csv --disagreements out/disagreements\n  llo agreement pilot.csv --coders anna,ben --min-alpha 0.8 --gate each --gate-on coded\n  llo agreement --data ratings.csv --level ordinal --bootstrap 2000 --seed 7 --min-alpha 0.667 --json\n  llo agreement anna.qdpx ben.qdpx --json\n\nExit codes: 0 done, 1 error, 2 α below --min-alpha.',
    );
  for (const option of OPTIONS) command.addOption(option);
  command.action(async (files: string[], opts: Options) => {
    const { bootstrap: replicates, seed, ...rest } = opts;
    const result = await runAgreement({ ...rest, files, ...(replicates ? { bootstrap: { replicates, seed } } : {}) });
    const color = process.stdout.isTTY === true && !process.env['NO_COLOR'];
    const paint: Paint = (v, text) =>
      !color || v === null ? text : v >= 0.8 ? chalk.green(text) : v >= 0.667 ? chalk.yellow(text) : chalk.red(text);
    if (opts.json) printJson(result.json);
    // The report's data-derived text is already made terminal-safe; the colours are llo's own.
    else process.stdout.write(renderAgreement(result, paint));
    if (result.gate && !result.gate.passed) process.exitCode = 2;
  });
}
