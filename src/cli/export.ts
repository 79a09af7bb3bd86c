import type { Command } from 'commander';
import { DEFAULT_CODEBOOK, DEFAULT_SEGMENTS } from './defaults.js';
import { plural, printJson } from './output.js';

export function register(program: Command): void {
  const command = program
    .command('export')
    .summary('export the project or the codebook for Atlas.ti, MAXQDA, NVivo, QualCoder (REFI-QDA)')
    .description('Writes a REFI-QDA file: a whole project (.qdpx) or the codebook alone (.qdc).');
  command
    .command('qdpx')
    .description(
      'The project as one .qdpx file: the codebook (actors as parent codes, roles as child codes), every document as a text source ' +
        'with its normalised text, and each coder’s codings and memos as selections. Two exports of the same data are byte-identical.',
    )
    .argument('[codings...]', 'codings files (default: every out/codings/*.csv)')
    .requiredOption('-o, --out <file>', 'the .qdpx file to write')
    .option('--corpus <dir>', 'the corpus (for the documents’ texts)', 'corpus')
    .option('-s, --segments <file>', 'the segments file', DEFAULT_SEGMENTS)
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .option('--name <name>', 'the project name (default: the corpus name)')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  llo export qdpx --out study.qdpx\n  llo export qdpx out/codings/anna.csv out/codings/ben.csv --out pilot.qdpx',
    )
    .action(
      async (
        files: string[],
        opts: { out: string; corpus: string; segments: string; codebook: string; name?: string; json?: boolean },
      ) => {
        const { readdir } = await import('node:fs/promises');
        const { runExportQdpx } = await import('../interop/export.js');
        const codings =
          files.length > 0
            ? files
            : (await readdir('out/codings').catch(() => []))
                .filter((f) => f.endsWith('.csv'))
                .sort()
                .map((f) => `out/codings/${f}`);
        const s = await runExportQdpx({ ...opts, codings });
        if (opts.json) return printJson(s);
        process.stdout.write(
          `${s.out}: ${plural(s.documents, 'document')}, ${plural(s.segments, 'segment')}, ${plural(s.codes, 'code')}; ` +
            `${s.coders.map((c) => `${c.coder} ${plural(c.codings, 'coding')}`).join(', ') || 'no codings'} (${plural(s.bytes, 'byte')})\n`,
        );
      },
    );
  command
    .command('qdc')
    .description(
      'The codebook alone as a REFI-QDA codebook (.qdc): actors as parent codes, roles as child codes, paradigms as sets.',
    )
    .requiredOption('-o, --out <file>', 'the .qdc file to write')
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .action(async (opts: { out: string; codebook: string }) => {
      const { runExportQdc } = await import('../interop/export.js');
      const s = await runExportQdc(opts);
      process.stdout.write(`${s.out}: ${plural(s.codes, 'code')}\n`);
    });
}
