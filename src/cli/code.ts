import type { Command } from 'commander';
import { runCode } from '../coding/run.js';
import { LloError } from '../errors.js';
import { Workspace } from '../workspace/index.js';
import { codebookOption, coderName, jobsOption, list, numberIn, segmentsOption, unitOption } from './options.js';
import { plural, printJson, progress, say } from './output.js';

interface Options {
  coder: string;
  codebook?: string;
  segments?: string;
  out?: string;
  unit?: 'paragraph' | 'sentence';
  json?: boolean;
  jobs: number;
  interactive?: boolean;
  blind?: boolean;
  documents?: string[];
  minConfidence?: number;
  learnFrom?: string[];
  learnSegments?: string[];
  allowOutside?: boolean;
}

export function register(program: Command): void {
  program
    .command('code')
    .summary('apply the codebook to every segment, automatically or by hand')
    .description(
      'Codes every segment of the corpus automatically: a code applies where, in one sentence, its actor is ' +
        'referred to and one of its indicators occurs (and no veto). Writes the codings file of the coder; ' +
        'segments the coder decided by hand keep their decision, automatic rows are replaced.',
    )
    .argument('[corpus]', "corpus folder or manifest, ingested unless --segments (default: the study's corpus)")
    .requiredOption('-c, --coder <name>', 'the coder the codings are written for, e.g. auto', coderName)
    .addOption(codebookOption())
    .addOption(segmentsOption('code the segments of this file instead of ingesting the corpus'))
    .option('-o, --out <file>', 'codings file (default: <out>/codings/<coder>.csv)')
    .addOption(unitOption())
    .option('--json', 'print a summary as JSON')
    .addOption(jobsOption('automatic coding'))
    .option('--allow-outside', 'when ingesting: read manifest files that lie outside the corpus folder')
    .option('-i, --interactive', 'code by hand: accept or reject suggestions, add codes, create inductive codes')
    .option(
      '--min-confidence <x>',
      'write automatic codings at or above this confidence (default 0.45)',
      numberIn(0, 1),
    )
    .option('--learn-from <files...>', 'learn a model from these hand codings; its codes join the automatic ones')
    .option('--learn-segments <files...>', 'segments files of the --learn-from codings (default: those coded)')
    .option('--blind', 'with --interactive: no suggestions (for independent double coding)')
    .option('--documents <ids>', 'with --interactive: only these documents (comma-separated)', list)
    .addHelpText(
      'after',
      '\nExamples:\n  llo code corpus --coder auto\n  llo code corpus --interactive --coder anna --blind\n  llo code --segments out/segments.csv --coder auto --out out/codings/auto.csv\n  llo code quotes/ --coder test --out quotes.csv      # one quote per paragraph in quotes/*.txt',
    )
    .action(async (corpus: string | undefined, opts: Options) => {
      const ws = await Workspace.open({ ...opts, ...(corpus ? { corpus } : {}) });
      const out = opts.out ?? ws.codingsFile(opts.coder);
      if (opts.interactive) {
        const { runInteractive } = await import('./interactive.js');
        await runInteractive({
          corpus: ws.corpus,
          unit: ws.unit,
          coder: opts.coder,
          codebook: ws.codebookFile,
          out,
          blind: opts.blind === true,
          ...(opts.learnFrom ? { learnFrom: { files: opts.learnFrom, segments: opts.learnSegments } } : {}),
          ...(opts.segments ? { segments: opts.segments } : {}),
          ...(opts.documents ? { documents: opts.documents } : {}),
        });
        return;
      }
      if (opts.blind || opts.documents)
        throw new LloError('LLO_OPTION', '--blind and --documents go with --interactive');
      const bar = await progress(undefined, 'code', ' segments');
      const summary = await runCode(await ws.codebook(), {
        coder: opts.coder,
        out,
        jobs: opts.jobs,
        corpus: ws.corpus,
        unit: ws.unit,
        allowOutside: opts.allowOutside === true,
        ...(opts.segments ? { segments: opts.segments } : {}),
        ...(opts.minConfidence !== undefined ? { minConfidence: opts.minConfidence } : {}),
        ...(opts.learnFrom ? { learnFrom: { files: opts.learnFrom, segments: opts.learnSegments } } : {}),
        onSegment: () => bar.tick(''),
      }).finally(() => bar.stop());
      if (opts.json) return printJson(summary);
      say(
        `Coded ${plural(summary.segments, 'segment')} for coder "${summary.coder}": ${plural(summary.autoCodings, 'automatic coding')} ` +
          `in ${plural(summary.codedSegments, 'segment')} → ${summary.out}\n`,
      );
      if (summary.manualKept > 0) say(`Kept ${plural(summary.manualKept, 'manual row')} already in ${summary.out}.\n`);
    });
}
