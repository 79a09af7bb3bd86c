import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { printError } from './output.js';

/**
 * The llo program. Each command lives in its own module and is imported only when it runs, so
 * `llo --help` does not load the PDF library or the statistics.
 */
interface CommandModule {
  register(program: Command): void;
}
const COMMANDS: (() => Promise<CommandModule>)[] = [
  () => import('./ingest.js'),
  () => import('./code.js'),
  () => import('./codebook.js'),
  () => import('./codings.js'),
  () => import('./evaluate.js'),
  () => import('./tables.js'),
  () => import('./agreement.js'),
  () => import('./reconcile.js'),
  () => import('./suggest.js'),
  () => import('./fetch.js'),
  () => import('./quotes.js'),
  () => import('./report.js'),
  () => import('./export-xlsx.js'),
];

/** The version in package.json, the one place it is set. */
export const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('llo')
    .description('Qualitative coding of policy documents: which roles and tasks does policy hand to which actor?')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Examples:
  llo ingest corpus                      cut the bundled corpus into segments (out/segments.csv)
  llo ingest corpus --unit sentence      the same, one segment per sentence
  llo code corpus --coder auto           code every segment with codebooks/llo.yaml (out/codings/auto.csv)
  llo codebook validate                  check the codebook, with line:column for every problem
  llo codings validate out/codings/auto.csv
  llo evaluate corpus/reference/reference-heldout.csv
  llo tables                             role-dominance tables and charts (out/tables/README.md)
  llo agreement a.csv b.csv              intercoder agreement and the disagreements to settle
  llo code corpus --interactive --coder anna    code by hand, with suggestions
  llo reconcile a.csv b.csv --out c.csv --interactive   settle the disagreements
  llo suggest --actor burgers            phrases around actors that no role code covers yet
  llo fetch kst-30012-142                download an official publication into corpus/ and corpus.yaml
  llo quotes --code overheid.faciliteren-stimuleren   every coded segment, cited with its page
  llo report --out report.html           one page with tables, charts, quotes and agreement
  llo export xlsx --out out/llo.xlsx     the tables, codings and segments as an Excel workbook

Files: segments.csv and codings are UTF-8 CSV with LF line ends; see README.md for their columns.
Exit codes: 0 success, 1 error (one line naming the file and place), 2 below an agreement threshold.`,
  );
  for (const load of COMMANDS) (await load()).register(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    printError(err);
    return 1;
  }
}
