import { basename } from 'node:path';
import { loadCodebook } from '../codebook/load.js';
import type { Codebook } from '../codebook/schema.js';
import type { Coding } from '../coding/codings.js';
import { ingest } from '../corpus/ingest.js';
import { openCorpus, type CorpusEntry } from '../corpus/manifest.js';
import { SEGMENT_COLUMNS, type Segment } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { csvRows } from '../io/csv.js';
import { openCodings, openSegments } from '../workspace/index.js';
import { codebookToQda, codeGuid } from './codebook-map.js';
import { describe } from './describe.js';
import { guid } from './guid.js';
import type { QdaNote, QdaProject, QdaSelection, QdaSource, QdaVariable } from './project.js';
import { codeNode, printProject, QDA_NAMESPACE } from './project.js';
import { codePointIndex, sliceCodePoints } from './text.js';
import { printXml, type XmlNode } from './xml.js';
import { zipBytes } from './zip.js';

/**
 * `llo export qdpx`: the project — codebook, documents, segments, every coder's codings and memos —
 * as one REFI-QDA file. Each document becomes a TextSource whose plain text is its normalised text,
 * so a selection's positions are the coding's own start and end (code points). Every GUID is a
 * UUID v5 of a stable name and the zip is written with fixed timestamps and order: the same data
 * gives the same bytes. Beside project.qde and sources/, the archive holds llo/segments.csv (the
 * segmentation, which REFI-QDA has no element for); QDA packages ignore it, llo reads it back.
 */

export const SEGMENTS_ENTRY = 'llo/segments.csv';
export const ORIGIN = 'llo';

export interface LloDocument {
  entry: Pick<CorpusEntry, 'id'> &
    Partial<Pick<CorpusEntry, 'title' | 'type' | 'date' | 'cite' | 'dossier' | 'identifier' | 'source' | 'notes'>>;
  text: string;
}

export interface LloProject {
  name: string;
  codebook: Codebook;
  documents: LloDocument[];
  segments: Segment[];
  codings: Coding[];
}

const userGuid = (coder: string) => guid(`user:${coder}`);
const sourceGuid = (document: string) => guid(`source:${document}`);
const selectionKey = (c: Coding) => `${c.coder}|${c.segment}|${c.start}|${c.end}`;

