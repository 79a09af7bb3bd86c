import type { Command } from 'commander';
import { Workspace } from '../workspace/index.js';
import { codebookOption, segmentsOption } from './options.js';
import { say, warn } from './output.js';

/**
 * `llo export xlsx`. src/cli/export.ts owns `llo export` (qdpx, qdc) and adds this subcommand to
 * it, so the workbook's options and help live here, beside nothing else.
 */
export function addXlsxExport(exportCommand: Command): void {
  exportCommand
    .command('xlsx')
    .summary('the tables, codings and segments as one Excel workbook')
    .description(
      'Writes an Excel workbook with one sheet per table of `llo tables` (numbers as numbers, n/a as an empty cell), ' +
        'a sheet with the codings and one with the segments, and a first sheet saying what was counted.',
    )
    .argument('[codings...]', 'codings file(s) (default: <out>/codings/<coder>.csv)')
    .option('-c, --coder <name>', 'the coder whose codings to count, when no files are given', 'auto')
    .addOption(codebookOption())
    .addOption(segmentsOption())
    .option('--corpus <dir>', "the corpus (default: the study's, else corpus)")
    .requiredOption('-o, --out <file>', 'the workbook to write, e.g. out/llo.xlsx')
    .addHelpText(
      'after',
      '\nExamples:\n  llo export xlsx --out out/llo.xlsx\n  llo export xlsx out/codings/anna.csv out/codings/ben.csv --out pilot.xlsx',
    )
    .action(
      async (
        files: string[],
        opts: { coder: string; codebook?: string; segments?: string; corpus?: string; out: string },
      ) => {
        const { exportWorkbook } = await import('../xlsx/run.js');
        const ws = await Workspace.open(opts);
        const codings = files.length > 0 ? files : [ws.codingsFile(opts.coder)];
        const paths = { codings, codebook: ws.codebookFile, segments: ws.segmentsFile, corpus: ws.corpus };
        const { sheets, warnings } = await exportWorkbook(paths, opts.out);
        for (const w of warnings) warn(w);
        say(`Workbook ${opts.out}: ${sheets} sheets.\n`);
      },
    );
}
