import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCodebook } from '../codebook/load.js';
import type { Codebook } from '../codebook/schema.js';
import { openCorpus } from '../corpus/manifest.js';
import type { Segment } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { openCodings, openSegments } from '../workspace/index.js';
import type { CodingRow } from '../coding/codings.js';
import type { DocumentInfo } from './quotes.js';

export interface CodedProject {
  codebook: Codebook;
  codings: CodingRow[];
  segments: Segment[];
  /** Citation key and title per document id, from the corpus manifest. */
  documents: Map<string, DocumentInfo>;
  /** The corpus manifest's name, if it has one. */
  corpusName?: string;
  warnings: string[];
}

export interface ProjectFiles {
  codings: readonly string[];
  codebook: string;
  segments: string;
  corpus: string;
}

/** Every codings file in a folder (`out/codings/*.csv`), sorted: the default when none are named. */
export async function codingsFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => {
    throw new LloError('LLO_NOT_FOUND', 'no codings folder; name the codings files, or run `llo code` first', {
      file: dir,
    });
  });
  const files = names.filter((n) => n.endsWith('.csv') && !n.startsWith('.')).sort();
  if (files.length === 0)
    throw new LloError('LLO_NOT_FOUND', 'no codings files (*.csv) in the folder; run `llo code` first', { file: dir });
  return files.map((n) => join(dir, n));
}

/**
 * Reads what quotes and reports are made of — codebook, codings, segments and the corpus manifest
 * — and checks that the codings fit the codebook and the segments (the first ten problems listed).
 * Without a manifest the document ids stand in for citation keys, with a warning.
 */
export async function loadCodedProject(files: ProjectFiles): Promise<CodedProject> {
  const { codebook } = await loadCodebook(files.codebook);
  const segments = await openSegments(files.segments);
  const { rows } = await openCodings(files.codings, () => Promise.resolve({ codebook, segments }));
  const documents = new Map<string, DocumentInfo>();
  const warnings: string[] = [];
  let corpusName: string | undefined;
  try {
    const corpus = await openCorpus(files.corpus);
    corpusName = corpus.name;
    for (const d of corpus.documents)
      documents.set(d.id, {
        cite: d.cite ?? d.id,
        ...(d.title !== undefined ? { title: d.title } : {}),
        ...(d.type !== undefined ? { type: d.type } : {}),
        ...(d.date !== undefined ? { date: d.date } : {}),
      });
  } catch (err) {
    if (!(err instanceof LloError) || err.code !== 'LLO_NOT_FOUND') throw err;
    warnings.push(`${files.corpus}: no corpus found, so documents are cited by their ids`);
  }
  const missing = segments.documents.filter((d) => !documents.has(d));
  if (missing.length > 0 && documents.size > 0)
    warnings.push(`${files.corpus}: no citation key for ${missing.join(', ')}; cited by document id`);
  return {
    codebook,
    codings: rows,
    segments: segments.list,
    documents,
    ...(corpusName !== undefined ? { corpusName } : {}),
    warnings,
  };
}
