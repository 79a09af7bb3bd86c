import type { Command } from 'commander';
import { LloError } from '../errors.js';
import { printJson, wholeNumber } from './output.js';
import { DEFAULT_CODEBOOK } from './defaults.js';

export function register(program: Command): void {
  program
    .command('suggest')
    .summary('phrases around actors that no role code covers: candidates for inductive codes')
    .description(
      'Finds sentences in which an actor is referred to but none of its roles applies, and ranks the word sequences near ' +
        'the mention by frequency and by how much more often they occur there than near mentions that did get a role. ' +
        'Each phrase comes with example quotes and their citations.',
    )
    .argument('[corpus]', 'corpus folder or manifest', 'corpus')
    .option('-a, --actor <id>', 'only this actor')
    .option('-n, --limit <n>', 'how many phrases', '15')
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .option('-s, --segments <file>', 'use this segments file instead of ingesting the corpus')
    .option('--json', 'print the phrases as JSON')
    .addHelpText('after', '\nExamples:\n  llo suggest --actor burgers\n  llo suggest corpus --limit 30 --json')
    .action(
      async (
        dir: string,
        opts: { actor?: string; limit: string; codebook: string; segments?: string; json?: boolean },
      ) => {
        const limit = wholeNumber(opts.limit, '--limit', 1);
        const { loadCodebook } = await import('../codebook/load.js');
        const { Matcher } = await import('../coding/matcher.js');
        const { suggestPhrases } = await import('../coding/suggest.js');
        const { segmentSource } = await import('../corpus/source.js');
        const { openCorpus } = await import('../corpus/manifest.js');
        const { codebook } = await loadCodebook(opts.codebook);
        if (opts.actor && !codebook.actors.some((a) => a.id === opts.actor))
          throw new LloError(
            'LLO_OPTION',
            `unknown actor "${opts.actor}" (actors: ${codebook.actors.map((a) => a.id).join(', ')})`,
          );
        const cites = new Map<string, string>();
        try {
          for (const d of (await openCorpus(dir)).documents) cites.set(d.id, d.cite ?? d.id);
        } catch (err) {
          if (!opts.segments) throw err;
        }
        const segments = [];
        for await (const s of segmentSource({
          corpus: dir,
          unit: 'paragraph',
          ...(opts.segments ? { segments: opts.segments } : {}),
        }))
          segments.push(s);
        const groups = suggestPhrases(segments, new Matcher(codebook), codebook, {
          ...(opts.actor ? { actor: opts.actor } : {}),
          limit,
          cite: (d) => cites.get(d) ?? d,
        });
        if (opts.json) return printJson(groups);
        if (groups.length === 0)
          return void process.stdout.write('No recurring phrase near uncovered actor mentions.\n');
        for (const g of groups) {
          process.stdout.write(
            `\n${g.actor}: "${g.phrase}" — ${g.count} uncovered mention(s), ${g.coveredCount} covered (score ${g.score.toFixed(2)})\n`,
          );
          for (const e of g.examples) process.stdout.write(`  · ${e.quote}\n`);
        }
      },
    );
}
