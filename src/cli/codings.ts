import type { Command } from 'commander';
import { Workspace } from '../workspace/index.js';
import { codebookOption, segmentsOption } from './options.js';
import { plural, say } from './output.js';

export function register(program: Command): void {
  const codings = program
    .command('codings')
    .summary('check a codings file')
    .description('Check codings files against the codebook and the segments.');
  codings
    .command('validate')
    .description(
      'Checks every row: known code ids, known segments of the right document, spans inside their segment, and ' +
        'segments whose text changed since they were coded. Each problem is reported with its CSV line; exit 1 if any.',
    )
    .argument('<file>', 'codings file')
    .addOption(codebookOption())
    .addOption(segmentsOption())
    .addHelpText(
      'after',
      '\nExamples:\n  llo codings validate out/codings/auto.csv\n  llo codings validate coder-b.csv --segments out/sentences.csv',
    )
    .action(async (file: string, opts: { codebook?: string; segments?: string }) => {
      const ws = await Workspace.open(opts);
      const { rows, hashed } = await ws.codings([file], { checkTextChanges: true, limit: Infinity });
      say(
        `${file}: valid — ${plural(rows.length, 'row')}, ${plural(new Set(rows.map((r) => r.segment)).size, 'segment')}` +
          `${hashed.length > 0 ? '' : ' (no hashes recorded at coding time: text changes cannot be checked)'}\n`,
      );
    });
}
