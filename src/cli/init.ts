import type { Command } from 'commander';
import { initStudy, type InitOptions } from '../workspace/init.js';
import { coderName, list } from './options.js';
import { printJson, say } from './output.js';

export function register(program: Command): void {
  program
    .command('init')
    .summary('create a study folder: project file, corpus, codebook, out')
    .description(
      'Creates a study folder: llo.project.yaml (the paths every command then uses from anywhere inside the ' +
        'folder), corpus/ with a commented corpus.yaml, codebooks/ with a copy of the default codebook, out/, ' +
        'a .gitignore and a README of next steps. Never overwrites a file; refuses a folder inside another study ' +
        '(whose commands the new study would take over there) unless --nested.',
    )
    .argument('[dir]', 'the study folder (created if needed)', '.')
    .option('--name <name>', 'the study name (default: the folder name)')
    .option('--coders <names>', 'the coders, comma-separated', (text: string) => list(text).map(coderName))
    .option('--nested', 'create the study even inside another study (it then takes over inside its folder)')
    .option('--json', 'print what was created as JSON')
    .addHelpText('after', '\nExamples:\n  llo init my-study && cd my-study\n  llo init . --coders anna,ben')
    .action(async (dir: string, opts: InitOptions & { json?: boolean }) => {
      const result = await initStudy(dir, opts);
      if (opts.json) return printJson(result);
      say(`Created a study in ${dir}: ${result.created.join(', ')}.\n`);
      say(`Next: put documents in ${dir === '.' ? '' : `${dir}/`}corpus/, then run \`llo ingest\` inside the study.\n`);
    });
}
