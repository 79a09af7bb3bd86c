import { open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { LloError } from '../errors.js';

/**
 * A polite HTTP client for the government's open-data services: one request at a time (callers
 * queue), a pause between requests, retries with exponential backoff on network errors, 429 and
 * 5xx (honouring Retry-After), and a clear message when the service cannot be reached at all.
 * Downloads are resumable: the bytes go to a `.part` file that survives an interruption, and the
 * next attempt asks only for the rest (HTTP Range, guarded by If-Range so that a document that
 * changed meanwhile is fetched whole again).
 */
export interface HttpOptions {
  /** Retries after the first attempt. */
  retries: number;
  /** Delay before the first retry; it doubles with every further one. */
  retryDelayMs: number;
  /** Pause between two requests, so that a dossier of 200 documents is not a burst. */
  pauseMs: number;
  timeoutMs: number;
  userAgent: string;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

const NETWORK = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const CANNOT_CONNECT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A failure worth another try: the network, or the service saying "later" (429, 5xx). */
class Transient extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

function networkCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && NETWORK.has(e.code)) return e.code;
    if ((e as Error).name === 'TimeoutError') return 'ETIMEDOUT';
  }
  return undefined;
}

export class Http {
  private queue: Promise<unknown> = Promise.resolve();
  private last = 0;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HttpOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** GET a URL whole. Resolves with any status the service answers with after the retries. */
  get(url: string): Promise<HttpResponse> {
    return this.serial(() =>
      this.retrying(url, async () => {
        const res = await this.request(url, {});
        return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await readBody(res) };
      }),
    );
  }

  /**
   * Downloads a URL into `part`, continuing a previous partial download there. Resolves with the
   * complete bytes and the status; the caller decides what to keep and removes the part file.
   */
  download(url: string, part: string): Promise<HttpResponse> {
    return this.serial(() => this.retrying(url, () => this.downloadOnce(url, part)));
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const wait = this.last + this.options.pauseMs - Date.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await task();
      } finally {
        this.last = Date.now();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async retrying<T>(url: string, attempt: () => Promise<T>): Promise<T> {
    for (let k = 0; ; k++) {
      try {
        return await attempt();
      } catch (err) {
        const transient =
          err instanceof Transient
            ? err
            : networkCode(err)
              ? new Transient((err as Error).message, networkCode(err)!)
              : undefined;
        if (!transient) throw err;
        if (k >= this.options.retries) throw unreachable(url, transient, k + 1);
        const backoff = this.options.retryDelayMs * 2 ** k;
        await this.sleep(Math.min(60_000, Math.max(backoff, transient.retryAfterMs ?? 0)));
      }
    }
  }

  private async request(url: string, headers: Record<string, string>): Promise<Response> {
    const res = await fetch(url, {
      headers: { 'user-agent': this.options.userAgent, ...headers },
      signal: AbortSignal.timeout(this.options.timeoutMs),
      redirect: 'follow',
    }).catch((err: unknown) => {
      if (networkCode(err)) throw err;
      // Not the network: a URL fetch refuses (a bad port, a malformed address).
      const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
      throw new LloError('LLO_FETCH_FAILED', `cannot request ${url}: ${cause}`);
    });
    if (res.status === 429 || res.status >= 500) {
      await res.body?.cancel();
      const after = Number(res.headers.get('retry-after'));
      throw new Transient(
        `HTTP ${res.status}`,
        `HTTP ${res.status}`,
        Number.isFinite(after) && after > 0 ? after * 1000 : undefined,
      );
    }
    return res;
  }

  private async downloadOnce(url: string, part: string): Promise<HttpResponse> {
    const sidecar = `${part}.json`;
    const saved = await readFile(sidecar, 'utf8')
      .then((t) => JSON.parse(t) as { url: string; validator?: string })
      .catch(() => undefined);
    let offset =
      saved?.url === url
        ? await stat(part).then(
            (s) => s.size,
            () => 0,
          )
        : 0;
    const headers: Record<string, string> =
      offset > 0 ? { range: `bytes=${offset}-`, ...(saved?.validator ? { 'if-range': saved.validator } : {}) } : {};
    const res = await this.request(url, headers);
    const contentType = res.headers.get('content-type') ?? '';
    if (res.status === 416) {
      // The part file is not a prefix of the document any more: start again.
      await res.body?.cancel();
      await rm(part, { force: true });
      throw new Transient('range not satisfiable', 'HTTP 416');
    }
    if (res.status !== 206 || !res.headers.get('content-range')?.startsWith(`bytes ${offset}-`)) offset = 0;
    if (res.status !== 200 && res.status !== 206) return { status: res.status, contentType, body: await readBody(res) };
    const validator = res.headers.get('etag') ?? res.headers.get('last-modified') ?? undefined;
    if (offset === 0) await writeFile(sidecar, JSON.stringify({ url, ...(validator ? { validator } : {}) }));
    const out = await open(part, offset === 0 ? 'w' : 'a');
    try {
      // Written as it arrives, so that an interruption keeps what came.
      for await (const chunk of res.body ?? []) await out.write(chunk as Uint8Array);
    } finally {
      await out.close();
    }
    const body = await readFile(part);
    const length = Number(res.headers.get('content-length'));
    if (Number.isFinite(length) && length > 0 && body.length - offset !== length)
      throw new Transient(`received ${body.length - offset} of ${length} bytes`, 'ECONNRESET');
    return { status: 200, contentType, body };
  }
}

/** Removes a download's part file and its record. */
export async function discardPart(part: string): Promise<void> {
  await rm(part, { force: true });
  await rm(`${part}.json`, { force: true });
}

async function readBody(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

function unreachable(url: string, err: Transient, attempts: number): LloError {
  const host = new URL(url).host;
  const tries = attempts === 1 ? '' : ` (${attempts} attempts)`;
  if (CANNOT_CONNECT.has(err.code))
    return new LloError(
      'LLO_OFFLINE',
      `cannot reach ${host} (${err.code})${tries}: are you online? Nothing was lost; run the same command again to continue`,
    );
  return new LloError(
    'LLO_FETCH_FAILED',
    `${host} did not answer properly (${err.code === err.message ? err.code : `${err.code}: ${err.message}`})${tries}; run the same command again to continue where it stopped`,
    { at: url },
  );
}
