import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { printError } from './output.js';

/** What a command module gives: its commander command, built on the program. */
export interface CommandModule {
  register(program: Command): void;
}

/**
 * Every command, its one-line summary and how to load it. Only the module of the command that runs
 * is imported, so `llo --help` lists them all without loading the PDF library, the matcher or the
 * statistics; inside a command module imports are static.
 */
type Entry = readonly [name: string, args: string, summary: string, load: () => Promise<CommandModule>];
// One command a line, as a table reads.
// prettier-ignore
const TABLE: readonly Entry[] = [
  ['init', '[dir]', 'create a study folder: project file, corpus, codebook, out', () => import('./init.js')],
  ['ingest', '[corpus]', 'cut documents (PDF, official XML/HTML, text) into citable segments', () => import('./ingest.js')],
  ['code', '[corpus]', 'apply the codebook to every segment, automatically or by hand', () => import('./code.js')],
  ['codebook', '<validate|show> [file]', 'check or show a codebook', () => import('./codebook.js')],
  ['codings', 'validate <file>', 'check a codings file', () => import('./codings.js')],
  ['evaluate', '<reference...>', 'precision, recall and F1 of automatic coding against hand coding', () => import('./evaluate.js')],
  ['tables', '[codings...]', 'role-dominance tables, paradigm profiles and charts', () => import('./tables.js')],
  ['agreement', '[codings...]', 'intercoder agreement per code and overall, and the disagreements to settle', () => import('./agreement.js')],
  ['reconcile', '<a> <b>', "settle two coders' disagreements into a consensus codings file", () => import('./reconcile.js')],
  ['suggest', '[corpus]', 'phrases around actors that no role code covers: candidates for inductive codes', () => import('./suggest.js')],
  ['fetch', '[ids...]', 'download official publications (XML, else PDF) into the corpus and corpus.yaml', () => import('./fetch.js')],
  ['quotes', '[codings...]', 'every coded segment for a code, actor, paradigm or role, with citation and page', () => import('./quotes.js')],
  ['report', '[codings...]', 'one self-contained HTML page: tables, charts, quotes, agreement, a draft methods paragraph', () => import('./report.js')],
  ['export', '<qdpx|qdc|xlsx>', 'the project (.qdpx) or codebook (.qdc) for QDA packages; the tables as an Excel workbook (.xlsx)', () => import('./export.js')],
  ['import', '<qdpx|qdc> <file>', 'a REFI-QDA project or codebook from a QDA package, as llo files', () => import('./import.js')],
];
export const COMMANDS = TABLE.map(([name, args, summary, load]) => ({ name, args, summary, load }));

/** The version in package.json, the one place it is set. */
export const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const EXAMPLES = `
Examples:
  llo init my-study                      create a study folder (then work inside it without flags)
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
Exit codes: 0 success, 1 error (one line naming the file and place), 2 below an agreement threshold.`;

export function createProgram(): Command {
  return (
    new Command('llo')
      .description('Qualitative coding of policy documents: which roles and tasks does policy hand to which actor?')
      .version(VERSION, '-V, --version')
      .showHelpAfterError('(run with --help for usage)')
      .configureHelp({ sortSubcommands: false })
      .exitOverride()
      // Commander's own errors (a wrong option value, a missing argument) read like llo's.
      .configureOutput({ outputError: (text, write) => write(`llo: ${text}`) })
      .addHelpText('after', EXAMPLES)
  );
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  // The first word that is not an option names the command; only that module is loaded. Without
  // one (llo --help, llo --version, a typo) every command is listed by its summary alone.
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  const chosen = COMMANDS.find((c) => c.name === name);
  try {
    if (chosen) (await chosen.load()).register(program);
    else
      for (const c of COMMANDS) program.command(`${c.name} [options]${c.args ? ` ${c.args}` : ''}`).summary(c.summary);
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    printError(err);
    return 1;
  }
}
