import { stat } from 'node:fs/promises';
import { readCsv } from '../io/csv.js';

/**
 * Beside each codings file llo keeps the text hashes of the segments it holds codings for, as they
 * were when coded: `auto.csv` → `auto.hashes` (CSV content, a name that `out/codings/*.csv` does not
 * pick up). `llo codings validate` compares them with the current segments to flag codings made on
 * text that has changed since.
 */
export const HASH_COLUMNS = ['segment', 'hash'] as const;

export function hashesFile(codingsFile: string): string {
  return codingsFile.replace(/\.csv$/iu, '') + '.hashes';
}

export async function readHashes(codingsFile: string): Promise<Map<string, string> | undefined> {
  const file = hashesFile(codingsFile);
  if (
    !(await stat(file).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    return undefined;
  const out = new Map<string, string>();
  for await (const { values } of readCsv(file, HASH_COLUMNS)) out.set(values['segment']!, values['hash']!);
  return out;
}
