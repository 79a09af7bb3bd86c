import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assignCitations } from '../src/fetch/cite.js';
import { CorpusYaml } from '../src/fetch/corpus-yaml.js';
import { endpointsAt, fetchPublications } from '../src/fetch/fetch.js';
import { loadStudyManifest, studyTargets } from '../src/fetch/study.js';
import { parseSruResponse, type PublicationRecord } from '../src/fetch/sru.js';
import { FIXTURES, ROOT, tempDir } from './helpers/cli.js';
import { startPublicationServer, type PublicationServer } from './helpers/publication-server.js';
import { inProcess } from './helpers/run.js';

const recorded = (name: string) => readFileSync(join(FIXTURES, 'fetch/documents', name));
const manifestOf = (dir: string) =>
  parse(readFileSync(join(dir, 'corpus/corpus.yaml'), 'utf8')) as { documents: Record<string, string>[] };
const entry = (dir: string, id: string) => manifestOf(dir).documents.find((d) => d['id'] === id);

describe('llo fetch against recorded responses on 127.0.0.1', () => {
  let server: PublicationServer;
  const fetch = (dir: string, ...args: string[]) =>
    inProcess(['fetch', '--corpus', join(dir, 'corpus'), '--base-url', server.url, '--retry-delay', '10', ...args]);
  beforeAll(async () => {
    server = await startPublicationServer();
  });
  afterAll(() => server.close());

  it('ids → XML into the corpus, corpus.yaml entries with comments kept → ingest → citation keys in the quotes', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'corpus'));
    writeFileSync(join(dir, 'corpus/notes.txt'), 'Eigen aantekening.\n');
    const yaml =
      '# My study corpus — keep this comment\nname: Mijn studie\ndocuments:\n  - id: notes   # my own file\n    file: notes.txt\n    cite: Eigen 2024\n';
    writeFileSync(join(dir, 'corpus/corpus.yaml'), yaml);
    const run = await fetch(dir, 'kst-30012-142', 'stcrt-2021-35685', 'kst-30012-141');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^kst-30012-141: new .*kst-30012-141\.xml \[TK 2021\/2022a\], added to corpus\.yaml$/mu);
    expect(run.stdout).toMatch(/^kst-30012-142: new .*\[TK 2021\/2022b\]/mu);
    expect(run.stdout).toMatch(/^stcrt-2021-35685: new .*\[Stcrt\. 2021, 35685\]/mu);
    expect(readFileSync(join(dir, 'corpus/kst-30012-142.xml'))).toEqual(recorded('kst-30012-142.xml'));
    const text = readFileSync(join(dir, 'corpus/corpus.yaml'), 'utf8');
    expect(text.startsWith(yaml)).toBe(true);
    expect(entry(dir, 'kst-30012-142')).toEqual({
      id: 'kst-30012-142',
      file: 'kst-30012-142.xml',
      title: 'Leven lang leren; Brief regering; Voortgang STAP-budget',
      type: 'Brief regering',
      date: '2022-02-25',
      dossier: '30012',
      identifier: 'kst-30012-142',
      cite: 'TK 2021/2022b',
      source: `${server.url}/kst-30012-142.xml`,
    });
    expect(readdirSync(join(dir, 'corpus')).filter((f) => f.startsWith('.'))).toEqual([]);

    const ingest = await inProcess(['ingest', 'corpus', '--out', 'out/segments.csv'], dir);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/kst-30012-142 +xml +6 segments +new/u);
    const codebook = join(FIXTURES, '../../codebooks/llo.yaml');
    expect(
      (await inProcess(['code', '--segments', 'out/segments.csv', '--coder', 'auto', '--codebook', codebook], dir))
        .code,
    ).toBe(0);
    const quotes = await inProcess(['quotes', '--document', 'kst-30012-142', '--codebook', codebook], dir);
    expect(quotes.code).toBe(0);
    expect(quotes.stdout).toContain('## TK 2021/2022b — Leven lang leren; Brief regering; Voortgang STAP-budget');
    expect(quotes.stdout).toMatch(/\*\*\(TK 2021\/2022b\)\*\* · section “BRIEF VAN DE MINISTERS/u);
  });

  it('into a study made by llo init: the commented manifest gets its list, files already there stay; no flags inside the study', async () => {
    const dir = tempDir();
    expect((await inProcess(['init', 'study'], dir)).code).toBe(0);
    const study = join(dir, 'study');
    const comments = readFileSync(join(study, 'corpus/corpus.yaml'), 'utf8');
    writeFileSync(join(study, 'corpus/eigen-notitie.txt'), 'De overheid stimuleert scholing.\n');
    mkdirSync(join(study, 'sub'));
    const run = await inProcess(['fetch', 'kst-30012-142', '--base-url', server.url], join(study, 'sub'));
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Listed in corpus.yaml, so they stay in the corpus: eigen-notitie.txt');
    const text = readFileSync(join(study, 'corpus/corpus.yaml'), 'utf8');
    expect(
      text.startsWith(
        `${comments}documents:\n  - id: eigen-notitie\n    file: eigen-notitie.txt\n  - id: kst-30012-142\n`,
      ),
    ).toBe(true);
    const ingest = await inProcess(['ingest'], join(study, 'sub'));
    expect(ingest.stdout).toMatch(/Ingested 2 documents/u);
  });

  it('a dossier: two pages of search results, filtered by type and date; PDF where there is no XML', async () => {
    const dir = tempDir();
    const before = server.requests.length;
    const run = await fetch(dir, '--dossier', '30012', '--type', 'Brief regering', '--from', '2021-09-01');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sru = server.requests.slice(before).filter((r) => r.path === '/sru');
    expect(sru.map((r) => r.query.get('startRecord'))).toEqual(['1', '3']);
    expect(sru[0]!.query.get('query')).toBe(
      'c.product-area==officielepublicaties AND w.dossiernummer==30012 AND dt.date>=2021-09-01 sortBy dt.date/sort.ascending',
    );
    const docs = server.requests
      .slice(before)
      .filter((r) => r.path !== '/sru')
      .map((r) => r.path);
    expect(docs).toEqual(['/kst-30012-141.xml', '/kst-30012-142.xml', '/kst-1027342.pdf']);
    expect(manifestOf(dir).documents.map((d) => [d['id'], d['file'], d['cite']])).toEqual([
      ['kst-30012-141', 'kst-30012-141.xml', 'TK 2021/2022a'],
      ['kst-30012-142', 'kst-30012-142.xml', 'TK 2021/2022b'],
      ['kst-1027342', 'kst-1027342.pdf', 'TK 2021/2022c'],
    ]);
    expect(readFileSync(join(dir, 'corpus/kst-1027342.pdf'))).toEqual(recorded('kst-1027342.pdf'));
    expect(run.stdout).toMatch(/^3 publications: 3 new, 0 updated, 0 unchanged, 0 changed, 0 failed\./mu);
  });

  it("the bundled study manifest: every id it lists is asked for; the study's keys and reserved letters are used", async () => {
    const dir = tempDir();
    const { manifest } = await loadStudyManifest('study-2024');
    const study = studyTargets(manifest);
    expect(study.reservedCites).toEqual(['TK 2020/2021a', 'TK 2022/2023b']);
    expect(study.presetCites.get('kst-30012-156')).toBe('TK 2023/2024a');
    const { results } = await fetchPublications({
      ...study,
      corpus: join(dir, 'corpus'),
      force: false,
      endpoints: endpointsAt(server.url),
      http: { retries: 0, retryDelayMs: 10, pauseMs: 0, timeoutMs: 20_000, userAgent: 'llo-test' },
    });
    // The recorded responses hold four of its seven publications; the others are unknown to the stand-in server.
    expect(results.filter((r) => r.status === 'failed').map((r) => r.id)).toEqual([
      'kst-30012-138',
      'kst-30012-139',
      'kst-30012-156',
    ]);
    expect(manifestOf(dir).documents.map((d) => [d['id'], d['cite']])).toEqual([
      ['stcrt-2021-35685', 'Stcrt. 2021, 35685'],
      ['kst-30012-141', 'TK 2021/2022a'],
      ['kst-30012-142', 'TK 2021/2022b'],
      ['kst-1027342', 'TK 2021/2022c'],
    ]);
  });

  it('an unknown id: one clear line, exit 1, nothing written', async () => {
    const dir = tempDir();
    const run = await fetch(dir, 'kst-30012-999');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'kst-30012-999: failed — no such publication: the search service has no record of it, and the document store answered xml: a web page (status 200) instead of the document — the id may not exist; pdf: a web page',
    );
    expect(run.stderr).toBe('llo: error: 1 publication could not be fetched (see above)\n');
    expect(existsSync(join(dir, 'corpus/corpus.yaml'))).toBe(false);
    expect(readdirSync(join(dir, 'corpus'))).toEqual([]);
    const bad = await fetch(dir, '../etc/passwd');
    expect(bad.stderr).toMatch(/^llo: error: "\.\.\/etc\/passwd" is not an official publication id/u);
  });

  it('offline (connection refused): one line saying so after the retries, nothing written', async () => {
    const closed = await startPublicationServer();
    await closed.close();
    const dir = tempDir();
    const run = await inProcess([
      'fetch',
      'kst-30012-142',
      '--corpus',
      join(dir, 'corpus'),
      '--base-url',
      closed.url,
      '--retries',
      '1',
      '--retry-delay',
      '10',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `llo: error: cannot reach ${closed.url.slice(7)} (ECONNREFUSED) (2 attempts): are you online? Nothing was lost; run the same command again to continue\n`,
    );
    expect(existsSync(join(dir, 'corpus/corpus.yaml'))).toBe(false);
  });

  /** The core in-process, without the pause between requests the command keeps for the real service. */
  const fetchCore = (dir: string, ids: string[], options: { retries?: number; force?: boolean } = {}) =>
    fetchPublications({
      ids,
      corpus: join(dir, 'corpus'),
      force: options.force ?? false,
      endpoints: endpointsAt(server.url),
      http: { retries: options.retries ?? 2, retryDelayMs: 10, pauseMs: 0, timeoutMs: 20_000, userAgent: 'llo-test' },
    });

  it('an interrupted download is resumed from where it broke off (Range, guarded by If-Range)', async () => {
    const whole = recorded('kst-30012-142.xml');
    const half = Math.floor(whole.length / 2);
    // Starts a fetch whose download stalls after half the document, and breaks the connection once
    // the client has written those bytes to its part file.
    const interrupted = async (dir: string, retries: number) => {
      server.interrupt.add('kst-30012-142.xml');
      const fetching = fetchCore(dir, ['kst-30012-142'], { retries });
      const part = join(dir, 'corpus/.kst-30012-142.xml.part');
      while (!existsSync(part) || statSync(part).size < half) await new Promise((r) => setTimeout(r, 10));
      server.drop('kst-30012-142.xml');
      return (await fetching).results[0]!;
    };
    const dir = tempDir();
    const first = await interrupted(dir, 0);
    expect(first).toMatchObject({ status: 'failed', added: false });
    expect(first.message).toMatch(/did not answer properly .*run the same command again to continue where it stopped/u);
    const part = join(dir, 'corpus/.kst-30012-142.xml.part');
    expect(readFileSync(part)).toEqual(whole.subarray(0, half));
    expect(existsSync(join(dir, 'corpus/kst-30012-142.xml'))).toBe(false);
    const before = server.requests.length;
    const [second] = (await fetchCore(dir, ['kst-30012-142'])).results;
    expect(second).toMatchObject({ status: 'new', added: true, cite: 'TK 2021/2022a' });
    const resumed = server.requests.slice(before).find((r) => r.path === '/kst-30012-142.xml')!;
    expect(resumed.headers.range).toBe(`bytes=${half}-`);
    expect(resumed.headers['if-range']).toMatch(/^"[0-9a-f]{40}"$/u);
    expect(readFileSync(join(dir, 'corpus/kst-30012-142.xml'))).toEqual(whole);
    expect(readdirSync(join(dir, 'corpus')).sort()).toEqual(['corpus.yaml', 'kst-30012-142.xml']);
    // Within one run, a retry resumes the same way.
    const again = tempDir();
    expect((await interrupted(again, 1)).status).toBe('new');
    expect(readFileSync(join(again, 'corpus/kst-30012-142.xml'))).toEqual(whole);
  });

  it('a document changed at the source is reported as changed and kept; --force replaces it', async () => {
    const dir = tempDir();
    const status = async (force = false) => (await fetchCore(dir, ['kst-30012-142'], { force })).results[0]!;
    expect((await status()).status).toBe('new');
    expect((await status()).status).toBe('unchanged');
    const changed = Buffer.from(
      recorded('kst-30012-142.xml').toString('utf8').replace('25 februari 2022', '26 februari 2022'),
    );
    server.replace.set('kst-30012-142.xml', changed);
    try {
      expect(await status()).toMatchObject({
        status: 'changed',
        message: 'the published document differs from the local file; kept the local file (--force replaces it)',
      });
      expect(readFileSync(join(dir, 'corpus/kst-30012-142.xml'))).toEqual(recorded('kst-30012-142.xml'));
      expect((await status(true)).status).toBe('updated');
      expect(readFileSync(join(dir, 'corpus/kst-30012-142.xml'))).toEqual(changed);
      expect(manifestOf(dir).documents).toHaveLength(1);
    } finally {
      server.replace.clear();
    }
  });
});

