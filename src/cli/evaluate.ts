import type { Command } from 'commander';
import { loadCodebook } from '../codebook/load.js';
import { renderCrossValidation, renderEvaluation } from '../coding/evaluate-render.js';
import { runEvaluate } from '../coding/evaluate-run.js';
import { crossValidate } from '../coding/learn/run.js';
import { Workspace } from '../workspace/index.js';
import { codebookOption, numberIn } from './options.js';
import { printJson, say } from './output.js';

interface Options {
  codebook?: string;
  segments: string[];
  minConfidence?: number;
  crossValidate?: boolean;
  markdown?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('evaluate')
    .summary('precision, recall and F1 of automatic coding against hand coding')
    .description(
      'Codes the segments of a reference coding automatically and compares: precision, recall and F1 per code, ' +
        'per actor and overall (pooled over codes), and the precision/recall curve along confidence thresholds. ' +
        'The reference is a codings file; a row with an empty code marks a segment read and found to carry no code.',
    )
    .argument('<reference...>', 'reference codings file(s)')
    .addOption(codebookOption())
    .option('-s, --segments <files...>', 'the segments file(s) the reference was coded on', [
      'corpus/reference/segments.csv',
    ])
    .option(
      '--min-confidence <x>',
      'score the codings at or above this confidence (default: as llo code)',
      numberIn(0, 1),
    )
    .option(
      '--cross-validate',
      'leave-one-document-out precision/recall/F1 of the rules, a model learnt from the reference, and both',
    )
    .option('--markdown', 'print the tables as Markdown')
    .option('--json', 'print the evaluation as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  llo evaluate corpus/reference/reference-heldout.csv\n  llo evaluate corpus/reference/reference-tuning.csv --markdown\n' +
        '  llo evaluate corpus/reference/reference-tuning.csv corpus/reference/extra/reference-extra.csv \\\n' +
        '      --segments corpus/reference/segments.csv corpus/reference/extra/segments.csv --cross-validate',
    )
    .action(async (files: string[], opts: Options) => {
      const codebookFile = (await Workspace.open(opts.codebook ? { codebook: opts.codebook } : {})).codebookFile;
      const threshold = opts.minConfidence === undefined ? {} : { minConfidence: opts.minConfidence };
      if (opts.crossValidate) {
        const { codebook } = await loadCodebook(codebookFile);
        const cv = await crossValidate(files, opts.segments, codebook, threshold);
        if (opts.json) return printJson({ reference: files, codebook: codebookFile, version: codebook.version, ...cv });
        return say(
          renderCrossValidation(
            cv,
            { files, codebook: `${codebook.name} ${codebook.version}` },
            opts.markdown === true,
          ),
        );
      }
      const result = await runEvaluate({
        references: files,
        codebook: codebookFile,
        segments: opts.segments,
        ...threshold,
      });
      if (opts.json) return printJson(result);
      say(renderEvaluation(result, opts.markdown === true));
    });
}
