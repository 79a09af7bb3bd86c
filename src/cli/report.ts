import { join } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../io/atomic.js';
import { codingsFilesIn } from '../quotes/load.js';
import { buildReport } from '../report/build.js';
import { reportHtml } from '../report/html.js';
import { Workspace } from '../workspace/index.js';
import { codebookOption, list, segmentsOption, wholeNumber } from './options.js';
import { say, warn } from './output.js';

interface Options {
  out: string;
  coder?: string;
  agreementCoders?: string[];
  codebook?: string;
  segments?: string;
  corpus?: string;
  quotes: number;
  bootstrap: number;
  seed: number;
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
    .option('--agreement-coders <list>', 'coders to compare (default: every coder but auto and consensus)', list)
    .addOption(codebookOption())
    .addOption(segmentsOption())
    .option('--corpus <dir>', "the corpus, for titles and citation keys (default: the study's, else corpus)")
    .option('--quotes <n>', 'quotes per dominant role', wholeNumber(0, 50), 3)
    .option('--bootstrap <n>', 'bootstrap replicates for the interval of α (0: none)', wholeNumber(0, 100_000), 1000)
    .option('--seed <n>', 'seed for the bootstrap', wholeNumber(0), 1)
    .addHelpText(
      'after',
      '\nExamples:\n  llo report --out report.html\n  llo report out/codings/anna.csv out/codings/ben.csv out/codings/consensus.csv --out report.html',
    )
    .action(async (files: string[], opts: Options) => {
      const ws = await Workspace.open(opts);
      const codings = files.length > 0 ? files : await codingsFilesIn(join(ws.project.out, 'codings'));
      const compared = opts.agreementCoders;
      const data = await buildReport({
        codings,
        codebook: ws.codebookFile,
        segments: ws.segmentsFile,
        corpus: ws.corpus,
        ...(opts.coder ? { coder: opts.coder } : {}),
        ...(compared ? { agreementCoders: compared } : {}),
        ...(opts.bootstrap > 0 ? { bootstrap: { replicates: opts.bootstrap, seed: opts.seed } } : {}),
        quotesPerRole: opts.quotes,
      });
      for (const w of data.warnings) warn(w);
      await writeFileAtomic(opts.out, reportHtml(data));
      say(
        `Report ${opts.out}: ${data.tables.length} tables, ${data.topQuotes.reduce((n, g) => n + g.quotes.length, 0)} quotes${data.agreement ? `, agreement of ${data.agreement.coders.join(', ')} and a draft methods paragraph` : ' (one coder: no agreement section)'}.\n`,
      );
    });
}
