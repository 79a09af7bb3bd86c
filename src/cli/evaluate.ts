import type { Command } from 'commander';
import { printJson } from './output.js';
import { DEFAULT_CODEBOOK } from './defaults.js';

export function register(program: Command): void {
  program
    .command('evaluate')
    .summary('precision, recall and F1 of automatic coding against hand coding')
    .description(
      'Codes the segments of a reference coding automatically and compares: precision, recall and F1 per code, ' +
        'per actor and overall (pooled over codes). The reference is a codings file; a row with an empty code ' +
        'marks a segment read and found to carry no code.',
    )
    .argument('<reference...>', 'reference codings file(s)')
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .option('-s, --segments <file>', 'the segments file the reference was coded on', 'corpus/reference/segments.csv')
    .option('--markdown', 'print the tables as Markdown')
    .option('--json', 'print the evaluation as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  llo evaluate corpus/reference/reference-heldout.csv\n  llo evaluate corpus/reference/reference-tuning.csv --markdown',
    )
    .action(
      async (files: string[], opts: { codebook: string; segments: string; markdown?: boolean; json?: boolean }) => {
        const { loadCodebook } = await import('../codebook/load.js');
        const { readAllCodings } = await import('../coding/codings.js');
        const { autoCode } = await import('../coding/auto.js');
        const { Matcher } = await import('../coding/matcher.js');
        const { evaluate } = await import('../coding/evaluate.js');
        const { readSegments } = await import('../corpus/read-segments.js');
        const { markdownTable, textTable, fixed } = await import('../tables/render.js');
        const { LloError } = await import('../errors.js');
        const { codebook } = await loadCodebook(opts.codebook);
        const reference = (await Promise.all(files.map((f) => readAllCodings(f)))).flat();
        const wanted = new Set(reference.map((r) => r.segment));
        const matcher = new Matcher(codebook);
        const predicted = [];
        const found = new Set<string>();
        for await (const s of readSegments(opts.segments)) {
          if (!wanted.has(s.segment)) continue;
          found.add(s.segment);
          predicted.push(...autoCode(s, matcher, 'auto'));
        }
        const missing = [...wanted].filter((s) => !found.has(s));
        if (missing.length > 0)
          throw new LloError(
            'LLO_UNKNOWN_SEGMENT',
            `${missing.length} reference segment(s) are not in the segments file, e.g. "${missing[0]}"`,
            { file: opts.segments },
          );
        const result = evaluate(reference, predicted, codebook);
        if (opts.json)
          return printJson({ reference: files, codebook: opts.codebook, version: codebook.version, ...result });
        const render = opts.markdown ? markdownTable : textTable;
        const headers = ['', 'precision', 'recall', 'F1', 'support', 'TP', 'FP', 'FN'];
        const align = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'] as const;
        const row = (name: string, s: (typeof result)['overall']) => [
          name,
          fixed(s.precision, 2),
          fixed(s.recall, 2),
          fixed(s.f1, 2),
          String(s.support),
          String(s.truePositives),
          String(s.falsePositives),
          String(s.falseNegatives),
        ];
        const w = (s: string) => process.stdout.write(s);
        w(`${files.join(', ')}: ${result.segments} segments; codebook ${codebook.name} ${codebook.version}\n\n`);
        w(
          render(
            ['actor', ...headers.slice(1)],
            [...result.perActor.map((a) => row(a.actor, a.scores)), row('all codes (micro)', result.overall)],
            [...align],
          ),
        );
        w('\n');
        w(
          render(
            ['code', ...headers.slice(1)],
            result.perCode.map((c) => row(c.code, c.scores)),
            [...align],
          ),
        );
      },
    );
}
