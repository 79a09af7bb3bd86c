import type { Command } from 'commander';
import { LloError } from '../errors.js';
import { plural } from './output.js';
import { DEFAULT_CODEBOOK, DEFAULT_SEGMENTS } from './defaults.js';

export function register(program: Command): void {
  const codings = program
    .command('codings')
    .summary('check a codings file')
    .description('Check codings files against the codebook and the segments.');
  codings
    .command('validate')
    .description(
      'Checks every row: known code ids, known segments of the right document, spans inside their segment, and ' +
        'segments whose text changed since they were coded. Each problem is reported with its CSV line; exit 1 if any.',
    )
    .argument('<file>', 'codings file')
    .option('-b, --codebook <file>', 'the codebook', DEFAULT_CODEBOOK)
    .option('-s, --segments <file>', 'the segments file', DEFAULT_SEGMENTS)
    .addHelpText(
      'after',
      '\nExamples:\n  llo codings validate out/codings/auto.csv\n  llo codings validate coder-b.csv --segments out/sentences.csv',
    )
    .action(async (file: string, opts: { codebook: string; segments: string }) => {
      const { loadCodebook } = await import('../codebook/load.js');
      const { readAllCodings } = await import('../coding/codings.js');
      const { readHashes } = await import('../coding/hashes.js');
      const { validateCodings } = await import('../coding/validate.js');
      const { readSegments } = await import('../corpus/read-segments.js');
      const { codebook } = await loadCodebook(opts.codebook);
      const rows = await readAllCodings(file);
      const segments = new Map<string, { document: string; start: number; end: number; hash: string }>();
      for await (const s of readSegments(opts.segments))
        segments.set(s.segment, { document: s.document, start: s.start, end: s.end, hash: s.hash });
      const hashes = await readHashes(file);
      const problems = validateCodings(rows, codebook, segments, hashes);
      if (problems.length > 0) {
        throw new LloError(
          'LLO_CODINGS_INVALID',
          `${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ''}`,
          { file, line: problems[0]!.line },
          problems.map((p) => `${file}:${p.line}: ${p.message}`),
        );
      }
      process.stdout.write(
        `${file}: valid — ${plural(rows.length, 'row')}, ${plural(new Set(rows.map((r) => r.segment)).size, 'segment')}${hashes ? '' : ' (no hashes recorded at coding time: text changes cannot be checked)'}\n`,
      );
    });
}
