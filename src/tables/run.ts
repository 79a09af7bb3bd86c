import { openCorpus } from '../corpus/manifest.js';
import { refuseOutputOverInputs } from '../io/output-folder.js';
import type { Workspace } from '../workspace/index.js';
import { buildTables } from './build.js';

export type ByAttribute = 'type' | 'year' | 'document';

export interface TablesOptions {
  codings: string[];
  /** The tables folder: refused when it holds one of the inputs. */
  out: string;
  by?: ByAttribute;
}

/** Every table file (relative path → content) for the codings of a workspace; checks they fit first. */
export async function runTables(ws: Workspace, options: TablesOptions): Promise<Map<string, string>> {
  refuseOutputOverInputs(options.out, [...options.codings, ws.segmentsFile, ws.codebookFile]);
  const [{ codebook }, segments] = await Promise.all([ws.codebook(), ws.segments({ text: false })]);
  const codings = await ws.codings(options.codings);
  let by: { attribute: string; valueOf: Map<string, string> } | undefined;
  if (options.by === 'document')
    by = { attribute: 'document', valueOf: new Map(segments.documents.map((d) => [d, d])) };
  else if (options.by) {
    const corpus = await openCorpus(ws.corpus);
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
  const counted = themes.size > 0 ? codings.rows.filter((r) => !themes.has(r.code)) : codings.rows;
  return buildTables({
    codings: counted,
    documents: segments.documents,
    codebook: themes.size > 0 ? { ...codebook, codes: codebook.codes.filter((c) => !themes.has(c.id)) } : codebook,
    sources: {
      codings: options.codings,
      coders: codings.coders,
      rows: codings.rows.length,
      codebook: ws.codebookFile,
      segments: ws.segmentsFile,
      ...(themes.size > 0 ? { themes: { codes: themes.size, codings: codings.rows.length - counted.length } } : {}),
    },
    ...(by ? { by } : {}),
  });
}
