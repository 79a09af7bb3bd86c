import type { Command } from 'commander';
import { LloError } from '../errors.js';
import { EXCEL_OPTION_HELP } from '../io/people-csv.js';
import { terminalSafe } from '../text/safe.js';
import { printJson, plural, say, warn } from './output.js';
import { join } from 'node:path';
import { Workspace } from '../workspace/index.js';
import { codebookOption, segmentsOption, wholeNumber } from './options.js';

interface Options {
  code?: string;
  actor?: string;
  paradigm?: string;
  role?: string;
  coder?: string;
  document?: string;
  context: number;
  codebook?: string;
  segments?: string;
  corpus?: string;
  csv?: boolean;
  excel?: boolean;
  json?: boolean;
}

const list = (text: string | undefined) =>
  text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function register(program: Command): void {
  program
    .command('quotes')
    .summary('every coded segment for a code, actor, paradigm or role, with citation and page')
    .description(
      'Lists the segments that carry the selected codes — a code, an actor, a paradigm, or one role across actors — ' +
        'each with its citation "(TK 2020/2021a: 21)", section, coder(s), evidence and memo, in corpus order. ' +
        'Markdown by default; --csv for a spreadsheet, --json for scripts.',
    )
    .argument('[codings...]', 'codings files (default: every <out>/codings/*.csv)')
    .option('--code <id>', 'one code, e.g. overheid.faciliteren-stimuleren')
    .option('--actor <id>', 'every role of one actor')
    .option('--paradigm <id>', 'every code of one paradigm')
    .option('--role <id>', 'one role across actors: the part of the code id after the actor, e.g. initiatiefnemer')
    .option('--coder <names>', 'only the codings of these coders (comma-separated)')
    .option('--document <ids>', 'only these documents (comma-separated)')
    .option('--context <n>', 'also show n neighbouring segments on either side', wholeNumber(0, 20), 0)
    .addOption(codebookOption())
    .addOption(segmentsOption())
    .option('--corpus <dir>', "the corpus, for citation keys and titles (default: the study's, else corpus)")
    .option('--csv', 'print CSV (cells that would start a formula are neutralised)')
    .option('--excel', EXCEL_OPTION_HELP)
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  llo quotes --code overheid.faciliteren-stimuleren\n  llo quotes --actor markt --coder anna,ben --context 1\n  llo quotes --role initiatiefnemer --csv > initiatiefnemer.csv\n  llo quotes --paradigm NPM --excel > npm.csv',
    )
    .action(async (files: string[], opts: Options) => {
      const { context } = opts;
      if ([opts.csv, opts.excel, opts.json].filter(Boolean).length > 1)
        throw new LloError('LLO_OPTION', 'choose one of --csv, --excel and --json');
      const { codingsFilesIn, loadCodedProject } = await import('../quotes/load.js');
      const { selectCodes, describeSelection } = await import('../quotes/select.js');
      const { collectQuotes } = await import('../quotes/quotes.js');
      const { quotesCsv, quotesMarkdown } = await import('../quotes/render.js');
      const ws = await Workspace.open(opts);
      const codings = files.length > 0 ? files : await codingsFilesIn(join(ws.project.out, 'codings'));
      const project = await loadCodedProject({
        codings,
        codebook: ws.codebookFile,
        segments: ws.segmentsFile,
        corpus: ws.corpus,
      });
      for (const w of project.warnings) warn(w);
      const selection = { code: opts.code, actor: opts.actor, paradigm: opts.paradigm, role: opts.role };
      const codes = selectCodes(project.codebook, selection);
      const coders = list(opts.coder);
      const documents = list(opts.document);
      const quotes = collectQuotes(project.codings, project.segments, codes, project.documents, {
        ...(coders ? { coders } : {}),
        ...(documents ? { documents } : {}),
        context,
      });
      if (opts.json)
        return printJson({ selection: describeSelection(selection), codes: codes.map((c) => c.id), codings, quotes });
      // CSV is data for a file; only on a terminal is it shown with control characters made visible.
      const csv = opts.csv || opts.excel ? quotesCsv(quotes, { excel: opts.excel === true }) : undefined;
      if (csv !== undefined) return void (process.stdout.isTTY ? say(csv) : process.stdout.write(csv));
      const label =
        codes.length === 1 ? ` (${codes[0]!.role}, ${codes[0]!.actor})` : ` (${plural(codes.length, 'code')})`;
      const docs = new Set(quotes.map((q) => q.document)).size;
      const preamble = [
        `${plural(quotes.length, 'segment')} in ${plural(docs, 'document')}${coders ? `, coders ${coders.join(', ')}` : ''}. Codings: ${codings.map((c) => `\`${c}\``).join(', ')}.`,
      ];
      process.stdout.write(
        terminalSafe(quotesMarkdown(quotes, `Quotes: ${describeSelection(selection)}${label}`, preamble)),
      );
    });
}
