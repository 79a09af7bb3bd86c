import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LloError } from '../errors.js';
import { parseYaml } from '../io/yaml.js';

/**
 * A study manifest: the official publications a study used, by identifier, with the citation key
 * the study gave each where it is known. `llo fetch --manifest FILE` rebuilds that corpus.
 */
const StudyManifest = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  /** Citation keys the study gave documents that cannot be fetched: new keys skip their letters. */
  reserved: z.array(z.string()).optional(),
  documents: z
    .array(
      z.strictObject({
        identifier: z.string().min(1),
        cite: z.string().optional(),
        title: z.string().optional(),
        notes: z.string().optional(),
      }),
    )
    .min(1, 'the manifest lists no documents'),
});
export type StudyManifest = z.infer<typeof StudyManifest>;

/** Manifests shipped with llo, by name: `llo fetch --manifest study-2024` works outside the repository. */
const BUNDLED: Record<string, string> = {
  'study-2024': fileURLToPath(new URL('../../corpus/study-2024.yaml', import.meta.url)),
};

export async function loadStudyManifest(nameOrFile: string): Promise<{ file: string; manifest: StudyManifest }> {
  const isFile = await stat(nameOrFile).then(
    (s) => s.isFile(),
    () => false,
  );
  const file = isFile ? nameOrFile : (BUNDLED[nameOrFile] ?? nameOrFile);
  const source = await readFile(file, 'utf8').catch(() => {
    throw new LloError(
      'LLO_NOT_FOUND',
      `no such manifest file (bundled manifests: ${Object.keys(BUNDLED).join(', ')})`,
      { file: nameOrFile },
    );
  });
  return { file, manifest: parseYaml(source, file, StudyManifest, 'study manifest').value };
}

/** What a study manifest asks llo fetch for: the ids, the study's own keys, and the keys reserved. */
export function studyTargets(manifest: StudyManifest): {
  ids: string[];
  presetCites: Map<string, string>;
  reservedCites: string[];
} {
  return {
    ids: manifest.documents.map((d) => d.identifier),
    presetCites: new Map(manifest.documents.flatMap((d) => (d.cite ? [[d.identifier, d.cite] as const] : []))),
    reservedCites: manifest.reserved ?? [],
  };
}
