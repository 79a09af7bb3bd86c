import { writeFileAtomic } from '../io/atomic.js';
import { loadCodedProject, type ProjectFiles } from '../quotes/load.js';
import { tablesFor } from '../tables/build.js';
import { countCodings } from '../tables/counts.js';
import { buildWorkbook } from './workbook.js';

/**
 * `llo export xlsx`: counts the codings as `llo tables` does (the same table functions, so the
 * workbook's numbers are the CSVs' numbers) and writes the workbook atomically.
 */
export async function exportWorkbook(
  files: ProjectFiles,
  out: string,
): Promise<{ sheets: number; warnings: string[] }> {
  const project = await loadCodedProject(files);
  const documents = [...new Set(project.segments.map((s) => s.document))];
  const counts = countCodings(project.codings, documents);
  const tables = tablesFor(counts, project.codebook);
  const coders = [...new Set(project.codings.map((c) => c.coder))].sort();
  const about = [
    `Codings: ${files.codings.join(', ')} — coder(s) ${coders.join(', ') || '(none)'}, ${project.codings.length} rows.`,
    `Codebook: ${files.codebook}, ${project.codebook.name} version ${project.codebook.version}.`,
    `Segments: ${files.segments}, ${documents.length} documents, ${project.segments.length} segments.`,
    `Counting unit: a coded segment; ${counts.codesOf.size} segments carry at least one code. Numbers are numbers; an empty cell is n/a (undefined).`,
  ];
  const buffer = await buildWorkbook({
    tables,
    codings: project.codings.map(({ line: _line, ...c }) => c),
    segments: project.segments,
    about,
  });
  await writeFileAtomic(out, buffer);
  return { sheets: tables.length + 3, warnings: project.warnings };
}
