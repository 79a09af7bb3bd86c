import { Argument, Option, type Command } from 'commander';
import { runImportQdc, QDC_NOT_CARRIED, runImportQdpx } from '../interop/import.js';
import type { ImportUnit } from '../interop/to-llo.js';
import { jsonOption } from './options.js';
import { plural, printJson, say } from './output.js';

export function register(program: Command): void {
  program
    .command('import')
    .summary('a REFI-QDA project or codebook from a QDA package, as llo files')
    .description(
      'Writes DIR/corpus/ (texts and corpus.yaml), DIR/codebook.yaml, DIR/segments.csv and DIR/codings/<coder>.csv, ' +
        'ready for llo agreement, llo tables and llo code. A .qdc gives DIR/codebook.yaml alone. A file that fails a ' +
        'check is refused and nothing is written.',
    )
    .addArgument(new Argument('<format>', 'qdpx or qdc').choices(['qdpx', 'qdc']))
    .argument('<file>', 'the file to import')
    .requiredOption('-o, --out <dir>', 'a new (or empty) folder for the result')
    .addOption(
      new Option(
        '--unit <unit>',
        'segment: a selection codes the segments it overlaps by at least half; character: every segment it touches, with exact spans',
      )
        .choices(['segment', 'character'] as const)
        .default('segment'),
    )
    .addOption(jsonOption('print the summary and the report as JSON'))
    .addHelpText(
      'after',
      '\nExamples:\n  llo import qdpx maxqda-export.qdpx --out imported\n' +
        '  llo agreement imported/codings/*.csv --codebook imported/codebook.yaml --segments imported/segments.csv',
    )
    .action(async (format: string, file: string, opts: { out: string; unit: ImportUnit; json?: boolean }) => {
      if (format === 'qdc') {
        const s = await runImportQdc({ file, out: opts.out });
        if (opts.json) return printJson(s);
        say(`${opts.out}/codebook.yaml: ${plural(s.codes, 'code')}, ${plural(s.themes.length, 'theme')}\n`);
        return say(
          `  a .qdc has no place for the codebook's ${QDC_NOT_CARRIED}: it is now "${s.name}", version ${s.version}, ` +
            `language ${s.language}; set them in codebook.yaml\n`,
        );
      }
      const s = await runImportQdpx({ file, out: opts.out, unit: opts.unit });
      if (opts.json) return printJson(s);
      const r = s.report;
      const lines = [
        `${opts.out}: ${plural(s.documents, 'document')}, ${plural(s.segments, 'segment')} (${r.segmentation === 'llo' ? 'llo’s own segments' : 'paragraphs'}), ` +
          `${plural(s.codes, 'code')} (${plural(r.themes.length, 'theme')} without an actor role)`,
        ...s.coders.map((c) => `  ${c.coder}: ${plural(c.codings, 'coding')} → ${c.file}`),
        ...r.skipped.map((k) => `  skipped source "${k.source}": ${k.reason}`),
        ...r.countings.map((c) => `  ${c.document}: positions read as ${c.counting} (${c.evidence})`),
        ...r.misfits.map(
          (m) =>
            `  left out, ${m.document}${m.line ? ` (project.qde line ${m.line})` : ''} selection ${m.selection}: ${m.reason}`,
        ),
        ...r.doubtful.map(
          (d) =>
            `  check ${d.document}${d.line ? ` (line ${d.line})` : ''}: selection named "${d.name}" covers "${d.text}"`,
        ),
        ...(r.annotations > 0
          ? [`  ${plural(r.annotations, 'selection')} without a code (annotations) not imported`]
          : []),
        ...r.warnings.map((w) => `  warning: ${w}`),
      ];
      // One line per item: a name or text from the project cannot break a line of the report.
      say(lines.map((l) => l.replace(/[\r\n]+/gu, ' ')).join('\n') + '\n');
    });
}
