import { isSeq, type Document } from 'yaml';
import { writeFileAtomic } from '../io/atomic.js';
import { LloError } from '../errors.js';
import { parseCodebook, type LoadedCodebook } from './load.js';
import type { CodeDefinition } from './schema.js';

/**
 * Adds a code to a codebook and returns the new YAML text. The change goes through yaml's document
 * API, so the file's comments, key order and formatting stay as the researcher wrote them; the
 * version's last number is raised by one; the result is validated before it is returned.
 */
export function addCode(loaded: LoadedCodebook, code: CodeDefinition): { text: string; version: string } {
  if (loaded.codebook.codes.some((c) => c.id === code.id)) {
    throw new LloError('LLO_DUPLICATE_ID', `the codebook already has a code "${code.id}"`, { file: loaded.file });
  }
  const document = loaded.document.clone() as Document.Parsed;
  const codes = document.get('codes', true);
  if (!isSeq(codes))
    throw new LloError('LLO_CODEBOOK_INVALID', 'the codebook has no codes list', { file: loaded.file });
  codes.add(document.createNode(dropUndefined(code)));
  const version = bumpVersion(loaded.codebook.version);
  // Keep the version's type: a plain number stays a number, not a quoted string.
  document.set(
    'version',
    typeof document.get('version') === 'number' && /^\d+$/u.test(version) ? Number(version) : version,
  );
  const text = document.toString({ lineWidth: 0, flowCollectionPadding: false });
  parseCodebook(text, loaded.file);
  return { text, version };
}

export async function writeCodebook(file: string, text: string): Promise<void> {
  await writeFileAtomic(file, text);
}

/** "1.1.0" → "1.1.1", "3" → "4", "v2-draft" → "v2-draft.1". */
export function bumpVersion(version: string): string {
  const m = /^(.*?)(\d+)$/u.exec(version);
  return m ? `${m[1]!}${Number(m[2]) + 1}` : `${version}.1`;
}

function dropUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
