import type { Command } from 'commander';
import { printJson } from './output.js';
import { DEFAULT_CODEBOOK } from './defaults.js';

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
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .option('-s, --segments <files...>', 'the segments file(s) the reference was coded on', [
      'corpus/reference/segments.csv',
    ])
    .option('--min-confidence <x>', 'score the codings at or above this confidence (default: as llo code)')
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
    .action(
      async (
        files: string[],
        opts: {
          codebook: string;
          segments: string[];
          minConfidence?: string;
          crossValidate?: boolean;
          markdown?: boolean;
          json?: boolean;
        },
      ) => {
        const { parseConfidence } = await import('../coding/auto.js');
        const { markdownTable, textTable, fixed } = await import('../tables/render.js');
        const minConfidence =
          opts.minConfidence === undefined ? undefined : parseConfidence(opts.minConfidence, '--min-confidence');
        const render = opts.markdown ? markdownTable : textTable;
        const w = (s: string) => process.stdout.write(s);
        type S = {
          precision: number | null;
          recall: number | null;
          f1: number | null;
          support: number;
          truePositives: number;
          falsePositives: number;
          falseNegatives: number;
        };
        const headers = ['precision', 'recall', 'F1', 'support', 'TP', 'FP', 'FN'];
        const align = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'] as const;
        const row = (name: string, s: S) => [
          name,
          fixed(s.precision, 2),
          fixed(s.recall, 2),
          fixed(s.f1, 2),
          String(s.support),
          String(s.truePositives),
          String(s.falsePositives),
          String(s.falseNegatives),
        ];
        if (opts.crossValidate) {
          const { loadCodebook } = await import('../codebook/load.js');
          const { crossValidate } = await import('../coding/learn/run.js');
          const { codebook } = await loadCodebook(opts.codebook);
          const cv = await crossValidate(
            files,
            opts.segments,
            codebook,
            minConfidence === undefined ? {} : { minConfidence },
          );
          if (opts.json)
            return printJson({ reference: files, codebook: opts.codebook, version: codebook.version, ...cv });
          w(
            `${files.join(', ')}: leave-one-document-out over ${cv.documents.length} documents; codebook ${codebook.name} ${codebook.version}\n\n`,
          );
          w(
            render(
              ['', ...headers],
              (['rules', 'model', 'both'] as const).map((k) => row(k, cv[k].overall)),
              [...align],
            ),
          );
          w('\n');
          w(
            render(
              ['actor', 'rules F1', 'model F1', 'both F1'],
              cv.rules.perActor.map((a, i) => [
                a.actor,
                fixed(a.scores.f1, 2),
                fixed(cv.model.perActor[i]!.scores.f1, 2),
                fixed(cv.both.perActor[i]!.scores.f1, 2),
              ]),
              ['left', 'right', 'right', 'right'],
            ),
          );
          return;
        }
        const { runEvaluate } = await import('../coding/evaluate-run.js');
        const result = await runEvaluate({
          references: files,
          codebook: opts.codebook,
          segments: opts.segments,
          ...(minConfidence === undefined ? {} : { minConfidence }),
        });
        if (opts.json) return printJson(result);
        w(
          `${files.join(', ')}: ${result.segments} segments; codebook ${result.version}; codings with confidence ≥ ${result.minConfidence.toFixed(2)}\n\n`,
        );
        w(
          render(
            ['actor', ...headers],
            [...result.perActor.map((a) => row(a.actor, a.scores)), row('all codes (micro)', result.overall)],
            [...align],
          ),
        );
        w('\n');
        w(
          render(
            ['code', ...headers],
            result.perCode.map((c) => row(c.code, c.scores)),
            [...align],
          ),
        );
        w('\nPrecision and recall along the confidence threshold (all codes, micro):\n\n');
        w(
          render(
            ['confidence ≥', 'codings', 'precision', 'recall', 'F1'],
            result.curve.map((p) => [
              p.threshold.toFixed(2),
              String(p.predicted),
              fixed(p.precision, 2),
              fixed(p.recall, 2),
              fixed(p.f1, 2),
            ]),
            ['right', 'right', 'right', 'right', 'right'],
          ),
        );
      },
    );
}
