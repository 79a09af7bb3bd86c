import type { Command } from 'commander';
import { LloError } from '../errors.js';
import { terminalSafe } from '../text/safe.js';
import { printJson, plural } from './output.js';
import { wholeNumber } from './options.js';
import { Workspace } from '../workspace/index.js';
import { VERSION } from './main.js';

interface Options {
  dossier?: string;
  from?: string;
  type?: string;
  manifest?: string;
  corpus?: string;
  force?: boolean;
  baseUrl?: string;
  retries: number;
  retryDelay: number;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('fetch')
    .summary('download official publications (XML, else PDF) into the corpus and corpus.yaml')
    .description(
      'Downloads Dutch official publications by id, by dossier (through the SRU search service of repository.overheid.nl) ' +
        'or by a study manifest, writes the XML (the PDF where there is no XML) into the corpus folder, and adds each ' +
        'document to corpus.yaml with title, type, date, dossier, identifier, a citation key such as "TK 2021/2022b" and ' +
        'the source URL. One request at a time, with retries; an interrupted run continues where it stopped. A local ' +
        'file that differs from the published one is kept and reported as changed, unless --force.',
    )
    .argument('[ids...]', 'publication ids, e.g. kst-30012-142 stcrt-2021-35685')
    .option('--dossier <number>', 'every publication of a Tweede Kamer dossier, e.g. 30012')
    .option('--from <date>', 'with --dossier: only publications from this date (YYYY-MM-DD)')
    .option('--type <type>', 'with --dossier: only this kind, e.g. "Brief regering"')
    .option('--manifest <file>', 'every publication a study manifest lists (study-2024: the bundled one)')
    .option('--corpus <dir>', "the corpus folder (default: the study's, else corpus)")
    .option('--force', 'replace local files that differ from the published ones')
    .option(
      '--base-url <url>',
      'one server for search and documents instead of the official ones (env LLO_FETCH_BASE_URL)',
    )
    .option('--retries <n>', 'retries per request after a network error or a busy service', wholeNumber(0, 10), 4)
    .option('--retry-delay <ms>', 'wait before the first retry; doubles each time', wholeNumber(0, 60_000), 2000)
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  llo fetch kst-30012-142 stcrt-2021-35685\n  llo fetch --dossier 30012 --from 2020-09-01 --type "Brief regering"\n  llo fetch --manifest study-2024 --corpus study/corpus     # the documents of the 2024 study',
    )
    .action(async (ids: string[], opts: Options) => {
      const { fetchPublications, endpointsAt } = await import('../fetch/fetch.js');
      const { loadStudyManifest, studyTargets } = await import('../fetch/study.js');
      const study = opts.manifest ? studyTargets((await loadStudyManifest(opts.manifest)).manifest) : undefined;
      if ((opts.from || opts.type) && !opts.dossier)
        throw new LloError('LLO_OPTION', '--from and --type go with --dossier');
      const say = (line: string) => !opts.json && process.stdout.write(terminalSafe(line) + '\n');
      const { results, manifest, created, adopted } = await fetchPublications(
        {
          ids: [...new Set([...ids, ...(study?.ids ?? [])])],
          ...(study ? { presetCites: study.presetCites, reservedCites: study.reservedCites } : {}),
          ...(opts.dossier ? { dossier: opts.dossier } : {}),
          ...(opts.from ? { from: opts.from } : {}),
          ...(opts.type ? { type: opts.type } : {}),
          corpus: opts.corpus ?? (await Workspace.open()).corpus,
          force: opts.force === true,
          endpoints: endpointsAt(opts.baseUrl ?? process.env['LLO_FETCH_BASE_URL']),
          http: {
            retries: opts.retries,
            retryDelayMs: opts.retryDelay,
            pauseMs: 250,
            timeoutMs: 120_000,
            userAgent: `llo/${VERSION} (qualitative coding of policy documents)`,
          },
        },
        (r) =>
          say(
            `${r.id}: ${r.status}${r.file ? ` ${r.file}` : ''}${r.cite ? ` [${r.cite}]` : ''}${r.added ? ', added to corpus.yaml' : ''}${r.message ? ` — ${r.message}` : ''}`,
          ),
      );
      if (adopted.length > 0) say(`Listed in corpus.yaml, so they stay in the corpus: ${adopted.join(', ')}`);
      if (opts.json) printJson({ manifest, created, adopted, results });
      const count = (s: string) => results.filter((r) => r.status === s).length;
      say(
        `${plural(results.length, 'publication')}: ${count('new')} new, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('changed')} changed, ${count('failed')} failed. Manifest: ${manifest}${created ? ' (created)' : ''}`,
      );
      if (count('failed') > 0)
        throw new LloError(
          'LLO_FETCH_INCOMPLETE',
          `${plural(count('failed'), 'publication')} could not be fetched (see above)`,
        );
    });
}
