import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { runExportQdc, runExportQdpx } from '../interop/export.js';
import { Workspace } from '../workspace/index.js';
import { addXlsxExport } from './export-xlsx.js';
import { codebookOption, jsonOption, segmentsOption } from './options.js';
import { plural, printJson, say } from './output.js';

interface Options {
  out: string;
  corpus?: string;
  segments?: string;
  codebook?: string;
  name?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('export')
    .summary('the project (.qdpx) or codebook (.qdc) for QDA packages; the tables as an Excel workbook (.xlsx)')
    .description(
      'Writes a REFI-QDA file: the whole project (.qdpx) or the codebook alone (.qdc); or an Excel workbook of the tables (xlsx).',
    );
  command
    .command('qdpx')
    .description(
      'The project as one .qdpx file: the codebook (actors as parent codes, roles as child codes), every document as a ' +
        'text source with its normalised text, and each coder’s codings and memos as selections. Two exports of the same ' +
        'data are byte-identical.',
    )
    .argument('[codings...]', 'codings files (default: every <out>/codings/*.csv of the study)')
    .requiredOption('-o, --out <file>', 'the .qdpx file to write')
    .option('--corpus <dir>', "the corpus, for the documents' texts (default: the study's, else corpus)")
    .addOption(segmentsOption())
    .addOption(codebookOption())
    .option('--name <name>', 'the project name (default: the corpus name)')
    .addOption(jsonOption('print the summary as JSON'))
    .addHelpText(
      'after',
      '\nExamples:\n  llo export qdpx --out study.qdpx\n  llo export qdpx out/codings/anna.csv out/codings/ben.csv --out pilot.qdpx',
    )
    .action(async (files: string[], opts: Options) => {
      const ws = await Workspace.open(opts);
      const folder = dirname(ws.codingsFile('x'));
      const codings =
        files.length > 0
          ? files
          : (await readdir(folder).catch(() => []))
              .filter((f) => f.endsWith('.csv'))
              .sort()
              .map((f) => join(folder, f));
      const s = await runExportQdpx({
        codings,
        corpus: ws.corpus,
        segments: ws.segmentsFile,
        codebook: ws.codebookFile,
        out: opts.out,
        ...(opts.name ? { name: opts.name } : {}),
      });
      if (opts.json) return printJson(s);
      say(
        `${s.out}: ${plural(s.documents, 'document')}, ${plural(s.segments, 'segment')}, ${plural(s.codes, 'code')}; ` +
          `${s.coders.map((c) => `${c.coder} ${plural(c.codings, 'coding')}`).join(', ') || 'no codings'} (${plural(s.bytes, 'byte')})\n`,
      );
    });
  command
    .command('qdc')
    .description(
      'The codebook alone as a REFI-QDA codebook (.qdc): actors as parent codes, roles as child codes, paradigms as sets.',
    )
    .requiredOption('-o, --out <file>', 'the .qdc file to write')
    .addOption(codebookOption())
    .action(async (opts: { out: string; codebook?: string }) => {
      const ws = await Workspace.open(opts);
      const s = await runExportQdc({ codebook: ws.codebookFile, out: opts.out });
      say(`${s.out}: ${plural(s.codes, 'code')}\n`);
    });
  addXlsxExport(command);
}
