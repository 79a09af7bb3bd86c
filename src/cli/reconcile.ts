import { Option, type Command } from 'commander';
import { requireFiles } from '../coding/inputs.js';
import { openReconcile, runReconcile, type Strategy } from '../coding/reconcile.js';
import { LloError } from '../errors.js';
import { Workspace } from '../workspace/index.js';
import { codebookOption, segmentsOption } from './options.js';
import { plural, say } from './output.js';
import { askReconcile } from './tui/reconcile-prompt.js';

const STRATEGIES = ['union', 'intersection', 'prefer-a', 'prefer-b'] as const satisfies readonly Strategy[];

interface Options {
  out: string;
  strategy?: Strategy;
  interactive?: boolean;
  segments?: string;
  codebook?: string;
}

export function register(program: Command): void {
  program
    .command('reconcile')
    .summary("settle two coders' disagreements into a consensus coding")
    .description(
      'Walks the segments on which two coders differ and writes a consensus codings file (coder "consensus") with the ' +
        "reason for every decision as its memo, followed by both coders' memos. Segments the coders agree on are taken " +
        'over. With --strategy the differences are settled by rule; with --interactive you choose A, B, both, neither or ' +
        'other codes, with a reason. Every decision is saved at once (journal + atomic rewrite): quitting or a crash ' +
        'loses nothing, and running the same command resumes.',
    )
    .argument('<a>', 'codings of the first coder')
    .argument('<b>', 'codings of the second coder')
    .requiredOption('-o, --out <file>', 'the consensus codings file')
    .addOption(
      new Option('--strategy <rule>', 'settle every difference by a rule').choices(STRATEGIES).conflicts('interactive'),
    )
    .option('-i, --interactive', 'decide each disagreement at the keyboard')
    .addOption(segmentsOption('the segments file (for the text shown)'))
    .addOption(codebookOption())
    .addHelpText(
      'after',
      '\nExamples:\n  llo reconcile out/codings/anna.csv out/codings/ben.csv --out out/codings/consensus.csv --interactive\n  llo reconcile anna.csv ben.csv --out consensus.csv --strategy intersection',
    )
    .action(async (a: string, b: string, opts: Options) => {
      if (!opts.interactive && !opts.strategy)
        throw new LloError('LLO_OPTION', `choose --interactive or --strategy ${STRATEGIES.join('|')}`);
      // Checked before the consensus file is opened: a script without a terminal changes nothing.
      if (opts.interactive && !process.stdin.isTTY)
        throw new LloError(
          'LLO_NO_TERMINAL',
          'interactive reconciliation needs a terminal; use --strategy for scripts',
        );
      // Every input is read and checked before the consensus file is locked.
      await requireFiles([a, b].map((file) => ({ file, what: 'codings file' })));
      const ws = await Workspace.open(opts);
      const [ca, cb] = [await ws.codings([a]), await ws.codings([b])];
      const input = {
        a: { file: a, rows: ca.rows },
        b: { file: b, rows: cb.rows },
        segments: await ws.segments({ text: opts.interactive === true }),
        codes: (await ws.codebook()).codebook.codes.map((c) => c.id),
        out: opts.out,
      };
      let done: { saved: number; settled: number; segments: number };
      if (opts.strategy) done = await runReconcile({ ...input, strategy: opts.strategy });
      else {
        const r = await openReconcile(input);
        try {
          const saved = r.saved + (await askReconcile(r));
          done = { saved, settled: r.settled(), segments: r.pairs.length };
        } finally {
          await r.close();
        }
      }
      say(
        `${plural(done.saved, 'decision')} saved; ${done.settled} of ${done.segments} segments settled in ${opts.out} (coder "consensus").\n`,
      );
    });
}
