import { Option, type Command } from 'commander';
import { LloError } from '../errors.js';
import { EXCEL_OPTION_HELP } from '../io/people-csv.js';
import { runTables, type ByAttribute } from '../tables/run.js';
import { checkTables, writeTables } from '../tables/write.js';
import { Workspace } from '../workspace/index.js';
import { codebookOption, segmentsOption } from './options.js';
import { plural, say } from './output.js';

interface Options {
  coder: string;
  codebook?: string;
  segments?: string;
  corpus?: string;
  out?: string;
  by?: ByAttribute;
  check?: boolean;
  excel?: boolean;
}

export function register(program: Command): void {
  program
    .command('tables')
    .summary('role-dominance tables, paradigm profiles and charts')
    .description(
      'Counts coded segments per actor, role and paradigm and writes the tables (CSV and Markdown), SVG charts and ' +
        'a README.md to read first. With --check, regenerates them in memory and exits 1 with a diff when the files ' +
        "on disk are out of date. llo removes only stale files it wrote itself (listed in the folder's .llo-files).",
    )
    .argument('[codings...]', 'codings file(s) (default: <out>/codings/<coder>.csv)')
    .option('-c, --coder <name>', 'the coder whose codings to count, when no files are given', 'auto')
    .addOption(codebookOption())
    .addOption(segmentsOption())
    .option('--corpus <dir>', "the corpus, for --by type|year (default: the study's, else corpus)")
    .option('-o, --out <dir>', 'folder for the tables (default: <out>/tables)')
    .addOption(
      new Option('--by <attribute>', 'also split every table by document type, year or document').choices([
        'type',
        'year',
        'document',
      ]),
    )
    .option('--excel', `the CSVs for Excel: ${EXCEL_OPTION_HELP.replace(/^CSV for Excel: /u, '')}`)
    .option(
      '--check',
      'do not write: exit 1 with a diff if the tables on disk are out of date (as written with or without --excel)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  llo tables\n  llo tables --coder consensus --by type\n  llo tables out/codings/anna.csv out/codings/ben.csv --out out/tables-pilot\n  llo tables --excel          # CSVs that Excel in a Dutch locale opens by a double click\n  llo tables --check          # in CI',
    )
    .action(async (files: string[], opts: Options) => {
      const ws = await Workspace.open(opts);
      const out = opts.out ?? ws.tablesDir;
      const codings = files.length > 0 ? files : [ws.codingsFile(opts.coder)];
      const tables = await runTables(ws, {
        codings,
        out,
        ...(opts.by ? { by: opts.by } : {}),
        excel: opts.excel === true,
      });
      if (opts.check) {
        const problems = await checkTables(out, tables);
        if (problems.length > 0) {
          say(problems.join('\n'));
          throw new LloError(
            'LLO_TABLES_OUTDATED',
            `the tables are out of date (${plural(problems.length, 'file')} differ); run \`llo tables\` and commit the result`,
            { file: out },
          );
        }
        return say(`${out}: up to date (${plural(tables.size, 'file')})\n`);
      }
      const result = await writeTables(out, tables);
      say(
        `Tables in ${out}/ (${plural(result.written, 'file')} written, ${result.unchanged} unchanged` +
          `${result.removed.length ? `, ${result.removed.length} stale removed` : ''}); read ${out}/README.md first.\n`,
      );
      for (const path of result.kept)
        say(`Kept ${out}/${path}: no longer generated, but changed since llo wrote it.\n`);
    });
}