/** xsd:date, for the date variable: a real calendar date in YYYY-MM-DD form. */
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/u.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** The REFI-QDA project of llo data, and the texts of its sources. */
export function toQdaProject(data: LloProject): { project: QdaProject; texts: Map<string, string> } {
  const book = codebookToQda(data.codebook);
  const coders = [...new Set(data.codings.map((c) => c.coder))].sort();
  const dated = data.documents.filter((d) => d.entry.date !== undefined);
  const variables: QdaVariable[] = [
    { guid: guid('variable:cite'), name: 'cite', type: 'Text' },
    { guid: guid('variable:type'), name: 'type', type: 'Text' },
    {
      guid: guid('variable:date'),
      name: 'date',
      type: dated.length > 0 && dated.every((d) => isDate(d.entry.date!)) ? 'Date' : 'Text',
    },
  ];
  const notes: QdaNote[] = [];
  const texts = new Map<string, string>();
  const byDocument = new Map<string, Coding[]>();
  for (const c of data.codings) {
    let list = byDocument.get(c.document);
    if (!list) byDocument.set(c.document, (list = []));
    list.push(c);
  }
  const sources = data.documents.map((doc): QdaSource => {
    const g = sourceGuid(doc.entry.id);
    texts.set(g, doc.text);
    // One selection per coder and coded span, holding one Coding per code of that coder there.
    const groups = new Map<string, Coding[]>();
    for (const c of byDocument.get(doc.entry.id) ?? []) {
      const key = selectionKey(c);
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const selections = [...groups.entries()].map(([key, rows]): QdaSelection => {
      const first = rows[0]!;
      const note = (id: string, memo: string) => {
        notes.push({
          guid: guid(`note:${id}`),
          name: `memo ${first.coder} ${first.segment}`,
          text: memo,
          creatingUser: userGuid(first.coder),
        });
        return [guid(`note:${id}`)];
      };
      const coded = rows.filter((r) => r.code !== '');
      const uncoded = rows.find((r) => r.code === '');
      return {
        guid: guid(`selection:${key}`),
        name: first.segment,
        start: first.start,
        end: first.end,
        creatingUser: userGuid(first.coder),
        // The automatic coder's evidence, and each row's origin, for readers and for llo's re-import.
        description: describe(undefined, 'coding', first.segment, [
          [
            'Codes',
            rows.map(
              (r) =>
                `${r.code === '' ? '(no code)' : r.code} | ${r.origin}${
                  // The automatic coder's confidence and rule (issue 11): "auto [0.9; agent: clause, subject]".
                  r.confidence !== undefined ? ` [${r.confidence}; ${r.rule ?? ''}]` : ''
                }${r.evidence ? ` | ${r.evidence}` : ''}`,
            ),
          ],
        ]),
        codings: coded.map((r) => ({
          guid: guid(`coding:${key}|${r.code}`),
          code: codeGuid(r.code),
          creatingUser: userGuid(r.coder),
          notes: r.memo ? note(`${key}|${r.code}`, r.memo) : [],
        })),
        notes: uncoded?.memo ? note(`${key}|`, uncoded.memo) : [],
      };
    });
    const values: [string, string | undefined][] = [
      ['cite', doc.entry.cite],
      ['type', doc.entry.type],
      ['date', doc.entry.date],
    ];
    return {
      kind: 'TextSource',
      guid: g,
      name: doc.entry.id,
      description: describe(doc.entry.title, 'document', doc.entry.id, [
        ['Dossier', doc.entry.dossier],
        ['Identifier', doc.entry.identifier],
        ['Source', doc.entry.source],
        ['Notes', doc.entry.notes],
      ]),
      plainTextPath: `internal://${g}.txt`,
      selections,
      variables: values.flatMap(([name, value]) =>
        value === undefined ? [] : [{ variable: guid(`variable:${name}`), value }],
      ),
      notes: [],
    };
  });
  return {
    project: {
      name: data.name,
      origin: ORIGIN,
      description: book.description,
      users: coders.map((c) => ({ guid: userGuid(c), name: c })),
      codes: book.codes,
      variables,
      sources,
      notes,
      sets: book.sets,
    },
    texts,
  };
}

/** The .qdpx bytes of llo data. */
export async function qdpxBytes(data: LloProject): Promise<Buffer> {
  checkProject(data);
  const { project, texts } = toQdaProject(data);
  return zipBytes([
    { name: 'project.qde', data: printProject(project) },
    ...[...texts].map(([g, text]) => ({ name: `sources/${g}.txt`, data: text })),
    { name: SEGMENTS_ENTRY, data: csvRows(data.segments, SEGMENT_COLUMNS, true) },
  ]);
}

/** Refuses data that would export wrongly: stale segments, codings that do not fit. */
function checkProject(data: LloProject): void {
  const texts = new Map(data.documents.map((d) => [d.entry.id, { text: d.text, index: codePointIndex(d.text) }]));
  for (const s of data.segments) {
    const doc = texts.get(s.document);
    if (!doc)
      throw new LloError(
        'LLO_QDPX_DATA',
        `segment "${s.segment}" belongs to document "${s.document}", which is not in the corpus`,
      );
    if (sliceCodePoints(doc.text, s.start, s.end, doc.index) !== s.text)
      throw new LloError(
        'LLO_QDPX_DATA',
        `the text of segment "${s.segment}" is not at ${s.start}-${s.end} of its document; the segments file is out of date (run llo ingest)`,
      );
  }
}

export interface ExportQdpxOptions {
  codings: string[];
  corpus: string;
  segments: string;
  codebook: string;
  out: string;
  name?: string;
}

export interface ExportSummary {
  out: string;
  bytes: number;
  documents: number;
  segments: number;
  codes: number;
  coders: { coder: string; codings: number }[];
}

/** Reads the llo project from its files (the corpus is ingested for the documents' texts). */
export async function loadLloProject(options: Omit<ExportQdpxOptions, 'out'>): Promise<LloProject> {
  const { codebook } = await loadCodebook(options.codebook);
  const segmentSet = await openSegments(options.segments);
  const segments = segmentSet.list;
  const { rows } = await openCodings(options.codings, () => Promise.resolve({ codebook, segments: segmentSet }));
  const codings: Coding[] = rows.map(({ line: _line, file: _file, ...c }) => c);
  const corpus = await openCorpus(options.corpus);
  const documents: LloDocument[] = [];
  const segmented = new Set(segments.map((s) => s.document));
  for await (const doc of ingest(corpus, 'paragraph')) {
    if (!segmented.has(doc.entry.id)) continue;
    const { path: _path, format: _format, select: _select, paragraphs: _paragraphs, file: _file, ...entry } = doc.entry;
    documents.push({ entry, text: doc.text.text });
  }
  return { name: options.name ?? corpus.name ?? basename(options.corpus), codebook, documents, segments, codings };
}

export async function runExportQdpx(options: ExportQdpxOptions): Promise<ExportSummary> {
  const data = await loadLloProject(options);
  const bytes = await qdpxBytes(data);
  await writeFileAtomic(options.out, bytes);
  const coders = [...new Set(data.codings.map((c) => c.coder))].sort();
  return {
    out: options.out,
    bytes: bytes.length,
    documents: data.documents.length,
    segments: data.segments.length,
    codes: data.codebook.codes.length,
    coders: coders.map((coder) => ({
      coder,
      codings: data.codings.filter((c) => c.coder === coder && c.code !== '').length,
    })),
  };
}

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/**
 * The codebook alone as a REFI-QDA codebook file (.qdc, namespace urn:QDA-XML:codebook:1.0): the
 * same code tree as in a project, and the paradigms as sets (`MemberCode guid=…` in that format).
 */
export function qdcText(book: Codebook): string {
  const qda = codebookToQda(book);
  return printXml({
    name: 'CodeBook',
    attrs: [
      ['xmlns', QDC_NAMESPACE],
      ['origin', ORIGIN],
    ],
    children: [
      { name: 'Codes', children: qda.codes.map(codeNode) },
      {
        name: 'Sets',
        children: qda.sets.map((s) => ({
          name: 'Set',
          attrs: [
            ['guid', s.guid],
            ['name', s.name],
          ],
          children: [
            ...(s.description ? [{ name: 'Description', text: s.description }] : []),
            ...s.codes.map((g): XmlNode => ({ name: 'MemberCode', attrs: [['guid', g]] })),
          ],
        })),
      },
    ],
  });
}

export async function runExportQdc(options: {
  codebook: string;
  out: string;
}): Promise<{ out: string; codes: number }> {
  const { codebook } = await loadCodebook(options.codebook);
  await writeFileAtomic(options.out, qdcText(codebook));
  return { out: options.out, codes: codebook.codes.length };
}

export { QDA_NAMESPACE };
