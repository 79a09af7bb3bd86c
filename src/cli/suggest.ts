import type { Command } from 'commander';
import { runSuggest } from '../coding/suggest.js';
import { openCorpus } from '../corpus/manifest.js';
import { segmentSource } from '../corpus/source.js';
import { Workspace } from '../workspace/index.js';
import { codebookOption, segmentsOption, wholeNumber } from './options.js';
import { printJson, say } from './output.js';

interface Options {
  actor?: string;
  limit: number;
  codebook?: string;
  segments?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('suggest')
    .summary('phrases around actors that no role code covers: candidates for inductive codes')
    .description(
      'Finds sentences in which an actor is referred to but none of its roles applies, and ranks the word sequences near ' +
        'the mention by frequency and by how much more often they occur there than near mentions that did get a role. ' +
        'Each phrase comes with example quotes and their citations.',
    )
    .argument('[corpus]', "corpus folder or manifest (default: the study's, else corpus)")
    .option('-a, --actor <id>', 'only this actor')
    .option('-n, --limit <n>', 'how many phrases', wholeNumber(1), 15)
    .addOption(codebookOption())
    .addOption(segmentsOption('use this segments file instead of ingesting the corpus'))
    .option('--json', 'print the phrases as JSON')
    .addHelpText('after', '\nExamples:\n  llo suggest --actor burgers\n  llo suggest corpus --limit 30 --json')
    .action(async (corpusArg: string | undefined, opts: Options) => {
      const ws = await Workspace.open({ ...opts, ...(corpusArg ? { corpus: corpusArg } : {}) });
      // With a segments file the corpus only supplies citations, so a missing one is no error then.
      const corpus = await openCorpus(ws.corpus).catch((err: unknown) => {
        if (opts.segments) return undefined;
        throw err;
      });
      const segments = segmentSource({
        corpus: ws.corpus,
        unit: 'paragraph',
        ...(opts.segments ? { segments: opts.segments } : {}),
      });
      const groups = await runSuggest((await ws.codebook()).codebook, segments, {
        ...(opts.actor ? { actor: opts.actor } : {}),
        limit: opts.limit,
        ...(corpus ? { corpus } : {}),
      });
      if (opts.json) return printJson(groups);
      if (groups.length === 0) return say('No recurring phrase near uncovered actor mentions.\n');
      for (const g of groups) {
        say(
          `\n${g.actor}: "${g.phrase}" — ${g.count} uncovered mention(s), ${g.coveredCount} covered (score ${g.score.toFixed(2)})\n`,
        );
        for (const e of g.examples) say(`  · ${e.quote}\n`);
      }
    });
}
