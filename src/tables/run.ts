import { loadCodebook } from '../codebook/load.js';
import { readAllCodings } from '../coding/codings.js';
import { validateCodings } from '../coding/validate.js';
import { openCorpus } from '../corpus/manifest.js';
import { readSegments } from '../corpus/read-segments.js';
import { LloError } from '../errors.js';
import { buildTables } from './build.js';

export type ByAttribute = 'type' | 'year' | 'document';

export interface TablesOptions {
  codings: string[];
  codebook: string;
  segments: string;
  corpus: string;
  by?: ByAttribute;
}

/** Reads codings, codebook and segments, checks that they fit together, and builds every table file. */
export async function makeTables(options: TablesOptions): Promise<Map<string, string>> {
  const { codebook } = await loadCodebook(options.codebook);
  const rows = (
    await Promise.all(options.codings.map((f) => readAllCodings(f).then((r) => r.map((row) => ({ ...row, file: f })))))
  ).flat();
  const documents: string[] = [];
  const index = new Map<string, { document: string; start: number; end: number; hash: string }>();
  for await (const s of readSegments(options.segments)) {
    if (documents[documents.length - 1] !== s.document && !documents.includes(s.document)) documents.push(s.document);
    index.set(s.segment, { document: s.document, start: s.start, end: s.end, hash: s.hash });
  }
  // Unknown codes and segments make every count wrong: refuse, listing the first ten.
  const problems = options.codings.flatMap((file) =>
    validateCodings(
      rows.filter((r) => r.file === file),
      codebook,
      index,
    ).map((p) => `${file}:${p.line}: ${p.message}`),
  );
  if (problems.length > 0) {
    const shown = problems.slice(0, 10);
    throw new LloError(
      'LLO_CODINGS_INVALID',
      `${problems.length} coding row(s) do not fit the codebook or the segments; the first: ${shown[0]!}`,
      { file: options.codings.join(', ') },
      [shown[0]!, ...shown.slice(1), ...(problems.length > 10 ? [`… and ${problems.length - 10} more`] : [])],
    );
  }
  let by: { attribute: string; valueOf: Map<string, string> } | undefined;
  if (options.by === 'document') by = { attribute: 'document', valueOf: new Map(documents.map((d) => [d, d])) };
  else if (options.by) {
    const corpus = await openCorpus(options.corpus);
    const attribute = options.by;
    by = {
      attribute,
      valueOf: new Map(
        corpus.documents.map((d) => [
          d.id,
          attribute === 'type' ? (d.type ?? '') : (/^\d{4}/u.exec(d.date ?? '')?.[0] ?? ''),
        ]),
      ),
    };
  }
  // Themes (a foreign project's codes without an actor role, issue 13) are no actor's roles: the
  // tables leave them and their codings out, and their README says how many.
  const themes = new Set(codebook.codes.filter((c) => c.origin === 'theme').map((c) => c.id));
  const counted = rows.filter((r) => !themes.has(r.code));
  return buildTables({
    codings: counted,
    documents,
    codebook: themes.size > 0 ? { ...codebook, codes: codebook.codes.filter((c) => !themes.has(c.id)) } : codebook,
    sources: {
      codings: options.codings,
      coders: [...new Set(rows.map((r) => r.coder))].sort(),
      rows: rows.length,
      codebook: options.codebook,
      segments: options.segments,
      ...(themes.size > 0 ? { themes: { codes: themes.size, codings: rows.length - counted.length } } : {}),
    },
    ...(by ? { by } : {}),
  });
}
