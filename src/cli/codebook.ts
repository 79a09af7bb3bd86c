import type { Command } from 'commander';
import { criteria } from '../codebook/criteria.js';
import { loadCodebook } from '../codebook/load.js';
import { textTable } from '../tables/render.js';
import { Workspace } from '../workspace/index.js';
import { plural, printJson, say } from './output.js';

/** The codebook named, or the study's (else codebooks/llo.yaml, else the one that ships with llo). */
async function codebookFile(file: string | undefined): Promise<string> {
  return file ?? (await Workspace.open()).codebookFile;
}

export function register(program: Command): void {
  const codebook = program
    .command('codebook')
    .summary('check or show a codebook')
    .description(
      'Check a YAML codebook (every problem with file:line:column) or show its actors, paradigms and codes.',
    );

  codebook
    .command('validate')
    .description(
      'Check a codebook: unknown keys, duplicate ids, unknown actors or paradigms, invalid or hazardous patterns; ' +
        'list the include/exclude criteria that remain for people only.',
    )
    .argument('[file]', "the codebook (default: the study's, else codebooks/llo.yaml)")
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExamples:\n  llo codebook validate\n  llo codebook validate my-codebook.yaml')
    .action(async (fileArg: string | undefined, opts: { json?: boolean }) => {
      const file = await codebookFile(fileArg);
      const { codebook: book } = await loadCodebook(file);
      const all = criteria(book);
      const people = all.filter((c) => !c.appliedBy);
      const inductive = book.codes.filter((c) => c.origin === 'inductive').length;
      const indicators = book.codes.reduce((n, c) => n + (c.indicators?.length ?? 0), 0);
      if (opts.json)
        return printJson({
          file,
          valid: true,
          version: book.version,
          actors: book.actors.length,
          paradigms: book.paradigms.length,
          codes: book.codes.length,
          inductive,
          indicators,
          criteria: { machine: all.filter((c) => c.appliedBy), people },
        });
      say(
        `${file}: valid — ${book.name} ${book.version}: ${plural(book.actors.length, 'actor')}, ${plural(book.paradigms.length, 'paradigm')}, ` +
          `${plural(book.codes.length, 'code')} (${inductive} inductive), ${plural(indicators, 'indicator')}\n`,
      );
      say(
        `Include/exclude criteria: ${all.length - people.length} applied by the automatic coder, ${people.length} for people only:\n`,
      );
      for (const c of people) say(`  ${c.code} ${c.kind}: ${c.text}\n`);
    });

  codebook
    .command('show')
    .description('List the actors, paradigms and codes of a codebook.')
    .argument('[file]', "the codebook (default: the study's, else codebooks/llo.yaml)")
    .option('--json', 'print the whole codebook as JSON')
    .addHelpText('after', '\nExamples:\n  llo codebook show\n  llo codebook show --json | jq ".codes[].id"')
    .action(async (fileArg: string | undefined, opts: { json?: boolean }) => {
      const { codebook: book } = await loadCodebook(await codebookFile(fileArg));
      if (opts.json) return printJson(book);
      const w = say;
      w(
        `${book.name} ${book.version} (${book.language})\n\nParadigms: ${book.paradigms.map((p) => `${p.id} (${p.label})`).join(', ')}\n\n`,
      );
      for (const actor of book.actors) {
        const codes = book.codes.filter((c) => c.actor === actor.id);
        w(`${actor.label} [${actor.id}] — ${plural(actor.aliases.length, 'alias', 'aliases')}\n`);
        w(
          textTable(
            ['code', 'role', 'paradigms', 'origin', 'indicators'],
            codes.map((c) => [c.id, c.role, c.paradigms.join(', '), c.origin, String(c.indicators?.length ?? 0)]),
            ['left', 'left', 'left', 'left', 'right'],
          ),
        );
        w('\n');
      }
    });
}
