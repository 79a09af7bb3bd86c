import { checkOutputFolder, writeOutputFolder, type FolderWrite } from '../io/output-folder.js';
import { lineDiff } from './diff.js';

/** Writes the tables into their folder; llo removes only stale files it wrote itself (see io/output-folder). */
export function writeTables(dir: string, files: ReadonlyMap<string, string>): Promise<FolderWrite> {
  return writeOutputFolder(dir, files);
}

/** Compares the tables on disk with regenerated ones: the differences as a readable diff, or [] when up to date. */
export function checkTables(dir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  return checkOutputFolder(dir, files, lineDiff);
}
