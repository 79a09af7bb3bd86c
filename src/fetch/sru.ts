import { parseDocument, DomUtils } from 'htmlparser2';
import { LloError } from '../errors.js';

/**
 * The search service of the official publications (KOOP's SRU 2.0 endpoint at
 * repository.overheid.nl/sru, keyless). Queries are CQL; records carry Dublin Core and
 * `overheidwetgeving` metadata and the addresses of each manifestation (xml, pdf, html, metadata).
 * Fields are read by their local name, so a change of namespace prefix does not break parsing.
 * Reference: KOOP, "Handleiding SRU 2.0"; the field names as used by parlhist and mdconv (see
 * corpus/SOURCES.md §5 of the shared sources).
 */
export interface PublicationRecord {
  identifier: string;
  title: string;
  /** The kind of Kamerstuk ("Brief regering", scheme OVERHEIDop.KamerstukTypen), if any. */
  subtype: string;
  /** The parliamentary kind ("Kamerstuk", scheme OVERHEIDop.Parlementair), if any. */
  kind: string;
  publication: string;
  creator: string;
  /** ISO date of the document. */
  date: string;
  /** "2021-2022". */
  session: string;
  dossier: string;
  number: string;
  /** The manifestations the service lists: xml, pdf, html, metadata. */
  manifestations: string[];
}

export interface SruPage {
  total: number;
  records: PublicationRecord[];
  /** Where the next page starts (1-based), if there is one. */
  next?: number;
}

/** An element of htmlparser2's DOM (its type lives in a transitive package, so it is named here). */
type Element = ReturnType<typeof DomUtils.findAll>[number];

const isElement = (node: unknown): node is Element => typeof node === 'object' && node !== null && 'attribs' in node;
const local = (e: Element) => e.name.slice(e.name.indexOf(':') + 1);
const text = (e: Element) => DomUtils.textContent(e).trim();

/** The CQL query for one publication by its identifier. */
export function identifierQuery(id: string): string {
  return `c.product-area==officielepublicaties AND dt.identifier==${id}`;
}

/** The CQL query for every publication of a Tweede Kamer dossier, oldest first. */
export function dossierQuery(dossier: string, from?: string): string {
  return `c.product-area==officielepublicaties AND w.dossiernummer==${dossier}${from ? ` AND dt.date>=${from}` : ''} sortBy dt.date/sort.ascending`;
}

export function sruUrl(base: string, query: string, start: number, size: number): string {
  const params = new URLSearchParams({
    query,
    startRecord: String(start),
    maximumRecords: String(size),
    httpAccept: 'application/xml',
  });
  return `${base}?${params.toString()}`;
}

/** Parses one SRU searchRetrieve response; a diagnostic (a refused query) becomes an error. */
export function parseSruResponse(xml: string, url: string): SruPage {
  const dom = parseDocument(xml, { xmlMode: true });
  const all = DomUtils.findAll(() => true, dom.children);
  const root = all[0];
  if (!root || local(root) !== 'searchRetrieveResponse')
    throw new LloError(
      'LLO_FETCH_RESPONSE',
      `the search service answered with something other than an SRU response${root ? ` (<${root.name}>)` : ''}`,
      { at: url },
    );
  const records = all.filter((e) => local(e) === 'record' && e.parent === findChild(root, 'records'));
  const diagnostic = all.find((e) => local(e) === 'diagnostic');
  if (diagnostic && records.length === 0) {
    const message = DomUtils.findAll((e) => ['message', 'details'].includes(local(e)), [diagnostic]).map(text);
    throw new LloError('LLO_FETCH_QUERY', `the search service refused the query: ${message.join('; ')}`, { at: url });
  }
  const total = Number(text(findChild(root, 'numberOfRecords') ?? root));
  const next = Number(findChild(root, 'nextRecordPosition') ? text(findChild(root, 'nextRecordPosition')!) : NaN);
  return {
    total: Number.isFinite(total) ? total : records.length,
    records: records.map(parseRecord).filter((r) => r.identifier !== ''),
    ...(Number.isInteger(next) && next > 0 ? { next } : {}),
  };
}

function findChild(parent: Element, name: string): Element | undefined {
  return parent.children.filter(isElement).find((c) => local(c) === name);
}

function parseRecord(record: Element): PublicationRecord {
  const first = new Map<string, string>();
  const manifestations: string[] = [];
  let subtype = '';
  let kind = '';
  for (const e of DomUtils.findAll(() => true, record.children)) {
    const name = local(e);
    if (name === 'itemUrl' && e.attribs['manifestation']) manifestations.push(e.attribs['manifestation']);
    else if (name === 'type' && e.attribs['scheme'] === 'OVERHEIDop.KamerstukTypen') subtype ||= text(e);
    else if (name === 'type' && e.attribs['scheme'] === 'OVERHEIDop.Parlementair') kind ||= text(e);
    else if (!first.has(name) && !e.children.some(isElement)) first.set(name, text(e));
  }
  const get = (name: string) => first.get(name) ?? '';
  return {
    identifier: get('identifier'),
    title: get('title'),
    subtype,
    kind: kind || get('type'),
    publication: get('publicatienaam'),
    creator: get('creator'),
    date: (get('date') || get('issued') || get('available')).slice(0, 10),
    session: get('vergaderjaar'),
    dossier: get('dossiernummer'),
    number: get('ondernummer'),
    manifestations: [...new Set(manifestations)],
  };
}

/**
 * Metadata from a publication's own XML (`<metadata><meta name content/>`), for a document the
 * search service does not (yet) list: the index lags publication by a day or so.
 */
export function recordFromXml(id: string, xml: string): PublicationRecord {
  const dom = parseDocument(xml, { xmlMode: true });
  const meta = new Map<string, string>();
  for (const e of DomUtils.findAll((e) => e.name === 'meta', dom.children))
    if (e.attribs['name'] && !meta.has(e.attribs['name'])) meta.set(e.attribs['name'], e.attribs['content'] ?? '');
  const get = (name: string) => meta.get(name) ?? '';
  return {
    identifier: id,
    title: get('DC.title'),
    subtype: get('OVERHEIDop.KamerstukTypen') || get('DC.type'),
    kind: '',
    publication: get('OVERHEIDop.publicationName'),
    creator: get('DC.creator'),
    date: (get('DCTERMS.issued') || get('DCTERMS.available')).slice(0, 10),
    session: get('OVERHEIDop.vergaderjaar'),
    dossier: get('OVERHEIDop.dossiernummer'),
    number: get('OVERHEIDop.ondernummer'),
    manifestations: [],
  };
}
