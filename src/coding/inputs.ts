import { stat } from 'node:fs/promises';
import { fileError } from '../io/file-errors.js';

/**
 * Checks that input files are there and are files, before a command opens any output or lock: a
 * mistyped name or a folder given for a file then fails with one line and leaves nothing behind.
 */
export async function requireFiles(inputs: readonly { file: string; what: string }[]): Promise<void> {
  for (const { file, what } of inputs) {
    const s = await stat(file).catch((err: unknown) => {
      throw fileError(err, file, 'reading', what);
    });
    if (!s.isFile()) throw fileError({ code: 'EISDIR' }, file, 'reading', what);
  }
}
