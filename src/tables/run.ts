import { readCodingsInput } from '../coding/codings-input.js';
import { openCorpus } from '../corpus/manifest.js';
import { refuseOutputOverInputs } from '../io/output-folder.js';
import type { Workspace } from '../workspace/index.js';
import { buildTables } from './build.js';
import { countInput } from './counts.js';

export type ByAttribute = 'type' | 'year' | 'document';

export interface TablesOptions {
  codings: string[];
  /** The tables folder: refused when it holds one of the inputs. */
  out: string;
  by?: ByAttribute;
  /** The CSVs for Excel (see buildTables). */
  excel?: boolean;
}

/**
 * Every table file (relative path → content) for the codings of a workspace. The codings are
 * streamed straight into counts (one code bitset per segment, all coders pooled), checked row by
 * row against the codebook and the segments as they pass; no row is kept.
 */
export async function runTables(ws: Workspace, options: TablesOptions): Promise<Map<string, string>> {
  refuseOutputOverInputs(options.out, [...options.codings, ws.segmentsFile, ws.codebookFile]);
  const { codebook } = await ws.codebook();
  const input = await readCodingsInput(codebook, { files: options.codings, segments: ws.segmentsFile, pool: true });
  let by: { attribute: string; valueOf: Map<string, string> } | undefined;
  if (options.by === 'document') by = { attribute: 'document', valueOf: new Map(input.documents.map((d) => [d, d])) };
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
  const themeRows = input.codes.reduce((n, c, i) => n + (themes.has(c) ? input.codeRows[i]! : 0), 0);
  return buildTables({
    counts: countInput(input, themes),
    codebook: themes.size > 0 ? { ...codebook, codes: codebook.codes.filter((c) => !themes.has(c.id)) } : codebook,
    sources: {
      codings: options.codings,
      coders: [...input.present].sort(),
      rows: input.rows,
      codebook: ws.codebookFile,
      segments: ws.segmentsFile,
      ...(themes.size > 0 ? { themes: { codes: themes.size, codings: themeRows } } : {}),
    },
    ...(by ? { by } : {}),
    ...(options.excel ? { excel: true } : {}),
  });
}
