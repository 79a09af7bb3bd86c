import type { Command } from 'commander';
import { LloError } from '../errors.js';
import { plural } from './output.js';
import { DEFAULT_CODEBOOK, DEFAULT_SEGMENTS } from './defaults.js';

export function register(program: Command): void {
  program
    .command('tables')
    .summary('role-dominance tables, paradigm profiles and charts')
    .description(
      'Counts coded segments per actor, role and paradigm and writes the tables (CSV and Markdown), SVG charts and ' +
        'a README.md to read first. With --check, regenerates them in memory and exits 1 with a diff when the files on disk are out of date.',
    )
    .argument('[codings...]', 'codings file(s) (default: out/codings/<coder>.csv)')
    .option('-c, --coder <name>', 'the coder whose codings to count, when no files are given', 'auto')
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .option('-s, --segments <file>', 'the segments file', DEFAULT_SEGMENTS)
    .option('--corpus <dir>', 'the corpus (for --by type|year)', 'corpus')
    .option('-o, --out <dir>', 'folder for the tables', 'out/tables')
    .option('--by <attribute>', 'also split every table by type, year or document')
    .option('--check', 'do not write: exit 1 with a diff if the tables on disk are out of date')
    .addHelpText(
      'after',
      '\nExamples:\n  llo tables\n  llo tables --coder consensus --by type\n  llo tables out/codings/anna.csv out/codings/ben.csv --out out/tables-pilot\n  llo tables --check          # in CI',
    )
    .action(
      async (
        files: string[],
        opts: {
          coder: string;
          codebook: string;
          segments: string;
          corpus: string;
          out: string;
          by?: string;
          check?: boolean;
        },
      ) => {
        if (opts.by !== undefined && !['type', 'year', 'document'].includes(opts.by))
          throw new LloError('LLO_OPTION', `--by must be type, year or document, got "${opts.by}"`);
        const { makeTables } = await import('../tables/run.js');
        const { writeTables, checkTables } = await import('../tables/write.js');
        const codings = files.length > 0 ? files : [`out/codings/${opts.coder}.csv`];
        const tables = await makeTables({
          codings,
          codebook: opts.codebook,
          segments: opts.segments,
          corpus: opts.corpus,
          ...(opts.by ? { by: opts.by as 'type' } : {}),
        });
        if (opts.check) {
          const problems = await checkTables(opts.out, tables);
          if (problems.length > 0) {
            process.stdout.write(problems.join('\n'));
            throw new LloError(
              'LLO_TABLES_OUTDATED',
              `the tables are out of date (${plural(problems.length, 'file')} differ); run \`llo tables\` and commit the result`,
              { file: opts.out },
            );
          }
          process.stdout.write(`${opts.out}: up to date (${plural(tables.size, 'file')})\n`);
          return;
        }
        const result = await writeTables(opts.out, tables);
        process.stdout.write(
          `Tables in ${opts.out}/ (${plural(result.written, 'file')} written, ${result.unchanged} unchanged${result.removed.length ? `, ${result.removed.length} stale removed` : ''}); read ${opts.out}/README.md first.\n`,
        );
      },
    );
}
