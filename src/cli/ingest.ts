import type { Command } from 'commander';
import { plural, printJson, progress, segmentUnit, wholeNumber } from './output.js';
import { DEFAULT_SEGMENTS } from './defaults.js';

export function register(program: Command): void {
  program
    .command('ingest')
    .summary('cut documents (PDF, official XML/HTML, text) into citable segments')
    .description(
      'Reads the corpus manifest (corpus.yaml) — or, without one, every PDF, XML, HTML, TXT and MD file in the ' +
        'folder — and writes one row per segment: document, segment id, page, section, offsets, hash and text. ' +
        'Reports which documents changed since the last run.',
    )
    .argument('[corpus]', 'corpus folder or manifest file', 'corpus')
    .option('-o, --out <file>', 'segments file to write', DEFAULT_SEGMENTS)
    .option('-u, --unit <unit>', 'paragraph or sentence', 'paragraph')
    .option('--json', 'print a summary as JSON on stdout')
    .option(
      '-j, --jobs <n>',
      'documents read at once on worker threads (same output as 1, which reads on the main thread); ' +
        'default: 1 for a corpus under 16 MB, else one per processor up to 4',
    )
    .option('--allow-outside', 'read manifest files that lie outside the corpus folder (../ paths, symbolic links)')
    .addHelpText(
      'after',
      '\nExamples:\n  llo ingest corpus\n  llo ingest my-dossier --unit sentence --out out/sentences.csv\n  llo ingest corpus --json | jq .segments',
    )
    .action(
      async (
        dir: string,
        opts: { out: string; unit: string; json?: boolean; jobs?: string; allowOutside?: boolean },
      ) => {
        const jobs = opts.jobs === undefined ? undefined : wholeNumber(opts.jobs, '--jobs', 1, 64);
        const unit = segmentUnit(opts.unit);
        // The core is imported here, not at the top: `llo --help` should not load zod, yaml and the rest.
        const { openCorpus } = await import('../corpus/manifest.js');
        const { ingestToFile } = await import('../corpus/write.js');
        const corpus = await openCorpus(dir, { allowOutside: opts.allowOutside === true });
        const bar = await progress(corpus.documents.length, 'ingest');
        let summary;
        try {
          summary = await ingestToFile(corpus, opts.out, unit, (doc) => bar.tick(doc.entry.id), jobs);
        } finally {
          bar.stop();
        }
        if (opts.json) return printJson(summary);
        const w = (s: string) => process.stdout.write(s + '\n');
        w(
          `Ingested ${plural(summary.documents, 'document')} (${plural(summary.pages, 'PDF page')}, ${plural(summary.segments, 'segment')}, ` +
            `${plural(summary.words, 'word')}) into ${summary.out}`,
        );
        const idWidth = Math.max(...summary.perDocument.map((d) => d.id.length));
        for (const d of summary.perDocument) {
          const pages = d.pages === null ? '' : plural(d.pages, 'page');
          w(
            `  ${d.id.padEnd(idWidth)}  ${d.format.padEnd(8)} ${pages.padStart(9)}  ${plural(d.segments, 'segment').padStart(13)}  ${d.status}`,
          );
        }
        for (const id of summary.removed) w(`  ${id.padEnd(idWidth)}  removed since the last run`);
        const changed = summary.perDocument.filter((d) => d.status === 'changed').map((d) => d.id);
        if (changed.length > 0)
          w(`Changed since the last run: ${changed.join(', ')} — check codings with \`llo codings validate\`.`);
        for (const { document, message } of summary.warnings)
          process.stderr.write(`llo: warning: ${document ? document + ': ' : ''}${message}\n`);
      },
    );
}
