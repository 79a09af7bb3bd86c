import type { Command } from 'commander';
import { LloError } from '../errors.js';
import { plural } from './output.js';
import { DEFAULT_CODEBOOK, DEFAULT_SEGMENTS } from './defaults.js';

export function register(program: Command): void {
  program
    .command('reconcile')
    .summary("settle two coders' disagreements into a consensus coding")
    .description(
      'Walks the segments on which two coders differ and writes a consensus codings file (coder "consensus") with the ' +
        'reason for every decision as its memo. Segments the coders agree on are taken over. With --strategy the ' +
        'differences are settled by rule; with --interactive you choose A, B, both, neither or other codes, with a reason. ' +
        'Every decision is saved at once (journal + atomic rewrite): quitting or a crash loses nothing, and running the same command resumes.',
    )
    .argument('<a>', 'codings of the first coder')
    .argument('<b>', 'codings of the second coder')
    .requiredOption('-o, --out <file>', 'the consensus codings file')
    .option('--strategy <rule>', 'union, intersection, prefer-a or prefer-b')
    .option('-i, --interactive', 'decide each disagreement at the keyboard')
    .option('-s, --segments <file>', 'the segments file (for the text shown)', DEFAULT_SEGMENTS)
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .addHelpText(
      'after',
      '\nExamples:\n  llo reconcile out/codings/anna.csv out/codings/ben.csv --out out/codings/consensus.csv --interactive\n  llo reconcile anna.csv ben.csv --out consensus.csv --strategy intersection',
    )
    .action(
      async (
        fileA: string,
        fileB: string,
        opts: { out: string; strategy?: string; interactive?: boolean; segments: string; codebook: string },
      ) => {
        if (!opts.interactive === !opts.strategy)
          throw new LloError('LLO_OPTION', 'choose --interactive or --strategy union|intersection|prefer-a|prefer-b');
        if (opts.strategy && !['union', 'intersection', 'prefer-a', 'prefer-b'].includes(opts.strategy))
          throw new LloError(
            'LLO_OPTION',
            `--strategy must be union, intersection, prefer-a or prefer-b, got "${opts.strategy}"`,
          );
        const { readAllCodings } = await import('../coding/codings.js');
        const { pairCodings, agree, settle } = await import('../coding/reconcile.js');
        const { CodingStore } = await import('../coding/store.js');
        const { readSegments } = await import('../corpus/read-segments.js');
        const { loadCodebook } = await import('../codebook/load.js');
        const { validateCodings } = await import('../coding/validate.js');
        const [a, b] = await Promise.all([readAllCodings(fileA), readAllCodings(fileB)]);
        const nameOf = (rows: typeof a, file: string) => {
          const coders = [...new Set(rows.map((r) => r.coder))];
          if (coders.length !== 1)
            throw new LloError(
              'LLO_RECONCILE_CODERS',
              `expected the codings of one coder, found ${coders.length ? coders.join(', ') : 'none'}`,
              { file },
            );
          return coders[0]!;
        };
        const names: [string, string] = [nameOf(a, fileA), nameOf(b, fileB)];
        const { codebook } = await loadCodebook(opts.codebook);
        const segments = new Map<
          string,
          {
            text: string;
            page: string;
            document: string;
            start: number;
            end: number;
            hash: string;
            segment: string;
            section: string;
          }
        >();
        for await (const s of readSegments(opts.segments)) segments.set(s.segment, s);
        for (const [rows, file] of [
          [a, fileA],
          [b, fileB],
        ] as const) {
          const problems = validateCodings(rows, codebook, segments);
          if (problems.length > 0)
            throw new LloError(
              'LLO_CODINGS_INVALID',
              problems[0]!.message,
              { file, line: problems[0]!.line },
              problems.slice(0, 10).map((p) => `${file}:${p.line}: ${p.message}`),
            );
        }
        const order = [...segments.keys()];
        const docOrder = new Map<string, number>();
        for (const s of segments.values()) if (!docOrder.has(s.document)) docOrder.set(s.document, docOrder.size);
        const pairs = pairCodings(a, b, order);
        const store = await CodingStore.open(opts.out, 'consensus', docOrder);
        try {
          const done = store.decisions();
          const segmentOf = (p: (typeof pairs)[number]) =>
            segments.get(p.segment) ?? {
              segment: p.segment,
              document: p.document,
              start: p.start,
              end: p.end,
              hash: '',
              page: '',
              section: '',
              text: '',
            };
          let settled = 0;
          for (const p of pairs) {
            if (done.has(p.segment) || (opts.interactive && !agree(p) && p.a && p.b)) continue;
            await store.save(segmentOf(p), settle(p, (opts.strategy ?? 'union') as 'union', names));
            settled++;
          }
          if (opts.interactive) {
            const open = pairs.filter((p) => !done.has(p.segment) && !agree(p) && p.a && p.b);
            const { askReconcile } = await import('./reconcile-prompt.js');
            settled += await askReconcile(
              open,
              names,
              codebook.codes.map((c) => c.id),
              segmentOf,
              (p, d) => store.save(segmentOf(p), d),
            );
          }
          const total = store.decisions().size;
          process.stdout.write(
            `${plural(settled, 'decision')} saved; ${total} of ${pairs.length} segments settled in ${opts.out} (coder "consensus").\n`,
          );
        } finally {
          await store.close();
        }
      },
    );
}