describe('fetch core', () => {
  it('a new corpus.yaml entry leaves every byte of the hand-written manifest as it was', async () => {
    const dir = tempDir();
    const original = readFileSync(join(ROOT, 'corpus/corpus.yaml'), 'utf8');
    writeFileSync(join(dir, 'corpus.yaml'), original);
    const manifest = await CorpusYaml.open(join(dir, 'corpus.yaml'));
    const added = {
      id: 'kst-30012-138',
      file: 'kst-30012-138.xml',
      identifier: 'kst-30012-138',
      cite: 'TK 2020/2021b',
      source: 'https://x/kst-30012-138.xml',
      dossier: '30012',
    };
    expect(manifest.add(added)).toBe(true);
    expect(manifest.add(added)).toBe(false);
    await manifest.save();
    const text = readFileSync(join(dir, 'corpus.yaml'), 'utf8');
    expect(text).toBe(
      `${original}\n  - id: kst-30012-138\n    file: kst-30012-138.xml\n    identifier: kst-30012-138\n    cite: TK 2020/2021b\n    source: https://x/kst-30012-138.xml\n    dossier: "30012"\n`,
    );
  });

  const record = (identifier: string, date: string, session = ''): PublicationRecord => ({
    identifier,
    date,
    session,
    title: '',
    subtype: '',
    kind: '',
    publication: '',
    creator: '',
    dossier: '',
    number: '',
    manifestations: [],
  });

  it('citation keys: letters per parliamentary year in date order, after the letters already used', () => {
    const keys = assignCitations(
      [
        record('kst-30012-156', '2023-11-13', '2023-2024'),
        record('kst-30012-142', '2022-02-25', '2021-2022'),
        record('kst-30012-141', '2021-10-15', '2021-2022'),
        record('kst-30012-138', '2021-06-21'),
        record('stb-2021-12', '2021-01-05'),
      ],
      ['TK 2023/2024a', 'Kamerstukken II 2021/22, 30012, nr. 142'],
      new Map([['kst-30012-138', 'TK 2020/2021b']]),
    );
    expect(Object.fromEntries(keys)).toEqual({
      'kst-30012-156': 'TK 2023/2024b',
      'kst-30012-141': 'TK 2021/2022a',
      'kst-30012-142': 'TK 2021/2022b',
      'kst-30012-138': 'TK 2020/2021b',
      'stb-2021-12': 'Stb. 2021, 12',
    });
  });

  it('an SRU diagnostic (a refused query) is an error naming it', () => {
    const xml = `<sru:searchRetrieveResponse xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse"><sru:numberOfRecords>0</sru:numberOfRecords><sru:diagnostics><diag:diagnostic xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic"><diag:uri>info:srw/diagnostic/1/10</diag:uri><diag:message>Query syntax error</diag:message></diag:diagnostic></sru:diagnostics></sru:searchRetrieveResponse>`;
    expect(() => parseSruResponse(xml, 'http://x/sru')).toThrow(
      'the search service refused the query: Query syntax error',
    );
    expect(() => parseSruResponse('<html><body>Storing</body></html>', 'http://x/sru')).toThrow(
      /other than an SRU response \(<html>\)/u,
    );
  });
});
