import { Option, type Command } from 'commander';
import { openCorpus } from '../corpus/manifest.js';
import { ingestToFile } from '../corpus/write.js';
import { Workspace } from '../workspace/index.js';
import { unitOption, wholeNumber } from './options.js';
import { plural, printJson, progress, say, warn } from './output.js';

interface Options {
  out?: string;
  unit?: 'paragraph' | 'sentence';
  json?: boolean;
  jobs?: number;
  allowOutside?: boolean;
}

export function register(program: Command): void {
  program
    .command('ingest')
    .summary('cut documents (PDF, official XML/HTML, text) into citable segments')
    .description(
      'Reads the corpus manifest (corpus.yaml) — or, without one, every PDF, XML, HTML, TXT and MD file in the ' +
        'folder — and writes one row per segment: document, segment id, page, section, offsets, hash and text. ' +
        'Reports which documents changed since the last run.',
    )
    .argument('[corpus]', "corpus folder or manifest file (default: the study's, else corpus)")
    .option('-o, --out <file>', 'segments file to write (default: <out>/segments.csv)')
    .addOption(unitOption())
    .option('--json', 'print a summary as JSON on stdout')
    .addOption(
      new Option(
        '-j, --jobs <n>',
        'documents read at once on worker threads (same output as 1, which reads on the main thread; ' +
          'default: 1 for a corpus under 16 MB, else one per processor up to 4)',
      ).argParser(wholeNumber(1, 64)),
    )
    .option('--allow-outside', 'read manifest files that lie outside the corpus folder (../ paths, symbolic links)')
    .addHelpText(
      'after',
      '\nExamples:\n  llo ingest corpus\n  llo ingest my-dossier --unit sentence --out out/sentences.csv\n  llo ingest corpus --json | jq .segments',
    )
    .action(async (corpusArg: string | undefined, opts: Options) => {
      const ws = await Workspace.open({
        ...(corpusArg ? { corpus: corpusArg } : {}),
        ...(opts.unit ? { unit: opts.unit } : {}),
      });
      const corpus = await openCorpus(ws.corpus, { allowOutside: opts.allowOutside === true });
      const bar = await progress(corpus.documents.length, 'ingest');
      const summary = await ingestToFile(
        corpus,
        opts.out ?? ws.segmentsFile,
        ws.unit,
        (doc) => bar.tick(doc.entry.id),
        opts.jobs,
      ).finally(() => bar.stop());
      if (opts.json) return printJson(summary);
      say(
        `Ingested ${plural(summary.documents, 'document')} (${plural(summary.pages, 'PDF page')}, ${plural(summary.segments, 'segment')}, ` +
          `${plural(summary.words, 'word')}) into ${summary.out}\n`,
      );
      const idWidth = Math.max(...summary.perDocument.map((d) => d.id.length));
      for (const d of summary.perDocument) {
        const pages = d.pages === null ? '' : plural(d.pages, 'page');
        say(
          `  ${d.id.padEnd(idWidth)}  ${d.format.padEnd(8)} ${pages.padStart(9)}  ${plural(d.segments, 'segment').padStart(13)}  ${d.status}\n`,
        );
      }
      for (const id of summary.removed) say(`  ${id.padEnd(idWidth)}  removed since the last run\n`);
      const changed = summary.perDocument.filter((d) => d.status === 'changed').map((d) => d.id);
      if (changed.length > 0)
        say(`Changed since the last run: ${changed.join(', ')} — check codings with \`llo codings validate\`.\n`);
      for (const { document, message } of summary.warnings) warn(`${document ? document + ': ' : ''}${message}`);
    });
}
