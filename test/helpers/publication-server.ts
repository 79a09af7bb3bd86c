import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FIXTURES } from './cli.js';

/**
 * A stand-in for the official publication services on 127.0.0.1, answering from the recorded
 * responses in test/fixtures/fetch/ (see its README): the SRU search service at /sru and the
 * documents at /{id}.xml and /{id}.pdf, with ETag and Range support as a file server has. An
 * unknown document is answered as the real site does: a web page with status 200.
 */
const DIR = join(FIXTURES, 'fetch');

export interface Served {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface PublicationServer {
  url: string;
  requests: Served[];
  /** Documents to serve instead of the recorded ones (a document changed at the source). */
  replace: Map<string, Buffer>;
  /**
   * Documents whose next response stalls after half the bytes; `drop(name)` then breaks the
   * connection. The test drops it once the client has saved those bytes, so nothing depends on
   * how fast the machine is.
   */
  interrupt: Set<string>;
  drop(name: string): void;
  close(): Promise<void>;
}

function sruFile(query: string, start: number): string {
  const id = /dt\.identifier==(\S+)/u.exec(query)?.[1];
  if (id) return existsSync(join(DIR, 'sru', `${id}.xml`)) ? `${id}.xml` : 'empty.xml';
  const dossier = /w\.dossiernummer==(\S+)/u.exec(query)?.[1];
  const page = { 1: 'page1', 3: 'page2' }[start];
  return dossier && page && existsSync(join(DIR, 'sru', `dossier-${dossier}-${page}.xml`))
    ? `dossier-${dossier}-${page}.xml`
    : 'empty.xml';
}

export async function startPublicationServer(): Promise<PublicationServer> {
  const requests: Served[] = [];
  const replace = new Map<string, Buffer>();
  const interrupt = new Set<string>();
  const stalled = new Map<string, { destroy(): void }>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers });
    if (url.pathname === '/sru') {
      const file = sruFile(url.searchParams.get('query') ?? '', Number(url.searchParams.get('startRecord')));
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
      return void res.end(readFileSync(join(DIR, 'sru', file)));
    }
    const name = url.pathname.slice(1);
    const recorded = join(DIR, 'documents', name);
    const body =
      replace.get(name) ?? (existsSync(recorded) && !name.includes('/') ? readFileSync(recorded) : undefined);
    if (!body) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(readFileSync(join(DIR, 'not-found.html')));
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const type = name.endsWith('.pdf') ? 'application/pdf' : 'application/xml';
    const range = /^bytes=(\d+)-$/u.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    if (range && (!ifRange || ifRange === etag) && Number(range[1]) < body.length) {
      const from = Number(range[1]);
      res.writeHead(206, {
        'content-type': type,
        etag,
        'content-length': body.length - from,
        'content-range': `bytes ${from}-${body.length - 1}/${body.length}`,
      });
      return void res.end(body.subarray(from));
    }
    res.writeHead(200, { 'content-type': type, etag, 'content-length': body.length, 'accept-ranges': 'bytes' });
    if (interrupt.delete(name)) {
      // Half the document, then the connection drops.
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      stalled.set(name, res);
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    replace,
    interrupt,
    drop: (name) => {
      stalled.get(name)?.destroy();
      stalled.delete(name);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
