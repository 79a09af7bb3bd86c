import type { MessagePort, TransferListItem } from 'node:worker_threads';
import { LloError, type Place } from '../errors.js';
import { startWorker } from './worker-script.js';

/**
 * Maps inputs to outputs on worker threads and yields the outputs in input order, so that a run
 * with several jobs writes the same bytes as a run with one. At most `jobs × 2` inputs are in
 * flight: memory stays bounded however long the input is.
 *
 * A worker module receives `{ id, input }` messages and answers `{ id, output }` or
 * `{ id, error: { code, message, place } }`; `workerData` carries its one-time setup.
 */
export async function* orderedMap<I, O>(
  inputs: AsyncIterable<I> | Iterable<I>,
  worker: URL,
  workerData: unknown,
  jobs: number,
  options: { transfer?: (input: I) => TransferListItem[] } = {},
): AsyncGenerator<O> {
  const workers = Array.from({ length: jobs }, () => startWorker(worker, { workerData }));
  const idle = [...workers];
  const pending = new Map<number, { resolve: (o: O) => void; reject: (e: unknown) => void }>();
  const waiting: (() => void)[] = [];
  for (const w of workers) {
    w.on('message', (m: { id: number; output?: O; error?: { code: string; message: string; place: Place } }) => {
      const p = pending.get(m.id)!;
      pending.delete(m.id);
      idle.push(w);
      waiting.shift()?.();
      if (m.error) p.reject(new LloError(m.error.code, m.error.message, m.error.place));
      else p.resolve(m.output as O);
    });
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
  }
  // Outputs in input order: a FIFO of promises, at most jobs × 2 long.
  const queue: Promise<O>[] = [];
  let id = 0;
  try {
    for await (const input of inputs) {
      while (idle.length === 0) await new Promise<void>((r) => waiting.push(r));
      const w = idle.pop()!;
      const result = new Promise<O>((resolve, reject) => pending.set(id, { resolve, reject }));
      result.catch(() => undefined); // awaited below, in order; do not report it as unhandled meanwhile
      queue.push(result);
      w.postMessage({ id: id++, input }, options.transfer?.(input));
      while (queue.length > jobs * 2) yield await queue.shift()!;
    }
    while (queue.length > 0) yield await queue.shift()!;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * For worker modules: answers messages with `handle`, turning errors into plain data; `transfer`
 * names the buffers of an output that are handed over rather than copied.
 */
export function serveWorker<I, O>(
  port: MessagePort,
  handle: (input: I) => Promise<O> | O,
  transfer?: (output: O) => TransferListItem[],
): void {
  const answer = async (m: { id: number; input: I }): Promise<void> => {
    try {
      const output = await handle(m.input);
      port.postMessage({ id: m.id, output }, transfer?.(output));
    } catch (err) {
      const e = err instanceof LloError ? err : new LloError('LLO_INTERNAL', (err as Error)?.message ?? String(err));
      port.postMessage({ id: m.id, error: { code: e.code, message: e.message, place: e.place } });
    }
  };
  port.on('message', (m: { id: number; input: I }) => void answer(m));
}
