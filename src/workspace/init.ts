import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { LloError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { fileError } from '../io/file-errors.js';
import { BUNDLED_CODEBOOK, findProjectFile, PROJECT_FILE } from './project.js';

/**
 * `llo init`: a study folder with everything the commands look for — the project file, a corpus
 * folder with a commented manifest, a copy of the default codebook (the study's own from now on,
 * so inductive codes and tuning stay with the study), an output folder, a .gitignore and a README
 * of next steps. Nothing that exists is overwritten.
 */
export interface InitResult {
  dir: string;
  created: string[];
}

export interface InitOptions {
  name?: string;
  coders?: string[];
  /** Create the study even inside another study (whose commands it then takes over inside it). */
  nested?: boolean;
}

export async function initStudy(dir: string, options: InitOptions = {}): Promise<InitResult> {
  const root = resolve(dir);
  const enclosing = findProjectFile(root);
  if (enclosing && resolve(enclosing) === join(root, PROJECT_FILE))
    throw new LloError('LLO_INIT_EXISTS', 'this folder is a study already', { file: join(dir, PROJECT_FILE) });
  // Commands find the nearest project file: a study made inside another would silently take over
  // from the outer one for everything run inside it (its corpus, codebook, out/).
  if (enclosing && !options.nested)
    throw new LloError(
      'LLO_INIT_NESTED',
      `${dir} is inside the study of this project file; a study there would take over from it for every command run inside ${dir} (give --nested to create one anyway)`,
      { file: relative(resolve('.'), enclosing) || enclosing },
    );
  const name = options.name ?? basename(root);
  const codebook = await readFile(BUNDLED_CODEBOOK, 'utf8').catch((err: unknown) => {
    throw fileError(err, BUNDLED_CODEBOOK, 'reading', 'the default codebook');
  });
  const files: [string, string][] = [
    [PROJECT_FILE, projectFile(name, options.coders ?? [])],
    ['corpus/corpus.yaml', CORPUS_MANIFEST],
    ['codebooks/llo.yaml', codebook],
    ['.gitignore', GITIGNORE],
    ['README.md', readme(name)],
  ];
  const existing = files.filter(([path]) => existsSync(join(root, path))).map(([path]) => path);
  if (existing.length > 0)
    throw new LloError(
      'LLO_INIT_EXISTS',
      `would overwrite ${existing.join(', ')}; llo init creates a study only where these files are not yet`,
      { file: join(dir, existing[0]!) },
    );
  for (const [path, content] of files) await writeFileAtomic(join(root, path), content);
  await mkdir(join(root, 'out'), { recursive: true }).catch((err: unknown) => {
    throw fileError(err, join(dir, 'out'), 'writing');
  });
  return { dir, created: [...files.map(([path]) => path), 'out/'] };
}

function projectFile(name: string, coders: string[]): string {
  return `# The llo project file: it marks this folder as a study. Every llo command run anywhere inside
# this folder finds it (as git finds .git) and takes its paths from it; flags still override.
# Paths are relative to this file.
name: ${JSON.stringify(name)}
# The documents, and corpus.yaml that describes them.
corpus: corpus
# The codebook: actors, paradigms and codes. This copy is the study's own: inductive codes are
# added to it, and its version is raised whenever it changes.
codebook: codebooks/llo.yaml
# The segment that is coded: paragraph or sentence.
unit: paragraph
# Where llo writes: segments.csv, codings/<coder>.csv, tables/.
out: out
# The people who code (and "auto", the automatic coder), e.g. [anna, ben].
coders: ${JSON.stringify(coders)}
`;
}

const CORPUS_MANIFEST = `# The corpus manifest. Put the documents (PDF, official XML/HTML, .txt, .md) in this folder.
# As long as this file lists no documents, every such file here is a document, with its file
# name (without extension) as id. To give documents titles, dates and citation keys, or to code
# only part of a long document, list them:
#
# name: My study
# documents:
#   - id: kst-30012-142
#     file: kst-30012-142.xml
#     title: Leven lang ontwikkelen; Brief regering
#     type: kamerbrief
#     date: 2022-03-25
#     cite: TK 2021/2022b          # how the document is cited: (TK 2021/2022b: 3)
#   - id: coalitieakkoord-2021
#     file: coalitieakkoord-2021.pdf
#     cite: VVD et al. 2021
#     select:                      # code only the passages about the topic
#       keywords: [leven lang, scholing*]
#       radius: 0
#
# See the README of llo ("The corpus manifest") for every key.
`;

const GITIGNORE = `# Left behind only by an interrupted llo run; never data.
.*.tmp
*.lock
`;

function readme(name: string): string {
  return `# ${name}

A study coded with llo. Next steps, from anywhere inside this folder:

1. Put the documents in \`corpus/\` (PDF, official XML/HTML, .txt, .md); describe them in
   \`corpus/corpus.yaml\` if you want titles, dates and citation keys.
2. \`llo ingest\` — cut them into segments (\`out/segments.csv\`).
3. \`llo code --coder auto\` — the automatic first pass (\`out/codings/auto.csv\`);
   \`llo code --interactive --coder <you>\` — code by hand.
4. \`llo agreement out/codings/<a>.csv out/codings/<b>.csv\` — intercoder agreement.
5. \`llo tables\` — role-dominance tables and charts (\`out/tables/README.md\`).

The codebook is \`codebooks/llo.yaml\` (the study's own copy); the settings are in \`llo.project.yaml\`.
`;
}
