import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCorpus } from '../corpus/manifest.js';
import { LloError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { assignCitations } from './cite.js';
import { CorpusYaml } from './corpus-yaml.js';
import { discardPart, Http, type HttpOptions } from './http.js';
import {
  dossierQuery,
  identifierQuery,
  parseSruResponse,
  recordFromXml,
  sruUrl,
  type PublicationRecord,
} from './sru.js';

/** Where the official publications are: the search service and the document store. */
export interface Endpoints {
  sru: string;
  documents: string;
}

export const DEFAULT_ENDPOINTS: Endpoints = {
  sru: 'https://repository.overheid.nl/sru',
  documents: 'https://zoek.officielebekendmakingen.nl',
};

/** One base URL for both (a mirror, or a test server): `{base}/sru` and `{base}/{id}.xml`. */
export function endpointsAt(base: string | undefined): Endpoints {
  if (!base) return DEFAULT_ENDPOINTS;
  if (!URL.canParse(base) || !/^https?:$/u.test(new URL(base).protocol))
    throw new LloError(
      'LLO_OPTION',
      `--base-url must be an http(s) address such as http://127.0.0.1:8080, got "${base}"`,
    );
  const root = base.replace(/\/+$/u, '');
  return { sru: `${root}/sru`, documents: root };
}

export interface FetchOptions {
  ids: readonly string[];
  /** Citation keys given by a study manifest, by identifier. */
  presetCites?: ReadonlyMap<string, string>;
  /** Citation keys taken by documents outside the corpus (a study manifest's `reserved`). */
  reservedCites?: readonly string[];
  dossier?: string;
  from?: string;
  type?: string;
  /** The corpus folder; its corpus.yaml gets the new entries. */
  corpus: string;
  force: boolean;
  endpoints: Endpoints;
  http: HttpOptions;
}

/**
 * new: written; updated: replaced (with --force); unchanged: the same bytes as the local file;
 * changed: the published document differs from the local file, which was kept; failed: see message.
 */
export type FetchStatus = 'new' | 'updated' | 'unchanged' | 'changed' | 'failed';

export interface FetchResult {
  id: string;
  status: FetchStatus;
  file?: string;
  format?: 'xml' | 'pdf';
  cite?: string;
  /** Whether the document was added to corpus.yaml in this run. */
  added: boolean;
  message?: string;
}

const ID = /^[a-z]{1,6}(-[A-Za-z0-9]+)+$/u;
const DOSSIER = /^\d{1,6}(-[A-Z0-9]+)?$/u;
const PAGE_SIZE = 100;
/** The root elements of the official publication XML (as src/corpus/formats/xml.ts reads them). */
const OFFICIAL_ROOTS = [
  'officiele-publicatie',
  'kamerstuk',
  'staatscourant',
  'staatsblad',
  'kamervragen',
  'handelingen',
  'bijlage',
];

export function checkFetchOptions(o: Pick<FetchOptions, 'ids' | 'dossier' | 'from'>): void {
  for (const id of o.ids)
    if (!ID.test(id))
      throw new LloError(
        'LLO_OPTION',
        `"${id}" is not an official publication id (such as kst-30012-142 or stcrt-2021-35685)`,
      );
  if (o.dossier !== undefined && !DOSSIER.test(o.dossier))
    throw new LloError(
      'LLO_OPTION',
      `--dossier must be a dossier number such as 30012 or 36600-VII, got "${o.dossier}"`,
    );
  if (o.from !== undefined && !/^\d{4}-\d{2}-\d{2}$/u.test(o.from))
    throw new LloError('LLO_OPTION', `--from must be a date YYYY-MM-DD, got "${o.from}"`);
  if (o.ids.length === 0 && o.dossier === undefined)
    throw new LloError('LLO_OPTION', 'name the publications to fetch (ids), a --dossier, or a --manifest');
}

/**
 * Fetches official publications into a corpus folder, one request at a time: looks each up in the
 * search service, downloads its XML (its PDF where there is no XML), writes it unless a different
 * local file is there (then it reports "changed" and keeps the local file, unless `force`), and
 * adds it to corpus.yaml with a citation key. Each document is recorded as soon as it is written,
 * so an interrupted run loses nothing and the same command continues it.
 */
export async function fetchPublications(
  options: FetchOptions,
  onResult: (r: FetchResult) => void = () => {},
): Promise<{ results: FetchResult[]; manifest: string; created: boolean; adopted: string[] }> {
  checkFetchOptions(options);
  const http = new Http(options.http);
  const manifest = await CorpusYaml.open(join(options.corpus, 'corpus.yaml'));
  const created = manifest.isNew;
  const targets: { id: string; record?: PublicationRecord }[] = [];
  for (const id of options.ids) targets.push({ id, ...(await lookUp(http, options.endpoints, id)) });
  if (options.dossier) {
    const type = options.type?.toLowerCase();
    for (const record of await searchDossier(http, options.endpoints, options.dossier, options.from))
      if (
        (!options.from || record.date >= options.from) &&
        (!type || [record.subtype, record.kind].some((t) => t.toLowerCase() === type)) &&
        !targets.some((t) => t.id === record.identifier)
      )
        targets.push({ id: record.identifier, record });
  }
  // Date order, so that the letters of the citation keys follow it; unlisted documents last.
  targets.sort(
    (a, b) => (a.record?.date ?? '9999').localeCompare(b.record?.date ?? '9999') || a.id.localeCompare(b.id),
  );
  // A manifest that lists no documents means "every file in the folder"; once it lists one, only
  // the listed files count. So the files already there are listed first, and stay in the corpus.
  const adopted: string[] = [];
  if (manifest.ids().size === 0)
    for (const d of await openCorpus(options.corpus).then(
      (c) => c.documents,
      () => [],
    ))
      if (!targets.some((t) => t.id === d.id) && manifest.add({ id: d.id, file: d.file })) adopted.push(d.file);
  await mkdir(options.corpus, { recursive: true });
  const results: FetchResult[] = [];
  for (const target of targets) {
    let result: FetchResult;
    try {
      result = await fetchOne(http, options, manifest, target.id, target.record);
    } catch (err) {
      if (!(err instanceof LloError) || err.code === 'LLO_OFFLINE') throw err;
      result = { id: target.id, status: 'failed', added: false, message: err.message };
    }
    results.push(result);
    onResult(result);
  }
  return { results, manifest: manifest.file, created, adopted: results.some((r) => r.added) ? adopted : [] };
}

async function lookUp(http: Http, endpoints: Endpoints, id: string): Promise<{ record?: PublicationRecord }> {
  const url = sruUrl(endpoints.sru, identifierQuery(id), 1, 1);
  const page = parseSruResponse(await text(http, url), url);
  const record = page.records.find((r) => r.identifier === id);
  return record ? { record } : {};
}

async function searchDossier(http: Http, endpoints: Endpoints, dossier: string, from?: string) {
  const records: PublicationRecord[] = [];
  for (let start: number | undefined = 1; start !== undefined;) {
    const url = sruUrl(endpoints.sru, dossierQuery(dossier, from), start, PAGE_SIZE);
    const page = parseSruResponse(await text(http, url), url);
    records.push(...page.records);
    const next: number | undefined =
      page.next ?? (start + page.records.length <= page.total ? start + page.records.length : undefined);
    start = page.records.length > 0 && next !== undefined && next > start ? next : undefined;
  }
  return records;
}

async function text(http: Http, url: string): Promise<string> {
  const res = await http.get(url);
  if (res.status !== 200)
    throw new LloError('LLO_FETCH_FAILED', `the search service answered HTTP ${res.status}`, { at: url });
  return res.body.toString('utf8');
}

async function fetchOne(
  http: Http,
  options: FetchOptions,
  manifest: CorpusYaml,
  id: string,
  listed: PublicationRecord | undefined,
): Promise<FetchResult> {
  // The record says which manifestations exist; without one (not yet indexed) try XML, then PDF.
  const formats = (['xml', 'pdf'] as const).filter(
    (f) => !listed?.manifestations.length || listed.manifestations.includes(f),
  );
  const answers: string[] = [];
  for (const format of formats) {
    const url = `${options.endpoints.documents}/${id}.${format}`;
    const file = `${id}.${format}`;
    const part = join(options.corpus, `.${file}.part`);
    const res = await http.download(url, part);
    const problem = res.status !== 200 ? `HTTP ${res.status}` : checkBody(format, res.body);
    if (problem) {
      answers.push(`${format}: ${problem}`);
      await discardPart(part);
      continue;
    }
    const record =
      listed ??
      (format === 'xml' ? recordFromXml(id, res.body.toString('utf8')) : { ...recordFromXml(id, ''), identifier: id });
    const status = await store(join(options.corpus, file), res.body, options.force);
    await discardPart(part);
    const cite = assignCitations(
      [record],
      [...manifest.cites(), ...(options.reservedCites ?? [])],
      options.presetCites,
    ).get(id)!;
    const added = manifest.add({
      id,
      file,
      title: record.title,
      type: record.subtype || record.kind || record.publication,
      date: record.date,
      dossier: record.dossier,
      identifier: id,
      cite,
      source: url,
    });
    if (added) await manifest.save();
    return {
      id,
      status,
      file: join(options.corpus, file),
      format,
      cite,
      added,
      ...(status === 'changed'
        ? { message: 'the published document differs from the local file; kept the local file (--force replaces it)' }
        : {}),
    };
  }
  const where = listed ? 'the search service lists it, but' : 'the search service has no record of it, and';
  throw new LloError(
    'LLO_FETCH_NOT_FOUND',
    `no such publication: ${where} the document store answered ${answers.join('; ')}`,
  );
}

/** Why a body is not the document asked for, or undefined when it is. */
function checkBody(format: 'xml' | 'pdf', body: Buffer): string | undefined {
  if (format === 'pdf') return body.subarray(0, 5).toString('latin1') === '%PDF-' ? undefined : describe(body);
  const root = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<([\w.:-]+)/iu.exec(
    body.toString('utf8').replace(/^\uFEFF/u, ''),
  );
  return root && OFFICIAL_ROOTS.includes(root[1]!) ? undefined : describe(body);
}

function describe(body: Buffer): string {
  const head = body.subarray(0, 2048).toString('utf8');
  if (/<html[\s>]/iu.test(head)) return 'a web page (status 200) instead of the document — the id may not exist';
  return body.length === 0 ? 'an empty response' : 'something that is not an official publication';
}

/** Writes a document unless a different local file is there (kept unless `force`). */
async function store(path: string, body: Buffer, force: boolean): Promise<FetchStatus> {
  const local = await readFile(path).catch(() => undefined);
  if (local?.equals(body)) return 'unchanged';
  if (local && !force) return 'changed';
  await writeFileAtomic(path, body);
  return local ? 'updated' : 'new';
}
