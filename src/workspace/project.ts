import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fileError } from '../io/file-errors.js';
import { parseYaml } from '../io/yaml.js';

/**
 * A study: the folder a researcher works in, marked by a project file. Every command finds it by
 * walking up from the current folder (as git finds `.git`), so `llo ingest`, `llo code --coder a`
 * and `llo tables` work without flags anywhere inside the study. Outside a study the layout of the
 * README applies relative to the current folder (corpus/, codebooks/llo.yaml, out/), with the
 * codebook that ships with llo when there is no codebooks/llo.yaml.
 */
export const PROJECT_FILE = 'llo.project.yaml';

const ProjectSchema = z.strictObject({
  name: z.string().optional(),
  corpus: z.string().min(1).default('corpus'),
  codebook: z.string().min(1).default('codebooks/llo.yaml'),
  unit: z.enum(['paragraph', 'sentence']).default('paragraph'),
  out: z.string().min(1).default('out'),
  coders: z
    .array(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'use letters, digits, ".", "_" or "-"'))
    .default([]),
});

/** The codebook that ships with llo (the package's codebooks/llo.yaml). */
export const BUNDLED_CODEBOOK = fileURLToPath(new URL('../../codebooks/llo.yaml', import.meta.url));

export interface Project {
  /** The project file, when the current folder is inside a study. */
  file?: string;
  name?: string;
  /** Paths as a user would type them from the current folder. */
  corpus: string;
  codebook: string;
  out: string;
  unit: 'paragraph' | 'sentence';
  coders: string[];
}

/** The nearest project file at or above `cwd`, if any. */
export function findProjectFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, PROJECT_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The study around `cwd`, or the default layout when there is none. */
export async function findProject(cwd = process.cwd()): Promise<Project> {
  const file = findProjectFile(cwd);
  if (!file) {
    const local = 'codebooks/llo.yaml';
    return {
      corpus: 'corpus',
      codebook: existsSync(join(cwd, local)) ? local : BUNDLED_CODEBOOK,
      out: 'out',
      unit: 'paragraph',
      coders: [],
    };
  }
  const source = await readFile(file, 'utf8').catch((err: unknown) => {
    throw fileError(err, file, 'reading', 'project file');
  });
  const { value } = parseYaml(source, shown(cwd, file), ProjectSchema, 'project file');
  const root = dirname(file);
  const at = (p: string) => shown(cwd, isAbsolute(p) ? p : join(root, p));
  return {
    file: shown(cwd, file),
    ...(value.name !== undefined ? { name: value.name } : {}),
    corpus: at(value.corpus),
    codebook: at(value.codebook),
    out: at(value.out),
    unit: value.unit,
    coders: value.coders,
  };
}

/** A path as short as it can be said from `cwd`: relative inside, absolute far away. */
function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.split('/').filter((p) => p === '..').length > 3 ? path : rel;
}
