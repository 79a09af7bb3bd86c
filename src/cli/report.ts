import type { Command } from 'commander';
import { terminalSafe } from '../text/safe.js';
import { wholeNumber } from './output.js';
import { join } from 'node:path';
import { Workspace } from '../workspace/index.js';
import { codebookOption, segmentsOption } from './options.js';

interface Options {
  out: string;
  coder?: string;
  agreementCoders?: string;
  codebook?: string;
  segments?: string;
  corpus?: string;
  quotes: string;
  bootstrap: string;
  seed: string;
}

export function register(program: Command): void {
  program
    .command('report')
    .summary('one self-contained HTML page: tables, charts, quotes, agreement and a draft methods paragraph')
    .description(
      'Writes one HTML page to hand to a supervisor or print: what was counted, the actor, paradigm and role-dominance ' +
        'tables with their charts (inline SVG), the top quotes of each dominant role, and — with two or more coders — ' +
        'the agreement summary and a draft methods paragraph. The page loads nothing from elsewhere.',
    )
    .argument('[codings...]', 'codings files (default: every <out>/codings/*.csv)')
    .requiredOption('-o, --out <file>', 'the page to write, e.g. report.html')
    .option('-c, --coder <name>', 'count the tables from this coder (default: consensus if present, else all coders)')
    .option('--agreement-coders <list>', 'coders to compare (default: every coder but auto and consensus)')
    .addOption(codebookOption())
    .addOption(segmentsOption())
    .option('--corpus <dir>', "the corpus, for titles and citation keys (default: the study's, else corpus)")
    .option('--quotes <n>', 'quotes per dominant role', '3')
    .option('--bootstrap <n>', 'bootstrap replicates for the interval of α (0: none)', '1000')
    .option('--seed <n>', 'seed for the bootstrap', '1')
    .addHelpText(
      'after',
      '\nExamples:\n  llo report --out report.html\n  llo report out/codings/anna.csv out/codings/ben.csv out/codings/consensus.csv --out report.html',
    )
    .action(async (files: string[], opts: Options) => {
      const replicates = wholeNumber(opts.bootstrap, '--bootstrap', 0, 100_000);
      const { codingsFilesIn } = await import('../quotes/load.js');
      const { buildReport } = await import('../report/build.js');
      const { reportHtml } = await import('../report/html.js');
      const { writeFileAtomic } = await import('../io/atomic.js');
      const ws = await Workspace.open(opts);
      const codings = files.length > 0 ? files : await codingsFilesIn(join(ws.project.out, 'codings'));
      const compared = opts.agreementCoders
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const data = await buildReport({
        codings,
        codebook: ws.codebookFile,
        segments: ws.segmentsFile,
        corpus: ws.corpus,
        ...(opts.coder ? { coder: opts.coder } : {}),
        ...(compared ? { agreementCoders: compared } : {}),
        ...(replicates > 0 ? { bootstrap: { replicates, seed: wholeNumber(opts.seed, '--seed', 0) } } : {}),
        quotesPerRole: wholeNumber(opts.quotes, '--quotes', 0, 50),
      });
      for (const w of data.warnings) process.stderr.write(`llo: warning: ${terminalSafe(w)}\n`);
      await writeFileAtomic(opts.out, reportHtml(data));
      process.stdout.write(
        `Report ${opts.out}: ${data.tables.length} tables, ${data.topQuotes.reduce((n, g) => n + g.quotes.length, 0)} quotes${data.agreement ? `, agreement of ${data.agreement.coders.join(', ')} and a draft methods paragraph` : ' (one coder: no agreement section)'}.\n`,
      );
    });
}
