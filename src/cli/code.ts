import type { Command } from 'commander';
import { LloError } from '../errors.js';
import { plural, printJson, progress, segmentUnit, wholeNumber } from './output.js';
import { DEFAULT_CODEBOOK } from './defaults.js';

export function register(program: Command): void {
  program
    .command('code')
    .summary('apply the codebook to every segment')
    .description(
      'Codes every segment of the corpus automatically: a code applies where, in one sentence, its actor is ' +
        'referred to and one of its indicators occurs (and no veto). Writes the codings file of the coder; ' +
        'manual rows already in it are kept, automatic rows are replaced.',
    )
    .argument('[corpus]', 'corpus folder or manifest (ingested on the fly unless --segments is given)', 'corpus')
    .requiredOption('-c, --coder <name>', 'the coder the codings are written for, e.g. auto')
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .option('-s, --segments <file>', 'code the segments of this file instead of ingesting the corpus')
    .option('-o, --out <file>', 'codings file (default: out/codings/<coder>.csv)')
    .option('-u, --unit <unit>', 'paragraph or sentence, when ingesting', 'paragraph')
    .option('--json', 'print a summary as JSON')
    .option('-j, --jobs <n>', 'worker threads for automatic coding (same output as 1)', '1')
    .option('--allow-outside', 'when ingesting: read manifest files that lie outside the corpus folder')
    .option(
      '-i, --interactive',
      'code by hand at the keyboard: accept or reject suggestions, add codes, create inductive codes',
    )
    .option('--blind', 'with --interactive: no suggestions (for independent double coding)')
    .option('--documents <ids>', 'with --interactive: only these documents (comma-separated)')
    .addHelpText(
      'after',
      '\nExamples:\n  llo code corpus --coder auto\n  llo code corpus --interactive --coder anna --blind\n  llo code --segments out/segments.csv --coder auto --out out/codings/auto.csv\n  llo code quotes/ --coder test --out quotes.csv      # one quote per paragraph in quotes/*.txt',
    )
    .action(
      async (
        dir: string,
        opts: {
          coder: string;
          codebook: string;
          segments?: string;
          out?: string;
          unit: string;
          json?: boolean;
          interactive?: boolean;
          blind?: boolean;
          documents?: string;
          jobs: string;
          allowOutside?: boolean;
        },
      ) => {
        const jobs = wholeNumber(opts.jobs, '--jobs', 1, 64);
        if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(opts.coder))
          throw new LloError(
            'LLO_OPTION',
            `--coder must be a name of letters, digits, ".", "_" or "-", got "${opts.coder}"`,
          );
        const unit = segmentUnit(opts.unit);
        const out = opts.out ?? `out/codings/${opts.coder}.csv`;
        if (opts.interactive) {
          const { runInteractive } = await import('./interactive.js');
          const documents = opts.documents
            ?.split(',')
            .map((d) => d.trim())
            .filter(Boolean);
          await runInteractive({
            corpus: dir,
            unit,
            coder: opts.coder,
            codebook: opts.codebook,
            out,
            blind: opts.blind === true,
            ...(opts.segments ? { segments: opts.segments } : {}),
            ...(documents ? { documents } : {}),
          });
          return;
        }
        if (opts.blind || opts.documents)
          throw new LloError('LLO_OPTION', '--blind and --documents go with --interactive');
        const { loadCodebook } = await import('../codebook/load.js');
        const { codeToFile, codeSegments } = await import('../coding/run.js');
        const { readFile } = await import('node:fs/promises');
        const { segmentSource } = await import('../corpus/source.js');
        const { codebook } = await loadCodebook(opts.codebook);
        const codebookText = await readFile(opts.codebook, 'utf8');
        const bar = await progress(0, 'code');
        const segments = segmentSource({
          corpus: dir,
          unit,
          allowOutside: opts.allowOutside === true,
          ...(opts.segments ? { segments: opts.segments } : {}),
        });
        const summary = await codeToFile(
          codeSegments(segments, { codebook, text: codebookText, file: opts.codebook }, opts.coder, jobs),
          opts.coder,
          out,
        );
        bar.stop();
        if (opts.json) return printJson(summary);
        process.stdout.write(
          `Coded ${plural(summary.segments, 'segment')} for coder "${summary.coder}": ${plural(summary.autoCodings, 'automatic coding')} ` +
            `in ${plural(summary.codedSegments, 'segment')} → ${summary.out}\n`,
        );
        if (summary.manualKept > 0)
          process.stdout.write(`Kept ${plural(summary.manualKept, 'manual row')} already in ${summary.out}.\n`);
      },
    );
}
