import { Option, type Command } from 'commander';
import type { Strategy } from '../coding/reconcile.js';
import { LloError } from '../errors.js';
import { terminalSafe } from '../text/safe.js';
import { plural } from './output.js';
import { DEFAULT_CODEBOOK, DEFAULT_SEGMENTS } from './defaults.js';

const STRATEGIES = ['union', 'intersection', 'prefer-a', 'prefer-b'] as const satisfies readonly Strategy[];

interface Options {
  out: string;
  strategy?: Strategy;
  interactive?: boolean;
  segments: string;
  codebook: string;
}

export function register(program: Command): void {
  program
    .command('reconcile')
    .summary("settle two coders' disagreements into a consensus coding")
    .description(
      'Walks the segments on which two coders differ and writes a consensus codings file (coder "consensus") with the ' +
        "reason for every decision as its memo, followed by both coders' memos. Segments the coders agree on are taken over. " +
        'With --strategy the differences are settled by rule; with --interactive you choose A, B, both, neither or other ' +
        'codes, with a reason. Every decision is saved at once (journal + atomic rewrite): quitting or a crash loses ' +
        'nothing, and running the same command resumes.',
    )
    .argument('<a>', 'codings of the first coder')
    .argument('<b>', 'codings of the second coder')
    .requiredOption('-o, --out <file>', 'the consensus codings file')
    .addOption(
      new Option('--strategy <rule>', 'settle every difference by a rule').choices(STRATEGIES).conflicts('interactive'),
    )
    .option('-i, --interactive', 'decide each disagreement at the keyboard')
    .option('-s, --segments <file>', 'the segments file (for the text shown)', DEFAULT_SEGMENTS)
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .addHelpText(
      'after',
      '\nExamples:\n  llo reconcile out/codings/anna.csv out/codings/ben.csv --out out/codings/consensus.csv --interactive\n  llo reconcile anna.csv ben.csv --out consensus.csv --strategy intersection',
    )
    .action(async (a: string, b: string, opts: Options) => {
      if (!opts.interactive && !opts.strategy)
        throw new LloError('LLO_OPTION', `choose --interactive or --strategy ${STRATEGIES.join('|')}`);
      const { openReconcile, runReconcile } = await import('../coding/reconcile.js');
      const files = { a, b, out: opts.out, segments: opts.segments, codebook: opts.codebook };
      let done: { saved: number; settled: number; segments: number };
      if (opts.strategy) done = await runReconcile({ ...files, strategy: opts.strategy });
      else {
        // Checked before the consensus file is opened: a script without a terminal changes nothing.
        if (!process.stdin.isTTY)
          throw new LloError(
            'LLO_NO_TERMINAL',
            'interactive reconciliation needs a terminal; use --strategy for scripts',
          );
        const r = await openReconcile(files);
        const { askReconcile } = await import('./tui/reconcile-prompt.js');
        try {
          const saved = r.saved + (await askReconcile(r));
          done = { saved, settled: r.settled(), segments: r.pairs.length };
        } finally {
          await r.close();
        }
      }
      process.stdout.write(
        `${plural(done.saved, 'decision')} saved; ${done.settled} of ${done.segments} segments settled in ${terminalSafe(opts.out)} (coder "consensus").\n`,
      );
    });
}
