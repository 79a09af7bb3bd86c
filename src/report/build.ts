import type { Codebook } from '../codebook/schema.js';
import { LloError } from '../errors.js';
import { loadCodedProject } from '../quotes/load.js';
import { collectQuotes, type Quote } from '../quotes/quotes.js';
import { tablesFor } from '../tables/build.js';
import { PALETTE, paradigmChart, roleChart } from '../tables/charts.js';
import { countCodings } from '../tables/counts.js';
import type { Table } from '../tables/table.js';
import { agreementSummary, type AgreementSummary } from './agreement.js';
import { methodsParagraphs } from './methods.js';

export interface ReportOptions {
  codings: string[];
  codebook: string;
  segments: string;
  corpus: string;
  /** Whose codings the tables count; default: `consensus` when there is one, else every coder. */
  coder?: string;
  /** Coders compared for agreement; default: every coder but `auto` and `consensus`. */
  agreementCoders?: string[];
  bootstrap?: { replicates: number; seed: number };
  quotesPerRole: number;
}

/** Everything the page shows, computed; html.ts only lays it out. */
export interface ReportData {
  title: string;
  counted: string[];
  tables: Table[];
  charts: { paradigms: string; roles: Map<string, string> };
  codebook: Codebook;
  topQuotes: { actor: string; code: string; role: string; quotes: Quote[] }[];
  agreement?: AgreementSummary;
  methods?: string[];
  warnings: string[];
}

export async function buildReport(options: ReportOptions): Promise<ReportData> {
  const project = await loadCodedProject(options);
  const { codebook, segments } = project;
  const present = [...new Set(project.codings.map((c) => c.coder))].sort();
  const coder = options.coder ?? (present.includes('consensus') ? 'consensus' : undefined);
  if (coder !== undefined && !present.includes(coder))
    throw new LloError(
      'LLO_UNKNOWN_CODER',
      `coder "${coder}" has no codings in ${options.codings.join(', ')} (coders there: ${present.join(', ')})`,
    );
  const rows = coder === undefined ? project.codings : project.codings.filter((c) => c.coder === coder);
  const documents = [...new Set(segments.map((s) => s.document))];
  const counts = countCodings(rows, documents);
  const tables = tablesFor(counts, codebook);
  const coded = new Set(rows.filter((r) => r.code !== '').map((r) => `${r.segment}\u0000${r.code}`));
  const roles = new Map(
    codebook.actors.map((a, i) => [a.id, roleChart(counts, codebook, a.id, PALETTE[i % PALETTE.length]!)]),
  );

  // The quotes of each actor's dominant role(s): segments the counted coding gives the role,
  // those on which most coders agree first, then in corpus order.
  const topQuotes = codebook.actors.flatMap((a) => {
    const dominance = tables.find((t) => t.name === `dominance-${a.id}`)!;
    return dominance.rows
      .filter((r) => r[6] === 'yes')
      .map((r) => {
        const code = codebook.codes.find((c) => c.id === r[0])!;
        const quotes = collectQuotes(project.codings, segments, [code], project.documents)
          .filter((q) => coded.has(`${q.segment}\u0000${code.id}`))
          .map((q, i) => ({ q, i }))
          .sort((x, y) => y.q.coders.length - x.q.coders.length || x.i - y.i)
          .slice(0, options.quotesPerRole)
          .map(({ q }) => q);
        return { actor: a.label, code: code.id, role: code.role, quotes };
      });
  });

  const compared = options.agreementCoders ?? present.filter((c) => c !== 'auto' && c !== 'consensus');
  let agreement: AgreementSummary | undefined;
  let methods: string[] | undefined;
  if (compared.length >= 2) {
    agreement = await agreementSummary({
      files: options.codings,
      coders: compared,
      segments: options.segments,
      codebook: options.codebook,
      ...(options.bootstrap ? { bootstrap: options.bootstrap } : {}),
    });
    const consensus = project.codings.filter((c) => c.coder === 'consensus' && c.code !== '');
    methods = methodsParagraphs({
      documents: documents.map((d) => project.documents.get(d) ?? { cite: d }),
      unit: segments.some((s) => /:\d+\.\d+$/u.test(s.segment)) ? 'sentence' : 'paragraph',
      segments: segments.length,
      codedSegments: counts.codesOf.size,
      codebook: {
        name: codebook.name,
        version: codebook.version,
        actors: codebook.actors.length,
        codes: codebook.codes.length,
        paradigms: codebook.paradigms.length,
      },
      agreement,
      ...(consensus.length > 0 ? { consensus: new Set(consensus.map((c) => c.segment)).size } : {}),
    });
  }
  const counted = [
    `Codings: ${options.codings.join(', ')}; counted: ${coder === undefined ? `every coder (${present.join(', ')})` : `coder ${coder}`}, ${rows.length} rows.`,
    `Codebook: ${options.codebook}, ${codebook.name} version ${codebook.version} (${codebook.actors.length} actors, ${codebook.codes.length} codes, ${codebook.paradigms.length} paradigms).`,
    `Segments: ${options.segments}, ${documents.length} documents, ${segments.length} segments; ${counts.codesOf.size} segments carry at least one code.`,
    'Counting unit: a coded segment. A segment that carries the same code twice counts once.',
  ];
  return {
    title: project.corpusName ?? 'llo report',
    counted,
    tables,
    charts: { paradigms: paradigmChart(counts, codebook), roles },
    codebook,
    topQuotes,
    ...(agreement ? { agreement } : {}),
    ...(methods ? { methods } : {}),
    warnings: project.warnings,
  };
}
