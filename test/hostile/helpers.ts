import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LloError } from '../../src/errors.js';

/** The one line llo prints for an error (without the "llo: error: " prefix), or a note that none came. */
export async function errorLine(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (err instanceof LloError) return err.format();
    throw err;
  }
  return 'no error';
}

/** Writes a corpus.yaml listing the given entries (YAML text of the documents list). */
export function manifest(dir: string, documents: string): string {
  const file = join(dir, 'corpus.yaml');
  writeFileSync(file, `documents:\n${documents}`);
  return file;
}
