import type { Table } from '../tables/table.js';
import type { AgreementSummary, VariableSummary } from './agreement.js';
import type { ReportData } from './build.js';

/**
 * The report as one self-contained HTML page: inline CSS, charts as inline SVG, no script, no
 * font, image or style sheet from elsewhere, so it opens offline, mails as one file and prints.
 * Every text from documents, codings and the codebook is HTML-escaped.
 */
export function esc(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&#39;');
}

const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1a1a1a; max-width: 62rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05rem; margin-top: 1.6rem; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; } th, td { padding: .2rem .55rem; border-bottom: 1px solid #e2e2e2; vertical-align: top; text-align: left; }
th { border-bottom: 2px solid #999; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.notes { font-size: .82rem; color: #555; margin: .2rem 0 1rem; padding-left: 1.2rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; display: block; }
blockquote { margin: .8rem 0 .3rem; padding: .4rem .9rem; border-left: 4px solid #0072B2; background: #f6f8fa; }
.cite { font-size: .88rem; color: #333; margin: 0 0 1rem; } .methods p { text-align: justify; } .draft { font-size: .85rem; color: #8a4b00; }
code { font-size: .85em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; } @page { margin: 18mm 16mm; }
  h2, h3 { break-after: avoid; } table, figure, blockquote, .cite { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}`;

function tableHtml(t: Table, level = 3): string {
  const cls = (i: number) => (t.align[i] === 'right' ? ' class="num"' : '');
  return [
    `<h${level}>${esc(t.title)}</h${level}>`,
    '<table>',
    `<thead><tr>${t.columns.map((c, i) => `<th${cls(i)}>${esc(c)}</th>`).join('')}</tr></thead>`,
    `<tbody>${t.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`).join('\n')}</tbody>`,
    '</table>',
    t.notes.length ? `<ul class="notes">${t.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '',
  ].join('\n');
}

/** An SVG chart of src/tables/charts.ts, inlined with ids unique in the page. */
function figure(svg: string, id: string): string {
  return `<figure>${svg
    .replace(/id="title"/gu, `id="${id}-title"`)
    .replace(/aria-labelledby="title"/gu, `aria-labelledby="${id}-title"`)
    .trim()}</figure>`;
}

const f3 = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));

function agreementHtml(a: AgreementSummary): string {
  const rows = (list: VariableSummary[]) =>
    list
      .map(
        (v) =>
          `<tr><td>${esc(v.id)}</td><td class="num">${f3(v.percent)}</td><td class="num">${f3(v.kappa)}</td><td class="num">${f3(v.alpha)}</td></tr>`,
      )
      .join('\n');
  const head = `<thead><tr><th></th><th class="num">agreement</th><th class="num">${esc(a.kappaName)}</th><th class="num">α</th></tr></thead>`;
  const ci = a.bootstrap?.ci95
    ? ` (95% bootstrap interval ${f3(a.bootstrap.ci95[0])}–${f3(a.bootstrap.ci95[1])}, ${a.bootstrap.replicates} replicates, seed ${a.bootstrap.seed})`
    : '';
  return [
    '<h2 id="agreement">Intercoder agreement</h2>',
    `<p>Coders ${esc(a.coders.join(', '))}; ${a.units} segments of ${a.documents} document(s) every coder coded, ${a.codedUnits} coded by at least one.</p>`,
    '<ul>',
    `<li>Krippendorff's α over sets of codes (MASI), all segments: <strong>${f3(a.alpha)}</strong>${ci}</li>`,
    `<li>α over sets of codes, only segments someone coded: ${f3(a.alphaCoded)}</li>`,
    `<li>${esc(a.kappaName)}, mean over codes: ${f3(a.meanKappa)}; pooled over codes: ${f3(a.pooledKappa)}</li>`,
    '</ul>',
    `<h3>Per actor (the actor got any role)</h3><table>${head}<tbody>${rows(a.perActor)}</tbody></table>`,
    `<h3>Per paradigm</h3><table>${head}<tbody>${rows(a.perParadigm)}</tbody></table>`,
    `<h3>Per code</h3><table>${head}<tbody>${rows(a.perCode)}</tbody></table>`,
    '<p class="notes">α bands (Krippendorff): below 0.667 unreliable, 0.667–0.800 tentative, 0.800 and up reliable. n/a: undefined (for instance a code nobody used).</p>',
  ].join('\n');
}

export function reportHtml(r: ReportData): string {
  const byName = new Map(r.tables.map((t) => [t.name, t]));
  const quotes = r.topQuotes.map(
    (g) =>
      `<h3>${esc(g.actor)}: ${esc(g.role)} <code>${esc(g.code)}</code></h3>\n` +
      (g.quotes.length === 0
        ? '<p>No quotes.</p>'
        : g.quotes
            .map(
              (q) =>
                `<blockquote>${esc(q.text)}</blockquote>\n<p class="cite">${esc(q.citation)}${q.section ? ` · ${esc(q.section)}` : ''} · coded by ${esc(q.coders.join(', '))}${q.evidence.length ? ` · evidence: ${esc(q.evidence.join(' | '))}` : ''}</p>`,
            )
            .join('\n')),
  );
  const body = [
    `<h1>${esc(r.title)}</h1>`,
    '<p>Role-dominance report made by <code>llo report</code>: which roles policy hands to which actor, and which governance paradigm the mix reveals.</p>',
    '<h2 id="counted">What was counted</h2>',
    `<ul>${r.counted.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`,
    '<h2 id="actors">Actors and paradigms</h2>',
    tableHtml(byName.get('actors')!),
    tableHtml(byName.get('paradigms')!),
    figure(r.charts.paradigms, 'chart-paradigms'),
    '<h2 id="roles">Roles per actor</h2>',
    ...r.codebook.actors.flatMap((a) => [
      tableHtml(byName.get(`dominance-${a.id}`)!),
      figure(r.charts.roles.get(a.id)!, `chart-${a.id}`),
    ]),
    '<h2 id="quotes">Quotes for the dominant roles</h2>',
    ...quotes,
    ...(r.agreement ? [agreementHtml(r.agreement)] : []),
    ...(r.methods
      ? [
          '<section class="methods"><h2 id="methods">Methods (draft)</h2>',
          '<p class="draft">A draft from the numbers above; complete the bracketed parts.</p>',
          ...r.methods.map((p) => `<p>${esc(p)}</p>`),
          '<p class="notes">Krippendorff, K. (2004). <em>Content analysis: An introduction to its methodology</em> (2nd ed.). Sage. — Krippendorff, K. (2011). Computing Krippendorff\'s alpha-reliability. — Passonneau, R. (2006). Measuring agreement on set-valued items (MASI) for semantic and pragmatic annotation. LREC.</p>',
          '</section>',
        ]
      : []),
    '<h2 id="more">Further tables</h2>',
    tableHtml(byName.get('codes-by-document')!),
    tableHtml(byName.get('cooccurrence')!),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No request leaves the page: even a favicon lookup is answered by an empty data URL.
    '<link rel="icon" href="data:,">',
    `<title>${esc(r.title)}</title>`,
    `<style>${CSS}\n</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
