import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { readCsv } from '../io/csv.js';
import { startWorker } from '../io/worker-script.js';
import { DigestBuilder } from './digest.js';
import { scanSegmentIds } from './scan-segments.js';
import { SEGMENT_COLUMNS } from './segments.js';

/**
 * What changed since the last ingest, judged from the segments file that run wrote: per document
 * a digest over its segment ids and text hashes. Codings made on a changed document can then be
 * flagged (`llo codings validate` compares segment hashes one by one).
 */
const EMPTY = createHash('sha256').digest('hex');

export type ChangeStatus = 'new' | 'changed' | 'unchanged' | 'removed';

/** Digests per document of an existing segments file; undefined if there is none. */
export async function previousDigests(file: string): Promise<Map<string, string> | undefined> {
  if (!(await stat(file).then((s) => s.isFile(), () => false))) return undefined;
  // The file llo wrote is read by a scanner that decodes only the three columns needed; a file
  // that is not in exactly that shape (edited by hand, another column order) goes through the
  // full CSV parser.
  const fast = new DigestBuilder();
  if (await scanSegmentIds(file, (document, segment, hash) => fast.add(document, segment, hash))) return fast.finish();
  const builder = new DigestBuilder();
  for await (const { values } of readCsv(file, SEGMENT_COLUMNS)) builder.add(values['document']!, values['segment']!, values['hash']!);
  return builder.finish();
}

/** From this size on, the previous segments file is read on a worker thread. */
const ASIDE_BYTES = 16 << 20;

/**
 * previousDigests, started now and awaited when the new file is complete: a large previous file
 * is read on a second thread while the documents are read on this one.
 */
export async function previousDigestsAside(file: string): Promise<Map<string, string> | undefined> {
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : -1),
    () => -1,
  );
  if (size < 0) return undefined;
  if (size < ASIDE_BYTES) return previousDigests(file);
  const worker = startWorker(new URL('./digests-worker.js', import.meta.url), { workerData: { file } });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', (m: { digests?: [string, string][]; error?: string }) =>
        m.error !== undefined ? reject(new Error(m.error)) : resolve(m.digests && new Map(m.digests)),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the reader stopped (exit code ${code})`)));
    });
  } finally {
    void worker.terminate();
  }
}

export function compareDigests(before: ReadonlyMap<string, string> | undefined, after: ReadonlyMap<string, string>, order: readonly string[]): { document: string; status: ChangeStatus }[] {
  const out: { document: string; status: ChangeStatus }[] = order.map((document) => {
    // A document without segments leaves no row in the file, so its absence means "empty".
    const old = before && (before.get(document) ?? (after.get(document) === EMPTY ? EMPTY : undefined));
    const status: ChangeStatus = old === undefined ? 'new' : old === after.get(document) ? 'unchanged' : 'changed';
    return { document, status };
  });
  for (const document of [...(before?.keys() ?? [])].sort()) if (!after.has(document)) out.push({ document, status: 'removed' });
  return out;
}
