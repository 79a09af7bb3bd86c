import type { Command } from 'commander';
import { LloError } from '../errors.js';
import { terminalSafe } from '../text/safe.js';
import { plural, printJson } from './output.js';

export function register(program: Command): void {
  program
    .command('import')
    .summary('import a REFI-QDA project (.qdpx) or codebook (.qdc) from Atlas.ti, MAXQDA, NVivo, QualCoder')
    .description(
      'Writes DIR/corpus/ (texts and corpus.yaml), DIR/codebook.yaml, DIR/segments.csv and DIR/codings/<coder>.csv, ' +
        'ready for llo agreement, llo tables and llo code. A .qdc gives DIR/codebook.yaml alone. Nothing is written when the file is refused.',
    )
    .argument('<format>', 'qdpx or qdc')
    .argument('<file>', 'the file to import')
    .requiredOption('-o, --out <dir>', 'a new (or empty) folder for the result')
    .option(
      '--unit <unit>',
      'segment: a selection codes the segments it overlaps by at least half; character: every segment it touches, exact spans',
      'segment',
    )
    .option('--json', 'print the summary and report as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  llo import qdpx maxqda-export.qdpx --out imported\n  llo agreement imported/codings/*.csv --codebook imported/codebook.yaml --segments imported/segments.csv',
    )
    .action(async (format: string, file: string, opts: { out: string; unit: string; json?: boolean }) => {
      if (format !== 'qdpx' && format !== 'qdc')
        throw new LloError('LLO_OPTION', `the format must be qdpx or qdc, got "${format}"`);
      if (opts.unit !== 'segment' && opts.unit !== 'character')
        throw new LloError('LLO_OPTION', `--unit must be segment or character, got "${opts.unit}"`);
      const { runImportQdpx, runImportQdc } = await import('../interop/import.js');
      if (format === 'qdc') {
        const s = await runImportQdc({ file, out: opts.out });
        if (opts.json) return printJson(s);
        process.stdout.write(
          `${opts.out}/codebook.yaml: ${plural(s.codes, 'code')}, ${plural(s.themes.length, 'theme')}\n`,
        );
        return;
      }
      const s = await runImportQdpx({ file, out: opts.out, unit: opts.unit });
      if (opts.json) return printJson(s);
      const r = s.report;
      const say = (line: string) => process.stdout.write(`${terminalSafe(line, { newlines: false })}\n`);
      say(
        `${opts.out}: ${plural(s.documents, 'document')}, ${plural(s.segments, 'segment')} (${r.segmentation === 'llo' ? 'llo’s own segments' : 'paragraphs'}), ` +
          `${plural(s.codes, 'code')} (${plural(r.themes.length, 'theme')} without an actor role)`,
      );
      for (const c of s.coders) say(`  ${c.coder}: ${plural(c.codings, 'coding')} → ${c.file}`);
      for (const k of r.skipped) say(`  skipped source "${k.source}": ${k.reason}`);
      for (const c of r.countings) say(`  ${c.document}: positions read as ${c.counting} (${c.evidence})`);
      for (const m of r.misfits)
        say(
          `  left out, ${m.document}${m.line ? ` (project.qde line ${m.line})` : ''} selection ${m.selection}: ${m.reason}`,
        );
      for (const d of r.doubtful)
        say(
          `  check ${d.document}${d.line ? ` (line ${d.line})` : ''}: selection named "${d.name}" covers "${d.text}"`,
        );
      if (r.annotations > 0) say(`  ${plural(r.annotations, 'selection')} without a code (annotations) not imported`);
      for (const w of r.warnings) say(`  warning: ${w}`);
    });
}
